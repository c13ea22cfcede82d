/** OCR word boxes with the tesseract CLI (CI installs it): cases in ocr-word-boxes.cases.ts. */
import { afterAll } from "vitest";
import { shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { wordBoxCases } from "./ocr-word-boxes.cases";

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

wordBoxCases("cli");
