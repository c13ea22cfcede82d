/**
 * Images before OCR (issue 15, pattern 7): a page photographed or stored turned 90°/180°/270°,
 * a JPEG whose EXIF says how to turn it, and a low-resolution screenshot must give the same
 * fields as the upright page. Runs the library's parseInvoice and the app's OCR stage function
 * (extractOcr, what the Inngest parse function calls for images) on a real invoice page.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvoiceFields } from "@/lib/documents/fields";
import { extractOcr, parseInvoice, shutdownOcr, shutdownWorkers, type ParseOutcome } from "@/server/parsing";
import { osdAvailable } from "@/server/parsing/ocr";
import { checkTipoLetter } from "@/server/parsing/ocr-tipo";
import { extractFieldsFromLines } from "@/server/parsing/text-rules";

const UPRIGHT = new Uint8Array(readFileSync(path.join(process.cwd(), "test/fixtures/ocr/factura-a-okapii-150dpi.jpg")));

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

/** The image turned `deg` clockwise, optionally scaled, as JPEG or PNG. */
async function transform(bytes: Uint8Array, deg: 0 | 90 | 180 | 270, opts: { scale?: number; format?: "jpeg" | "png" } = {}): Promise<Uint8Array> {
  const img = await loadImage(Buffer.from(bytes));
  const k = opts.scale ?? 1;
  const w = Math.round(img.width * k);
  const h = Math.round(img.height * k);
  const quarter = deg === 90 || deg === 270;
  const c = createCanvas(quarter ? h : w, quarter ? w : h);
  const ctx = c.getContext("2d");
  ctx.translate(c.width / 2, c.height / 2);
  ctx.rotate((deg * Math.PI) / 180);
  ctx.drawImage(img, -w / 2, -h / 2, w, h);
  return new Uint8Array(opts.format === "png" ? await c.encode("png") : await c.encode("jpeg", 90));
}

/** A phone photo of the page: 2° skew, on a dark table, at about 270 dpi. */
async function photoOnTable(bytes: Uint8Array): Promise<Uint8Array> {
  const img = await loadImage(Buffer.from(bytes));
  const [w, h] = [2600, 3400];
  const c = createCanvas(w, h);
  const ctx = c.getContext("2d");
  const table = ctx.createLinearGradient(0, 0, w, h);
  table.addColorStop(0, "#3a3a3a");
  table.addColorStop(1, "#6b5a48");
  ctx.fillStyle = table;
  ctx.fillRect(0, 0, w, h);
  ctx.translate(w / 2, h / 2);
  ctx.rotate((2 * Math.PI) / 180);
  ctx.drawImage(img, -img.width * 0.9, -img.height * 0.9, img.width * 1.8, img.height * 1.8);
  return new Uint8Array(await c.encode("jpeg", 85));
}

/** Inserts an EXIF APP1 segment whose only tag is Orientation, as phone cameras write it. */
function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.alloc(26);
  tiff.write("MM", 0, "latin1");
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4); // IFD0 offset
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(orientation, 18);
  tiff.writeUInt32BE(0, 22); // no next IFD
  const body = Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]);
  const marker = Buffer.alloc(4);
  marker.writeUInt16BE(0xffe1, 0);
  marker.writeUInt16BE(body.length + 2, 2);
  return new Uint8Array(Buffer.concat([Buffer.from(jpeg.subarray(0, 2)), marker, body, Buffer.from(jpeg.subarray(2))]));
}

/** What the page prints (read from the page, the barcode and the text). */
const PRINTED: Partial<InvoiceFields> = {
  tipoCodigo: 1,
  puntoVenta: 3,
  numero: 104,
  fecha: "2019-06-05",
  proveedorCuit: "20300376879",
  total: 2231.24,
  cae: "69239531076719",
};

let upright: ParseOutcome;
beforeAll(async () => {
  upright = await parseInvoice(UPRIGHT, "factura.jpg");
}, 60_000);

describe("OCR of turned and low-resolution images", () => {
  it("the upright page: the printed fields, no turn", () => {
    expect(upright.fields).toMatchObject(PRINTED);
    expect(upright.notes.join("\n")).not.toMatch(/girada/);
  });

  for (const deg of [90, 270, 180] as const) {
    it(`a page turned ${deg}° gives the same fields as the upright one`, async () => {
      const turned = await parseInvoice(await transform(UPRIGHT, deg), "foto.jpg");
      expect(turned.fields).toEqual(upright.fields);
      const note = turned.notes.find((n) => n.includes("girada"));
      expect(note).toMatch(new RegExp(`girada ${(360 - deg) % 360}°`));
      // CI installs tesseract-ocr-osd; without it (tesseract.js) the text quality decides
      expect(note).toMatch(osdAvailable() ? /tesseract OSD/ : /calidad del texto/);
    }, 60_000);
  }

  it("a skewed phone photo on a dark table, stored turned 90°, gives the same fields as the upright photo", async () => {
    const photo = await photoOnTable(UPRIGHT);
    const [a, b] = [await parseInvoice(photo, "foto.jpg"), await parseInvoice(await transform(photo, 90), "foto.jpg")];
    expect(a.fields).toMatchObject(PRINTED);
    expect(b.fields).toEqual(a.fields);
    expect(b.notes.join("\n")).toMatch(/girada 270°/);
  }, 120_000);

  it("the app's OCR stage (extractOcr) turns the page too", async () => {
    const [a, b] = [await extractOcr(UPRIGHT, "image"), await extractOcr(await transform(UPRIGHT, 90), "image")];
    expect(a?.fields).toMatchObject(PRINTED);
    expect(b?.fields).toEqual(a?.fields);
  }, 60_000);

  it("a JPEG stored turned with an EXIF orientation is read upright without a search", async () => {
    // stored 90° counter-clockwise; EXIF 6 = "turn 90° clockwise to display"
    const exif = withExifOrientation(await transform(UPRIGHT, 270), 6);
    const r = await parseInvoice(exif, "celular.jpg");
    expect(r.fields).toEqual(upright.fields);
    expect(r.notes.join("\n")).not.toMatch(/girada/);
  }, 60_000);

  it("a low-resolution screenshot (75 dpi) is upscaled and gives the printed fields", async () => {
    const small = await transform(UPRIGHT, 0, { scale: 0.5, format: "png" });
    const r = await parseInvoice(small, "captura.png");
    expect(r.fields).toMatchObject(PRINTED);
    expect(r.notes.join("\n")).toMatch(/ampliada ×2\.\d/);
  }, 60_000);

  it("an OCR'd type letter that contradicts the printed code keeps the code, flagged for review", async () => {
    const ocr = await extractOcr(UPRIGHT, "image");
    const lines = ocr!.text!.split("\n").filter((l) => l.trim());
    expect(lines.some((l) => /Factura A/.test(l))).toBe(true);
    // as read: letter and code agree, nothing flagged
    expect(ocr!.meta.tipoCodigo?.flag).toBeUndefined();
    // the same page with the letter misread (a low-resolution "A" read as "E")
    const misread = lines.map((l) => l.replace("Factura A", "Factura E"));
    const { fields, meta } = extractFieldsFromLines(misread, "OCR", 0.8);
    const note = checkTipoLetter(misread, fields, meta);
    expect(fields.tipoCodigo).toBe(1);
    expect(meta.tipoCodigo?.flag).toMatch(/letra leída por OCR \(E\).*código de comprobante 001 \(A\)/);
    expect(meta.tipoCodigo?.confidence).toBeLessThan(0.9);
    expect(note).toBe(meta.tipoCodigo?.flag);
  }, 60_000);
});
