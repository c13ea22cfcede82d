/** OCR word boxes with the tesseract.js fallback: the same cases as with the CLI. */
import { ocrOnTesseractJs } from "../support/tesseract-js";
import { wordBoxCases } from "./ocr-word-boxes.cases";

ocrOnTesseractJs();

wordBoxCases("js");
