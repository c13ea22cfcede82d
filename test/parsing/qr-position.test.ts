/**
 * The QR stage also says where the AFIP QR is on the page (stored in the parse report; the review
 * viewer points QR-read fields at it). Real invoice: test/fixtures/real (provenance in its SOURCES.md).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { extractQr, shutdownWorkers } from "@/server/parsing";
import { imageGeometry } from "@/server/parsing/image-geometry";
import { generateInvoice } from "../corpus/generate";

afterAll(shutdownWorkers);

it("an embedded QR image: its box on page 1 (bottom left of the AFIP layout, square on the page)", async () => {
  const bytes = new Uint8Array(readFileSync(path.resolve(process.cwd(), "test/fixtures/real/mezka/2000006795586342.pdf")));
  const qr = await extractQr(bytes, "pdf");
  expect(qr?.fields.proveedorCuit).toBe("20255531507");
  const box = qr?.positions?.qr;
  expect(box).toBeDefined();
  expect(box!.page).toBe(1);
  // page 595×842 pt: the symbol sits in the lower left corner, about 65 pt wide
  expect(box!.x0).toBeGreaterThan(0.02);
  expect(box!.x1).toBeLessThan(0.25);
  expect(box!.y0).toBeGreaterThan(0.8);
  expect(box!.y1).toBeLessThan(0.99);
  const widthPt = (box!.x1 - box!.x0) * 595;
  const heightPt = (box!.y1 - box!.y0) * 842;
  expect(widthPt).toBeGreaterThan(40);
  expect(Math.abs(widthPt - heightPt)).toBeLessThan(3);
}, 60_000);

it.each(["image", "vector"] as const)("a generated invoice with a %s QR (drawn at x 40–140, y 70–170 pt): its box, from the image's placement or the rendered page", async (qrStyle) => {
  const inv = await generateInvoice({ seed: 9301, format: "pdf-qr", qrStyle });
  const qr = await extractQr(inv.bytes, "pdf");
  expect(qr?.fields.numero).toBe(inv.truth.numero);
  const box = qr?.positions?.qr;
  expect(box?.page).toBe(1);
  const [w, h] = [595.28, 841.89];
  const near = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(0.02);
  near(box!.x0, 40 / w);
  near(box!.x1, 140 / w);
  near(box!.y0, (h - 170) / h);
  near(box!.y1, (h - 70) / h);
}, 60_000);

it.each(["png", "jpeg"] as const)("a photographed invoice (%s): the QR's box on the image as displayed", async (format) => {
  const inv = await generateInvoice({ seed: 9302, format, qrStyle: "image" });
  const qr = await extractQr(inv.bytes, "image");
  expect(qr?.fields.numero).toBe(inv.truth.numero);
  const box = qr?.positions?.qr;
  expect(box?.page).toBe(1);
  // rendered from the same page (QR at x 40–140, y 70–170 pt), turned by less than a degree
  const [w, h] = [595.28, 841.89];
  const near = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(0.025);
  near(box!.x0, 40 / w);
  near(box!.x1, 140 / w);
  near(box!.y0, (h - 170) / h);
  near(box!.y1, (h - 70) / h);
}, 60_000);

it("a JPEG that EXIF rotates: no box (the decoder saw the pixels unrotated, the browser shows them turned)", async () => {
  const inv = await generateInvoice({ seed: 9302, format: "jpeg", qrStyle: "image" });
  const rotated = withExifOrientation(inv.bytes, 6);
  expect(imageGeometry(rotated)).toMatchObject({ asStored: false });
  expect(imageGeometry(inv.bytes)).toMatchObject({ asStored: true });
  const qr = await extractQr(rotated, "image");
  expect(qr?.fields.numero).toBe(inv.truth.numero);
  expect(qr?.positions).toBeUndefined();
}, 60_000);

it("image headers: PNG and JPEG sizes without decoding; anything else is unknown", async () => {
  const png = await generateInvoice({ seed: 9303, format: "png" });
  const jpeg = await generateInvoice({ seed: 9303, format: "jpeg" });
  const { loadImage } = await import("@napi-rs/canvas");
  for (const bytes of [png.bytes, jpeg.bytes]) {
    const decoded = await loadImage(Buffer.from(bytes));
    expect(imageGeometry(bytes)).toEqual({ width: decoded.width, height: decoded.height, asStored: true });
  }
  expect(imageGeometry(new TextEncoder().encode("%PDF-1.7 not an image"))).toBeNull();
  expect(imageGeometry(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
});

/** The JPEG with an APP1 EXIF segment (IFD0: Orientation = `orientation`) right after SOI. */
function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
  const body = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00, ...tiff];
  const len = body.length + 2;
  const app1 = [0xff, 0xe1, len >> 8, len & 0xff, ...body];
  return new Uint8Array([...jpeg.slice(0, 2), ...app1, ...jpeg.slice(2)]);
}
