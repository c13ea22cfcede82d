import "server-only";
import { ParseFailure } from "./failure";
import { PARSE_LIMITS } from "./limits";
import { runInWorker } from "./worker-pool";

export type FileKind = "pdf" | "image";

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

/** Width/height from a PNG IHDR or a JPEG SOF marker, without decoding the image. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes[0] === 0x89 && ascii(bytes, 1, 4) === "PNG" && bytes.length >= 24) {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { width: dv.getUint32(16), height: dv.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = bytes[i + 1]!;
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
      }
      i += 2 + len;
    }
  }
  return null;
}

/** Content sniffing + size limits without opening the document (no page count). Throws ParseFailure. */
export function sniffFile(bytes: Uint8Array, declaredName: string): { kind: FileKind; mimeType: string } {
  if (!bytes || bytes.length === 0) throw new ParseFailure("EMPTY", "El archivo está vacío");
  if (bytes.length > PARSE_LIMITS.maxBytes) {
    throw new ParseFailure("TOO_LARGE", `El archivo supera el máximo de ${Math.round(PARSE_LIMITS.maxBytes / 1024 / 1024)} MB`);
  }
  const head = ascii(bytes, 0, 1024);
  const box = ascii(bytes, 4, 12);
  if (/^ftyp(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)/.test(box)) {
    const what = box.includes("avif") ? "AVIF" : "HEIC";
    throw new ParseFailure("NOT_SUPPORTED", `${what} no soportado, exportá como JPG`);
  }
  if (head.startsWith("RIFF") && ascii(bytes, 8, 12) === "WEBP") throw new ParseFailure("NOT_SUPPORTED", "WebP no soportado, exportá como JPG o PNG");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) {
    throw new ParseFailure("NOT_SUPPORTED", "Los archivos comprimidos (ZIP) no se aceptan: subí cada factura como PDF o imagen");
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new ParseFailure("NOT_SUPPORTED", "Los archivos comprimidos (gzip) no se aceptan: subí cada factura como PDF o imagen");
  const isPng = bytes[0] === 0x89 && head.slice(1, 4) === "PNG";
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (isPng || isJpeg) {
    const dim = imageDimensions(bytes);
    if (!dim || !dim.width || !dim.height) throw new ParseFailure("CORRUPT", "La imagen está dañada o incompleta");
    if (dim.width * dim.height > PARSE_LIMITS.maxImagePixels) {
      throw new ParseFailure("TOO_LARGE", `La imagen es demasiado grande (${dim.width}×${dim.height} píxeles)`);
    }
    return { kind: "image", mimeType: isPng ? "image/png" : "image/jpeg" };
  }
  if (head.includes("%PDF-")) return { kind: "pdf", mimeType: "application/pdf" };
  const ext = declaredName.toLowerCase().split(".").pop() ?? "";
  if (ext === "pdf") throw new ParseFailure("CORRUPT", "El archivo dice ser PDF pero su contenido no es un PDF");
  if (["jpg", "jpeg", "png"].includes(ext)) throw new ParseFailure("CORRUPT", "El archivo dice ser una imagen pero su contenido no es JPG ni PNG");
  throw new ParseFailure("NOT_SUPPORTED", "Tipo de archivo no soportado: subí PDF, JPG o PNG");
}

/** Throws TOO_MANY_PAGES / CORRUPT for a PDF page count outside the limits. */
export function checkPageCount(pageCount: number): void {
  if (!pageCount) throw new ParseFailure("CORRUPT", "El PDF no tiene páginas");
  if (pageCount > PARSE_LIMITS.maxPages) {
    throw new ParseFailure("TOO_MANY_PAGES", `El PDF tiene ${pageCount} páginas; el máximo es ${PARSE_LIMITS.maxPages}`);
  }
}

/** Content sniffing + limits (size, pixels, pages). Throws ParseFailure with a Spanish message. */
export async function inspectFile(bytes: Uint8Array, declaredName: string): Promise<{ kind: FileKind; mimeType: string; pageCount: number }> {
  const sniffed = sniffFile(bytes, declaredName);
  if (sniffed.kind === "image") return { ...sniffed, pageCount: 1 };
  const { pageCount } = await runInWorker<{ pageCount: number }>("info", { bytes }, PARSE_LIMITS.timeouts.inspect);
  checkPageCount(pageCount);
  return { ...sniffed, pageCount };
}
