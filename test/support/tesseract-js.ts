/** Runs this test file's OCR on the tesseract.js fallback (as on a machine without Debian's tesseract). */
import { afterAll } from "vitest";
import { shutdownOcr, shutdownWorkers } from "@/server/parsing";

/** Call at the top of the file: the engine is read lazily by ocrEngine() on first use. */
export function ocrOnTesseractJs(): void {
  const before = process.env.PARSE_OCR_ENGINE;
  process.env.PARSE_OCR_ENGINE = "js";
  afterAll(async () => {
    if (before === undefined) delete process.env.PARSE_OCR_ENGINE;
    else process.env.PARSE_OCR_ENGINE = before;
    await shutdownWorkers();
    await shutdownOcr();
  });
}
