/**
 * Pixel size of a PNG or JPEG from its header, and whether it is displayed as stored (no EXIF
 * rotation): enough to turn a point found in the decoded pixels into a position on the image as the
 * browser shows it. Never decodes the image.
 */
export type ImageGeometry = { width: number; height: number; asStored: boolean };

export function imageGeometry(bytes: Uint8Array): ImageGeometry | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: signature, then IHDR (width, height big-endian)
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { width: view.getUint32(16), height: view.getUint32(20), asStored: true };
  }
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return null;
  let orientation = 1;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return null;
    const marker = bytes[pos + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      pos += 2;
      continue;
    }
    const len = view.getUint16(pos + 2);
    if (marker === 0xe1 && len >= 16) orientation = exifOrientation(view, pos + 4, len - 2) ?? orientation;
    // SOF0..SOF15 except DHT (c4), JPG (c8), DAC (cc): height then width
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (pos + 9 > bytes.length) return null;
      return { height: view.getUint16(pos + 5), width: view.getUint16(pos + 7), asStored: orientation === 1 };
    }
    pos += 2 + len;
  }
  return null;
}

/** EXIF IFD0 tag 0x0112 (Orientation) of an APP1 segment starting at `start`; null when absent. */
function exifOrientation(view: DataView, start: number, length: number): number | null {
  const end = Math.min(view.byteLength, start + length);
  if (start + 14 > end || view.getUint32(start) !== 0x45786966) return null; // "Exif"
  const tiff = start + 6;
  const little = view.getUint16(tiff) === 0x4949;
  const u16 = (o: number) => (o + 2 <= end ? view.getUint16(o, little) : 0);
  const u32 = (o: number) => (o + 4 <= end ? view.getUint32(o, little) : 0);
  const ifd = tiff + u32(tiff + 4);
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) break;
    if (u16(entry) === 0x0112) return u16(entry + 8);
  }
  return null;
}
