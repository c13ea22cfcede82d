/** OCR word boxes with the tesseract.js fallback: the same cases as with the CLI. */
import { afterAll } from "vitest";
import { shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { wordBoxCases } from "./ocr-word-boxes.cases";

// read lazily by ocrEngine() on first use, i.e. after this line
const before = process.env.PARSE_OCR_ENGINE;
process.env.PARSE_OCR_ENGINE = "js";

afterAll(async () => {
  if (before === undefined) delete process.env.PARSE_OCR_ENGINE;
  else process.env.PARSE_OCR_ENGINE = before;
  await shutdownWorkers();
  await shutdownOcr();
});

wordBoxCases("js");
