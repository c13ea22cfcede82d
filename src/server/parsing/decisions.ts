/**
 * The stage decisions of a parse, pure (no database): which stages run after QR + text, and the
 * review verdict. The Inngest pipeline (src/server/documents/parse-pipeline.ts) and the CLI
 * (scripts/parse.ts) both call these, so the app and the CLI can never decide differently.
 */
import { EMPTY_INVOICE_FIELDS, type FieldMetaMap, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import { comprobanteByCode } from "./comprobantes";
import type { FileKind } from "./inspect";
import { mergeStages } from "./merge";
import { REQUIRED_FIELDS, REVIEW_THRESHOLD } from "./parse-invoice";
import type { StageResult } from "./stage";
import { validateInvoice } from "./validate";

/** Required fields missing or below the review threshold after merging `results`. */
export function missingFields(results: (StageResult | null)[]): InvoiceFieldName[] {
  const { fields, meta } = mergeStages(results);
  return REQUIRED_FIELDS.filter((f) => fields[f] == null || (meta[f]?.confidence ?? 0) < REVIEW_THRESHOLD);
}

/** OCR: images, PDFs without text, or gaps the QR cannot fill. */
export function needsOcr(kind: FileKind, qr: StageResult | null, text: StageResult | null): boolean {
  const need = kind === "image" || !text || missingFields([qr, text]).some((f) => f !== "proveedorCuit" || !qr);
  return need && (kind === "image" || !text || !qr);
}

/** AI: only with a source text and required fields still missing (the provider check is the caller's). */
export function needsAi(results: (StageResult | null)[], sourceText: string | undefined): boolean {
  return !!sourceText && missingFields(results).length > 0;
}

/** At least two of the key fields found, else the parse ends as NO_DATA. */
export function enoughData(fields: InvoiceFields): boolean {
  return (["tipoCodigo", "numero", "proveedorCuit", "total", "cae", "fecha"] as const).filter((f) => fields[f] != null).length >= 2;
}

/** Merged stage results with `tipo` derived from the AFIP code. */
export function mergeForSave(results: (StageResult | null)[]): { fields: InvoiceFields; meta: FieldMetaMap; notes: string[] } {
  const merged = mergeStages(results);
  const fields = { ...EMPTY_INVOICE_FIELDS, ...merged.fields };
  if (fields.tipoCodigo != null && !fields.tipo) fields.tipo = comprobanteByCode(fields.tipoCodigo).tipo;
  return { fields, meta: merged.meta, notes: merged.notes };
}

/**
 * Whether a person should look at the document: a validation error, or a required field that is
 * missing or below the confidence threshold (USER fields have confidence 1).
 */
export function reviewVerdict(fields: InvoiceFields, meta: FieldMetaMap) {
  const validation = validateInvoice(fields);
  const lowConfidence = REQUIRED_FIELDS.filter((f) => fields[f] == null || (meta[f]?.confidence ?? 0) < REVIEW_THRESHOLD);
  return { issues: validation.issues, lowConfidence, needsReview: validation.needsReview || lowConfidence.length > 0 };
}
