/**
 * OCR word boxes (issue 14): the OCR stage stores where each word is, normalised to the page as the
 * browser shows it, and the viewer's locator finds the total and the CUIT among them. Real fixture
 * image; the expected boxes were measured once on it (1240 × 1755 px): "20-30037687-9" at
 * x 897–1024, y 145–158; the total "2231.24" at x 1047–1114, y 792–806.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { ocrEngine } from "@/server/parsing/ocr";
import { locateInOcrWords } from "@/components/documents/viewer/locate";
import { MAX_OCR_WORDS_PER_PAGE, ocrWordsOf, turnBox, type PageBox } from "@/lib/documents/positions";
import { extractOcr } from "@/server/parsing";

const UPRIGHT = new Uint8Array(readFileSync(path.join(process.cwd(), "test/fixtures/ocr/factura-a-okapii-150dpi.jpg")));
const [W, H] = [1240, 1755];
const px = (x0: number, y0: number, x1: number, y1: number): PageBox => ({ page: 1, x0: x0 / W, y0: y0 / H, x1: x1 / W, y1: y1 / H });
const CUIT = px(897, 145, 1024, 158);
const TOTAL = px(1047, 792, 1114, 806);
/** 0.012 of the page ≈ 15–20 px here: an OCR box is a few px off, the next line is ~25 px away. */
const TOL = 0.012;

async function turned90(bytes: Uint8Array): Promise<Uint8Array> {
  const img = await loadImage(Buffer.from(bytes));
  const c = createCanvas(img.height, img.width);
  const ctx = c.getContext("2d");
  ctx.translate(c.width / 2, c.height / 2);
  ctx.rotate(Math.PI / 2);
  ctx.drawImage(img, -img.width / 2, -img.height / 2);
  return new Uint8Array(await c.encode("jpeg", 90));
}

function expectNear(got: PageBox | null, want: PageBox) {
  expect(got, "a box").not.toBeNull();
  expect(got!.page).toBe(want.page);
  for (const k of ["x0", "y0", "x1", "y1"] as const) expect(Math.abs(got![k] - want[k]), `${k}: ${got![k]} vs ${want[k]}`).toBeLessThan(TOL);
}

async function wordsOf(bytes: Uint8Array) {
  const r = await extractOcr(bytes, "image");
  // through JSON and the reader the review page uses, as stored in the parse report
  return { fields: r!.fields, words: ocrWordsOf(JSON.parse(JSON.stringify(r!.positions?.ocr ?? null))) };
}

/** The cases, for the engine in use (ocr-word-boxes-js.test.ts runs them on tesseract.js). */
export function wordBoxCases(engine: "cli" | "js") {
  describe(`OCR word boxes (${engine})`, () => {
    it("the upright photo: words with boxes; the CUIT and the total are found where they are printed", async () => {
      expect(ocrEngine()).toBe(engine);
      const { fields, words } = await wordsOf(UPRIGHT);
      expect(words).toHaveLength(1);
      expect(words[0]!.turn).toBe(0);
      expect(words[0]!.words.length).toBeGreaterThan(50);
      expect(words[0]!.words.length).toBeLessThanOrEqual(MAX_OCR_WORDS_PER_PAGE);
      expect(fields.total).toBe(2231.24);
      expectNear(locateInOcrWords("proveedorCuit", "20300376879", words), CUIT);
      expectNear(locateInOcrWords("total", 2231.24, words), TOTAL);
      // a value not printed: no box
      expect(locateInOcrWords("total", 9999.99, words)).toBeNull();
    }, 90_000);

    it("the photo stored turned 90°: boxes on the image as shown (turned), not on the upright page the OCR read", async () => {
      const { fields, words } = await wordsOf(await turned90(UPRIGHT));
      expect(fields.total).toBe(2231.24);
      expect(words[0]!.turn).toBe(270);
      expectNear(locateInOcrWords("proveedorCuit", "20300376879", words), turnBox(CUIT, 90));
      expectNear(locateInOcrWords("total", 2231.24, words), turnBox(TOTAL, 90));
    }, 90_000);
  });
}
