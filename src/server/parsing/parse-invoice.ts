import "server-only";
import type { FieldMetaMap, InvoiceFieldName, InvoiceFields } from "@/lib/documents/fields";
import type { AiProvider } from "@/server/ai/provider";
import { extractWithAi } from "./ai";
import { isParseFailure, ParseFailure } from "./failure";
import { checkPageCount, sniffFile } from "./inspect";
import { PARSE_LIMITS } from "./limits";
import { mergeStages } from "./merge";
import { extractOcr } from "./ocr";
import { extractQr, qrStage, type QrWorkerResult } from "./qr";
import type { StageResult } from "./stage";
import { textStage } from "./text";
import { runInWorker } from "./worker-pool";
import { validateInvoice, type ValidationIssue } from "./validate";

/** Fields that must be confident (≥ 0.9) for a document to skip review. */
export const REQUIRED_FIELDS: InvoiceFieldName[] = ["tipoCodigo", "puntoVenta", "numero", "fecha", "proveedorCuit", "total"];
export const REVIEW_THRESHOLD = 0.9;

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

function missing(fields: InvoiceFields, meta: FieldMetaMap): InvoiceFieldName[] {
  return REQUIRED_FIELDS.filter((f) => fields[f] == null || (meta[f]?.confidence ?? 0) < REVIEW_THRESHOLD);
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
  const results: (StageResult | null)[] = [];
  results.push(qr, text);
  let merged = mergeStages(results);

  // OCR for images, scans (no text layer), or a text layer without QR that misses required fields
  const needOcr = info.kind === "image" || !text || (!qr && REQUIRED_FIELDS.some((f) => merged.fields[f] == null));
  let ocrText: string | undefined;
  if (needOcr) {
    const ocr = await timed(timings, "ocr", () => soft(stageNotes, "OCR", () => extractOcr(bytes, info.kind)));
    ocrText = ocr?.text;
    results.push(ocr);
    merged = mergeStages(results);
  }

  if (opts.ai && missing(merged.fields, merged.meta).length) {
    const source = text?.text ?? ocrText;
    if (source) {
      const ai = await timed(timings, "ai", () => soft(stageNotes, "IA", () => extractWithAi(opts.ai!, source)));
      results.push(ai);
      merged = mergeStages(results);
    }
  }

  const { fields, meta } = merged;
  const found = (["tipoCodigo", "numero", "proveedorCuit", "total", "cae", "fecha"] as const).filter((f) => fields[f] != null).length;
  if (found < 2) {
    throw new ParseFailure(
      "NO_DATA",
      stageNotes.length ? `No se encontraron datos de factura en el archivo (${stageNotes[0]})` : "No se encontraron datos de factura en el archivo",
    );
  }
  const validation = await timed(timings, "validate", async () => validateInvoice(fields));
  const lowConfidence = missing(fields, meta);
  const notes = [...merged.notes, ...stageNotes];
  timings.total = Math.round((performance.now() - t0) * 10) / 10;
  return {
    fields,
    meta,
    notes,
    issues: validation.issues,
    needsReview: validation.needsReview || lowConfidence.length > 0,
    timings,
    kind: info.kind,
    pageCount: info.pageCount,
  };
}
