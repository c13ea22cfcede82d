import "server-only";
import { INVOICE_FIELD_NAMES, type FieldMeta, type FieldMetaMap, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import type { ReviewReason } from "@/lib/documents/review";
import { REQUIRED_FIELDS, REVIEW_THRESHOLD, validateInvoice } from "@/server/parsing";
import { requiredFields } from "@/server/parsing/decisions";

/** Spanish field names for reason messages (the UI renders reasons from its own messages by code + field). */
const FIELD_ES: Record<InvoiceFieldName, string> = {
  tipoCodigo: "Tipo de comprobante",
  tipo: "Tipo",
  puntoVenta: "Punto de venta",
  numero: "Número",
  fecha: "Fecha",
  proveedorCuit: "CUIT del proveedor",
  proveedorRazonSocial: "Razón social",
  receptorCuit: "CUIT del receptor",
  receptorNombre: "Receptor",
  neto: "Neto",
  iva: "IVA",
  otrosImpuestos: "Otros impuestos",
  total: "Total",
  moneda: "Moneda",
  cotizacion: "Cotización",
  cae: "CAE",
  caeVencimiento: "Vencimiento del CAE",
  noGravado: "No gravado",
  exento: "Exento",
  percepcionesIva: "Percepciones de IVA",
  percepcionesIibb: "Percepciones de IIBB",
  impuestosInternos: "Impuestos internos",
  otrosTributos: "Otros tributos",
};

/** The parser marks a field it does not trust (e.g. QR and text disagree) with `fieldMeta[f].flag`. */
export function flagOf(meta: FieldMeta | undefined): string | null {
  const flag = (meta as { flag?: unknown } | undefined)?.flag;
  return typeof flag === "string" && flag.trim() ? flag.trim() : null;
}

/**
 * Why the fields need a person, without duplicates (those need the database, see duplicates.ts):
 * validation issues, required fields missing or below the confidence threshold, fields the
 * document type requires that are missing (requiredFields, the parser's verdict), flagged fields.
 * A required field's problem is an error (it must be corrected or confirmed); others keep the
 * validator's severity, and a flag on an optional field is a warning.
 */
export function fieldReasons(fields: InvoiceFields, meta: FieldMetaMap): ReviewReason[] {
  const reasons: ReviewReason[] = validateInvoice(fields).issues.map((i) => ({ code: "VALIDATION", field: i.field, severity: i.severity, message: i.message }));
  const validated = new Set(reasons.map((r) => r.field));
  for (const f of REQUIRED_FIELDS) {
    if (fields[f] == null) {
      if (!validated.has(f)) reasons.push({ code: "MISSING", field: f, severity: "error", message: `Falta ${FIELD_ES[f]}` });
      continue;
    }
    const confidence = meta[f]?.confidence ?? 0;
    if (confidence < REVIEW_THRESHOLD && !flagOf(meta[f])) {
      reasons.push({ code: "LOW_CONFIDENCE", field: f, severity: "error", message: `${FIELD_ES[f]} con baja confianza (${Math.round(confidence * 100)} %)` });
    }
  }
  // What the document type needs for the Libro IVA (razón social, CAE; for A and M also the buyer's
  // CUIT, neto and IVA): missing is a warning — some are truly not printed, a person acknowledges it.
  for (const f of requiredFields(fields.tipoCodigo)) {
    if (fields[f] == null && !REQUIRED_FIELDS.includes(f) && !validated.has(f)) reasons.push({ code: "MISSING", field: f, severity: "warning", message: `Falta ${FIELD_ES[f]}` });
  }
  for (const f of INVOICE_FIELD_NAMES) {
    const flag = flagOf(meta[f]);
    if (flag) reasons.push({ code: "FLAGGED", field: f, severity: REQUIRED_FIELDS.includes(f) ? "error" : "warning", message: `${FIELD_ES[f]}: ${flag}` });
  }
  return reasons;
}

export const fieldNameEs = (f: InvoiceFieldName) => FIELD_ES[f];
