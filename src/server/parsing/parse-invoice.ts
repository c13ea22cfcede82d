import "server-only";
import type { FieldMetaMap, InvoiceFieldName, InvoiceFields } from "@/lib/documents/fields";
import type { AiProvider } from "@/server/ai/provider";
import { extractWithAi } from "./ai";
import { isParseFailure, ParseFailure } from "./failure";
import { inspectFile } from "./inspect";
import { mergeStages } from "./merge";
import { extractOcr } from "./ocr";
import { extractQr } from "./qr";
import type { StageResult } from "./stage";
import { extractText } from "./text";
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

/** Everything in-process with per-stage timings (bench and tests). */
export async function parseInvoice(bytes: Uint8Array, fileName: string, opts: { ai?: AiProvider | null } = {}): Promise<ParseOutcome> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const stageNotes: string[] = [];
  const info = await timed(timings, "inspect", () => inspectFile(bytes, fileName));
  const results: (StageResult | null)[] = [];

  const [qr, text] = await Promise.all([
    timed(timings, "qr", () => soft(stageNotes, "QR", () => extractQr(bytes, info.kind))),
    timed(timings, "text", () => soft(stageNotes, "Texto", () => extractText(bytes, info.kind))),
  ]);
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
