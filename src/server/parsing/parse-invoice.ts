import "server-only";
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import type { AiProvider } from "@/server/ai/provider";
import { extractWithAi } from "./ai";
import { isParseFailure, ParseFailure } from "./failure";
import { checkPageCount, sniffFile } from "./inspect";
import { PARSE_LIMITS } from "./limits";
import { enoughData, mergeForSave, needsAi, needsOcr, reviewVerdict } from "./decisions";
import { extractOcr } from "./ocr";
import { extractQr, qrStage, type QrWorkerResult } from "./qr";
import type { StageResult } from "./stage";
import { textStage } from "./text";
import { runInWorker } from "./worker-pool";
import type { ValidationIssue } from "./validate";


export type ParseOutcome = {
  fields: InvoiceFields;
  meta: FieldMetaMap;
  notes: string[];
  issues: ValidationIssue[];
  needsReview: boolean;
  timings: Record<string, number>;
  kind: "pdf" | "image";
  pageCount: number;
};

async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round((performance.now() - t0) * 10) / 10;
  }
}

/** A stage that fails softly: hostile-file failures end the parse, other errors become notes. */
async function soft(notes: string[], label: string, fn: () => Promise<StageResult | null>): Promise<StageResult | null> {
  try {
    return await fn();
  } catch (err) {
    if (isParseFailure(err) && ["TIMEOUT", "TOO_LARGE", "ENCRYPTED"].includes(err.reason)) throw err;
    notes.push(`${label}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/**
 * QR + text layer of a PDF with one document load in one worker call (page-count limit checked
 * first). Throws ParseFailure (CORRUPT, TOO_MANY_PAGES, TIMEOUT…).
 */
export async function analyzePdf(bytes: Uint8Array): Promise<{ pageCount: number; qr: StageResult | null; text: StageResult | null; textMs: number; qrMs: number }> {
  type Analysis = { pageCount: number; pages: string[][]; chars: number; qr: QrWorkerResult | null; textMs?: number; qrMs?: number };
  const a = await runInWorker<Analysis>(
    "analyze",
    { bytes, maxPages: PARSE_LIMITS.scanPages, pageLimit: PARSE_LIMITS.maxPages },
    PARSE_LIMITS.timeouts.text + PARSE_LIMITS.timeouts.qr,
  );
  checkPageCount(a.pageCount);
  const t1 = performance.now();
  const text = textStage(a.pages, a.chars);
  const textMs = Math.round(((a.textMs ?? 0) + performance.now() - t1) * 10) / 10;
  return { pageCount: a.pageCount, text, qr: a.qr ? qrStage(a.qr) : null, textMs, qrMs: Math.round((a.qrMs ?? 0) * 10) / 10 };
}

/** Everything in-process with per-stage timings (bench and tests). */
export async function parseInvoice(bytes: Uint8Array, fileName: string, opts: { ai?: AiProvider | null } = {}): Promise<ParseOutcome> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const stageNotes: string[] = [];
  const sniffed = await timed(timings, "inspect", async () => sniffFile(bytes, fileName));
  let pageCount = 1;
  let qr: StageResult | null;
  let text: StageResult | null = null;
  if (sniffed.kind === "pdf") {
    const a = await timed(timings, "pdf", () => analyzePdf(bytes));
    pageCount = a.pageCount;
    text = a.text;
    qr = a.qr;
    timings.text = a.textMs;
    timings.qr = a.qrMs;
  } else {
    qr = await timed(timings, "qr", () => soft(stageNotes, "QR", () => extractQr(bytes, "image")));
  }
  const info = { kind: sniffed.kind, pageCount };
  const results: (StageResult | null)[] = [qr, text];

  // The app's decisions (decisions.ts), so the library, the CLI and the Inngest pipeline agree.
  let ocrText: string | undefined;
  if (needsOcr(info.kind, qr, text)) {
    const ocr = await timed(timings, "ocr", () => soft(stageNotes, "OCR", () => extractOcr(bytes, info.kind)));
    ocrText = ocr?.text;
    results.push(ocr);
  }

  const source = text?.text ?? ocrText;
  if (opts.ai && needsAi(results, source)) {
    const ai = await timed(timings, "ai", () => soft(stageNotes, "IA", () => extractWithAi(opts.ai!, source!)));
    results.push(ai);
  }

  const { fields, meta, notes: mergeNotes } = mergeForSave(results);
  if (!enoughData(fields)) {
    throw new ParseFailure(
      "NO_DATA",
      stageNotes.length ? `No se encontraron datos de factura en el archivo (${stageNotes[0]})` : "No se encontraron datos de factura en el archivo",
    );
  }
  const verdict = await timed(timings, "validate", async () => reviewVerdict(fields, meta));
  const notes = [...mergeNotes, ...stageNotes];
  timings.total = Math.round((performance.now() - t0) * 10) / 10;
  return {
    fields,
    meta,
    notes,
    issues: verdict.issues,
    needsReview: verdict.needsReview,
    timings,
    kind: info.kind,
    pageCount: info.pageCount,
  };
}
