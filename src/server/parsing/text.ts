import "server-only";
import type { FileKind } from "./inspect";
import { MAX_TEXT_CHARS, PARSE_LIMITS } from "./limits";
import type { StageResult } from "./stage";
import { extractFieldsFromLines } from "./text-rules";
import { runInWorker } from "./worker-pool";

/** Minimum non-blank characters for a text layer to count as usable. */
const MIN_CHARS = 40;

export async function pdfTextLines(bytes: Uint8Array): Promise<{ pages: string[][]; chars: number }> {
  return runInWorker<{ pages: string[][]; chars: number }>("text", { bytes, maxPages: PARSE_LIMITS.scanPages }, PARSE_LIMITS.timeouts.text);
}

/** Text-layer rules. null: images, or a PDF with no usable text layer (a scan). */
export async function extractText(bytes: Uint8Array, kind: FileKind): Promise<StageResult | null> {
  if (kind !== "pdf") return null;
  const { pages, chars } = await pdfTextLines(bytes);
  return textStage(pages, chars);
}

/** Text lines of the first pages → stage result (null: no usable text layer). */
export function textStage(pages: string[][], chars: number): StageResult | null {
  if (chars < MIN_CHARS) return null;
  const lines = pages.flat();
  const { fields, meta, notes, anchors } = extractFieldsFromLines(lines, "TEXT");
  return { fields, meta, notes, anchors, text: pages.map((p) => p.join("\n")).join("\n\f\n").slice(0, MAX_TEXT_CHARS) };
}
