import { EMPTY_INVOICE_FIELDS, INVOICE_FIELD_NAMES, type FieldMetaMap, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import type { StageResult } from "./stage";

function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 0.011;
  return JSON.stringify(a) === JSON.stringify(b);
}

const LABELS: Partial<Record<InvoiceFieldName, string>> = {
  tipoCodigo: "tipo",
  puntoVenta: "punto de venta",
  numero: "número",
  fecha: "fecha",
  proveedorCuit: "CUIT del emisor",
  total: "total",
  cae: "CAE",
};

/**
 * Earlier stages win per field unless a later one has strictly higher confidence. Agreement of
 * two sources raises confidence (+0.02); disagreement is noted, and a non-QR winner is capped at
 * 0.6 so the field goes to review. (USER values are never passed here: the caller keeps them.)
 */
export function mergeStages(results: (StageResult | null)[]): { fields: InvoiceFields; meta: FieldMetaMap; notes: string[] } {
  const fields: InvoiceFields = { ...EMPTY_INVOICE_FIELDS };
  const meta: FieldMetaMap = {};
  const notes: string[] = [];
  for (const r of results) {
    if (!r) continue;
    for (const n of r.notes) if (!notes.includes(n)) notes.push(n);
    for (const name of INVOICE_FIELD_NAMES) {
      const value = r.fields[name];
      if (value === undefined || value === null) continue;
      const m = r.meta[name] ?? { source: "TEXT" as const, confidence: 0.5 };
      const current = meta[name];
      if (!current || fields[name] === null) {
        (fields as Record<string, unknown>)[name] = value;
        meta[name] = { ...m };
        continue;
      }
      if (same(fields[name], value)) {
        meta[name] = { source: current.source, confidence: Math.min(1, Math.round((Math.max(current.confidence, m.confidence) + 0.02) * 100) / 100) };
        continue;
      }
      const label = LABELS[name];
      if (label) notes.push(`Diferencia en ${label}: ${current.source} dice ${JSON.stringify(fields[name])}, ${m.source} dice ${JSON.stringify(value)}`);
      if (m.confidence > current.confidence && current.source !== "QR") {
        (fields as Record<string, unknown>)[name] = value;
        meta[name] = { source: m.source, confidence: m.source === "QR" ? m.confidence : Math.min(m.confidence, 0.6) };
      } else if (current.source !== "QR") {
        meta[name] = { source: current.source, confidence: Math.min(current.confidence, 0.6) };
      }
    }
  }
  return { fields, meta, notes };
}
