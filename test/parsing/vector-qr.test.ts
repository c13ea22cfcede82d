/**
 * A QR drawn with vector squares is read from the page's drawing operations (vector-qr.mjs), not
 * from a rendered page: the render was most of such a PDF's parse. What is not a clean QR of
 * squares (too few, curves, light fills) gives nothing, and the search goes on to the render.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { readBarcodes as ReadBarcodes } from "zxing-wasm/reader";
import { extractQr, shutdownWorkers } from "@/server/parsing";
import { qrBitmapFromRects, type UserRect as Rect } from "@/server/parsing/vector-qr.mjs";
import { generateInvoice } from "../corpus/generate";

afterAll(shutdownWorkers);

const require = createRequire(import.meta.url);
let readBarcodes: typeof ReadBarcodes;

beforeAll(async () => {
  const zxing = await import("zxing-wasm/reader");
  const wasm = readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
  await zxing.prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
  readBarcodes = zxing.readBarcodes;
});

/** A QR's dark modules as PDF rectangles (y up) at (x, y) with `cell` points per module; `runs` merges each row's adjacent modules. */
function qrRects(text: string, x: number, y: number, cell: number, runs = false): Rect[] {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const rects: Rect[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue;
      let end = col;
      if (runs) while (end + 1 < n && qr.modules.get(row, end + 1)) end++;
      const top = y + (n - row) * cell;
      rects.push({ x0: x + col * cell, x1: x + (end + 1) * cell, y0: top - cell, y1: top });
      col = end;
    }
  }
  return rects;
}

async function decode(rects: Rect[]): Promise<string[]> {
  const bitmap = qrBitmapFromRects(rects);
  if (!bitmap) return [];
  const found = await readBarcodes({ width: bitmap.width, height: bitmap.height, data: bitmap.data } as unknown as ImageData, { formats: ["QRCode"], tryHarder: false });
  return found.filter((r) => r.isValid).map((r) => r.text);
}

const AFIP_URL = "https://www.afip.gob.ar/fe/qr/?p=eyJ2ZXIiOjEsImZlY2hhIjoiMjAyNi0xMS0wMSIsImN1aXQiOjMwNzEyMzQ1Njc4fQ==";

describe("a QR rebuilt from vector squares", () => {
  it("one square per module, or a row's modules merged into bars: the same text", async () => {
    expect(await decode(qrRects(AFIP_URL, 40, 70, 1.4))).toEqual([AFIP_URL]);
    expect(await decode(qrRects(AFIP_URL, 40, 70, 1.4, true))).toEqual([AFIP_URL]);
  });

  it("beside other drawings of the page (a table's rules, a logo's blocks): still the QR", async () => {
    const page = [
      ...qrRects(AFIP_URL, 300, 400, 2),
      { x0: 20, x1: 575, y0: 800, y1: 801.5 }, // a rule across the page
      { x0: 20, x1: 200, y0: 600, y1: 640 }, // a filled header block
    ];
    expect(await decode(page)).toEqual([AFIP_URL]);
  });

  it("too few squares, or an area smaller than 21×21 modules: nothing (the page render decides)", () => {
    expect(qrBitmapFromRects(qrRects(AFIP_URL, 40, 70, 1.4).slice(0, 30))).toBeNull();
    const grid: Rect[] = [];
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) grid.push({ x0: i * 2, x1: i * 2 + 1, y0: j * 2, y1: j * 2 + 1 });
    expect(qrBitmapFromRects(grid)).toBeNull();
    expect(qrBitmapFromRects([])).toBeNull();
  });
});

describe("in the parse", () => {
  it("a generated invoice with a vector QR: every QR field, its box, and no page render", async () => {
    const inv = await generateInvoice({ seed: 9302, format: "pdf-qr", qrStyle: "vector" });
    const qr = await extractQr(inv.bytes, "pdf");
    expect(qr?.fields).toMatchObject({ numero: inv.truth.numero, puntoVenta: inv.truth.puntoVenta, proveedorCuit: inv.truth.proveedorCuit, total: inv.truth.total });
    // A rendered page would say so in the notes ("QR leído de la página 1 renderizada").
    expect(qr?.notes.join(" ")).not.toMatch(/renderizada/);
    expect(qr?.positions?.qr?.page).toBe(1);
  }, 60_000);
});
