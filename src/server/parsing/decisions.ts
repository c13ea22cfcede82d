/**
 * The stage decisions of a parse, pure (no database): which stages run after QR + text, and the
 * review verdict. The Inngest pipeline (src/server/documents/parse-pipeline.ts) and the CLI
 * (scripts/parse.ts) both call these, so the app and the CLI can never decide differently.
 */
import { EMPTY_INVOICE_FIELDS, INVOICE_FIELD_NAMES, TAX_BREAKDOWN_FIELDS, type FieldMetaMap, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import { comprobanteByCode, isKnownComprobante } from "./comprobantes";
import type { FileKind } from "./inspect";
import { mergeStages } from "./merge";
import type { StageResult } from "./stage";
import { validateInvoice } from "./validate";

/** Fields that must be confident (≥ REVIEW_THRESHOLD) for a document to skip review. */
export const REQUIRED_FIELDS: InvoiceFieldName[] = ["tipoCodigo", "puntoVenta", "numero", "fecha", "proveedorCuit", "total"];
export const REVIEW_THRESHOLD = 0.9;

/** Required fields missing or below the review threshold after merging `results`. */
export function missingFields(results: (StageResult | null)[]): InvoiceFieldName[] {
  const { fields, meta } = mergeStages(results);
  return REQUIRED_FIELDS.filter((f) => fields[f] == null || (meta[f]?.confidence ?? 0) < REVIEW_THRESHOLD);
}

/**
 * OCR: images, PDFs without a text layer, or a text layer without QR that lacks a required field.
 * A value that is present but weak is not a reason: OCR reads the same printed text again (≈ 5 s a
 * page) and cannot confirm it, so it is flagged for review instead.
 */
export function needsOcr(kind: FileKind, qr: StageResult | null, text: StageResult | null): boolean {
  if (kind === "image" || !text) return true;
  if (qr) return false;
  const { fields } = mergeStages([qr, text]);
  return REQUIRED_FIELDS.some((f) => fields[f] == null);
}

/** AI: only with a source text and required fields still missing (the provider check is the caller's). */
export function needsAi(results: (StageResult | null)[], sourceText: string | undefined): boolean {
  return !!sourceText && missingFields(results).length > 0;
}

/** At least two of the key fields found, else the parse ends as NO_DATA. */
export function enoughData(fields: InvoiceFields): boolean {
  return (["tipoCodigo", "numero", "proveedorCuit", "total", "cae", "fecha"] as const).filter((f) => fields[f] != null).length >= 2;
}

/** Merged stage results with `tipo` derived from the AFIP code, and every weak or disputed value flagged. */
export function mergeForSave(results: (StageResult | null)[]): { fields: InvoiceFields; meta: FieldMetaMap; notes: string[] } {
  const merged = mergeStages(results);
  const fields = { ...EMPTY_INVOICE_FIELDS, ...merged.fields };
  if (fields.tipoCodigo != null && !fields.tipo) fields.tipo = comprobanteByCode(fields.tipoCodigo).tipo;
  return { fields, meta: flagWeakFields(fields, merged.meta), notes: merged.notes };
}

const pct = (n: number) => n.toFixed(2).replace(".", ",");

/**
 * Calibrated review flags (`fieldMeta[f].flag`, Spanish): a value is confident only when its
 * evidence is (two sources agree, or a strong label + format + checks, ≥ REVIEW_THRESHOLD);
 * anything weaker, disputed (merge), or caught by a validation check is flagged.
 */
export function flagWeakFields(fields: InvoiceFields, meta: FieldMetaMap): FieldMetaMap {
  const out: FieldMetaMap = {};
  for (const [k, m] of Object.entries(meta) as [InvoiceFieldName, NonNullable<FieldMetaMap[InvoiceFieldName]>][]) out[k] = { ...m };
  const flag = (f: InvoiceFieldName, message: string) => {
    const m = out[f];
    if (!m || m.source === "USER" || fields[f] == null || m.flag) return;
    m.flag = message.slice(0, 300);
  };
  for (const f of INVOICE_FIELD_NAMES) {
    const m = out[f];
    if (m && m.confidence < REVIEW_THRESHOLD) flag(f, `Poca evidencia (confianza ${pct(m.confidence)}): verificar el valor`);
  }
  for (const issue of validateInvoice(fields).issues) {
    if (!issue.field) continue;
    flag(issue.field, issue.message);
    if (issue.field === "total" && /neto \+ IVA/.test(issue.message)) {
      flag("neto", issue.message);
      flag("iva", issue.message);
      for (const f of TAX_BREAKDOWN_FIELDS) flag(f, issue.message);
    }
  }
  return out;
}

/** Fields a document of this type must carry (Libro IVA): A and M also discriminate IVA and name the buyer's CUIT. */
export function requiredFields(tipoCodigo: number | null): InvoiceFieldName[] {
  const base: InvoiceFieldName[] = ["tipoCodigo", "puntoVenta", "numero", "fecha", "proveedorCuit", "proveedorRazonSocial", "total", "cae"];
  const letter = tipoCodigo != null && isKnownComprobante(tipoCodigo) ? comprobanteByCode(tipoCodigo).letter : null;
  return letter === "A" || letter === "M" ? [...base, "receptorCuit", "neto", "iva"] : base;
}

const FIELD_LABEL: Partial<Record<InvoiceFieldName, string>> = {
  proveedorRazonSocial: "la razón social del emisor",
  cae: "el CAE",
  receptorCuit: "el CUIT del receptor",
  neto: "el neto gravado",
  iva: "el detalle de IVA",
};

/**
 * The review verdict: a person looks at the document when a validation check fails or warns
 * (e.g. total ≠ neto + IVA), any field is flagged or below the threshold, or a field the
 * document type requires is missing. USER values (confidence 1, no flag) never hold it back.
 */
export function reviewVerdict(fields: InvoiceFields, meta: FieldMetaMap) {
  const validation = validateInvoice(fields);
  const issues = [...validation.issues];
  const missingRequired = requiredFields(fields.tipoCodigo).filter((f) => fields[f] == null);
  for (const f of missingRequired) if (FIELD_LABEL[f]) issues.push({ field: f, severity: "warning", message: `Falta ${FIELD_LABEL[f]}` });
  const flagged = INVOICE_FIELD_NAMES.filter((f) => fields[f] != null && meta[f]?.source !== "USER" && (!!meta[f]?.flag || (meta[f]?.confidence ?? 0) < REVIEW_THRESHOLD));
  const lowConfidence = REQUIRED_FIELDS.filter((f) => fields[f] == null || (meta[f]?.confidence ?? 0) < REVIEW_THRESHOLD);
  return { issues, lowConfidence, flagged, missingRequired, needsReview: issues.length > 0 || flagged.length > 0 || missingRequired.length > 0 || lowConfidence.length > 0 };
}
