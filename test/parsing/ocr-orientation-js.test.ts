/**
 * The tesseract.js fallback (no Debian tesseract, so no OSD data): a page stored turned 90° is
 * found by trying turns and keeping the one whose text reads well.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { expect, it } from "vitest";
import { parseInvoice } from "@/server/parsing";
import { ocrEngine, osdAvailable } from "@/server/parsing/ocr";
import { ocrOnTesseractJs } from "../support/tesseract-js";

ocrOnTesseractJs();

it("tesseract.js: a page turned 90° gives the same fields as the upright one", async () => {
  expect([ocrEngine(), osdAvailable()]).toEqual(["js", false]);
  const upright = new Uint8Array(readFileSync(path.join(process.cwd(), "test/fixtures/ocr/factura-a-okapii-150dpi.jpg")));
  const img = await loadImage(Buffer.from(upright));
  const c = createCanvas(img.height, img.width);
  const ctx = c.getContext("2d");
  ctx.translate(c.width / 2, c.height / 2);
  ctx.rotate(Math.PI / 2);
  ctx.drawImage(img, -img.width / 2, -img.height / 2);
  const a = await parseInvoice(upright, "factura.jpg");
  const b = await parseInvoice(new Uint8Array(await c.encode("jpeg", 90)), "foto.jpg");
  expect(a.fields).toMatchObject({ proveedorCuit: "20300376879", numero: 104, total: 2231.24 });
  expect(b.fields).toEqual(a.fields);
  expect(b.notes.join("\n")).toMatch(/girada 270° antes del OCR \(orientación elegida por la calidad del texto/);
}, 120_000);
