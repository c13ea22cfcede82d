import { EMPTY_INVOICE_FIELDS, INVOICE_FIELD_NAMES, type FieldMetaMap, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import type { StageResult } from "./stage";

function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 0.011;
  return JSON.stringify(a) === JSON.stringify(b);
}

const LABELS: Record<InvoiceFieldName, string> = {
  tipoCodigo: "tipo",
  tipo: "tipo",
  puntoVenta: "punto de venta",
  numero: "número",
  fecha: "fecha",
  proveedorCuit: "CUIT del emisor",
  proveedorRazonSocial: "razón social del emisor",
  receptorCuit: "CUIT del receptor",
  receptorNombre: "nombre del receptor",
  neto: "neto",
  iva: "IVA",
  otrosImpuestos: "otros tributos",
  total: "total",
  moneda: "moneda",
  cotizacion: "cotización",
  cae: "CAE",
  caeVencimiento: "vencimiento del CAE",
  noGravado: "no gravado",
  exento: "exento",
  percepcionesIva: "percepciones de IVA",
  percepcionesIibb: "percepciones de IIBB",
  impuestosInternos: "impuestos internos",
  otrosTributos: "otros tributos (detalle)",
};

/**
 * Earlier stages win per field unless a later one has strictly higher confidence. Agreement of
 * two sources raises confidence (+0.02); a disagreement is kept as a note and flags the field
 * (a non-QR winner is also capped at 0.6). Names read next to a CUIT that turns out to be the
 * other party's are moved or dropped. (USER values are never passed here: the caller keeps them.)
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
        const flag = current.flag ?? m.flag;
        meta[name] = { source: current.source, confidence: Math.min(1, Math.round((Math.max(current.confidence, m.confidence) + 0.02) * 100) / 100), ...(flag ? { flag } : {}) };
        continue;
      }
      const note = `Diferencia en ${LABELS[name]}: ${current.source} dice ${JSON.stringify(fields[name])}, ${m.source} dice ${JSON.stringify(value)}`;
      notes.push(note);
      const flag = note.length > 300 ? `${note.slice(0, 299)}…` : note; // fieldMetaSchema: ≤ 300
      if (m.confidence > current.confidence && current.source !== "QR") {
        (fields as Record<string, unknown>)[name] = value;
        meta[name] = { source: m.source, confidence: m.source === "QR" ? m.confidence : Math.min(m.confidence, 0.6), flag };
      } else {
        meta[name] = { source: current.source, confidence: current.source === "QR" ? current.confidence : Math.min(current.confidence, 0.6), flag };
      }
    }
  }
  for (const r of results) if (r?.anchors) reanchorNames(r, fields, meta, notes);
  return { fields, meta, notes };
}

/**
 * The text stage reads a name next to the CUIT of its block. When the merged CUITs (the QR's)
 * say that CUIT is the other party's, the name is moved to that party (flagged) or dropped.
 */
function reanchorNames(r: StageResult, fields: InvoiceFields, meta: FieldMetaMap, notes: string[]) {
  const a = r.anchors!;
  const issuerName = a.proveedorRazonSocial && fields.proveedorRazonSocial === r.fields.proveedorRazonSocial ? fields.proveedorRazonSocial : null;
  const receiverName = a.receptorNombre && fields.receptorNombre === r.fields.receptorNombre ? fields.receptorNombre : null;
  if (issuerName && fields.proveedorCuit && a.proveedorRazonSocial !== fields.proveedorCuit) {
    fields.proveedorRazonSocial = null;
    delete meta.proveedorRazonSocial;
    if (a.proveedorRazonSocial === fields.receptorCuit && !fields.receptorNombre) {
      fields.receptorNombre = issuerName;
      meta.receptorNombre = { source: r.meta.proveedorRazonSocial?.source ?? "TEXT", confidence: 0.6, flag: "Nombre leído junto al CUIT del receptor, sin etiqueta: verificar" };
    }
    notes.push(`«${issuerName}» figura junto al CUIT ${a.proveedorRazonSocial}, que no es el del emisor: no se usa como razón social`);
  }
  if (receiverName && fields.receptorCuit && a.receptorNombre !== fields.receptorCuit && a.receptorNombre === fields.proveedorCuit) {
    fields.receptorNombre = null;
    delete meta.receptorNombre;
    notes.push(`«${receiverName}» figura junto al CUIT del emisor: no se usa como nombre del receptor`);
  }
}
