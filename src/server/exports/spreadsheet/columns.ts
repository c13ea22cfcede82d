/**
 * The columns of the CSV/XLSX download of documents: the keys of the former CSV, in the same order,
 * then the review state and the receptor. Each says what kind of value it holds, so the CSV writes
 * it in the es-AR convention and the XLSX as a typed cell.
 */
import { iibbTotal } from "@/lib/documents/fields";
import type { DocumentView } from "@/server/documents/document-view";

export type ColumnKind = "text" | "cuit" | "amount" | "rate" | "date" | "datetime" | "int";
export type Column = { key: string; kind: ColumnKind; get: (d: DocumentView) => string | number | Date | null | undefined };

const ivaTotal = (d: DocumentView) => (d.iva ? Math.round(d.iva.reduce((s, l) => s + l.amount, 0) * 100) / 100 : null);

/** How the review state reads in the file (Spanish, as the app shows it). */
export const REVIEW_STATE_LABEL: Record<DocumentView["reviewStatus"], string> = {
  NOT_READY: "No procesado",
  UNREVIEWED: "Sin revisar",
  NEEDS_REVIEW: "Para revisar",
  REVIEWED: "Revisado",
};

export const COLUMNS: Column[] = [
  { key: "id", kind: "text", get: (d) => d.id },
  { key: "tipo", kind: "text", get: (d) => d.tipo },
  { key: "numero", kind: "text", get: (d) => d.numeroCompleto },
  { key: "fecha", kind: "date", get: (d) => d.fecha },
  { key: "proveedor_cuit", kind: "cuit", get: (d) => d.proveedorCuit },
  { key: "proveedor_razon_social", kind: "text", get: (d) => d.proveedorRazonSocial },
  { key: "neto", kind: "amount", get: (d) => d.neto },
  { key: "total", kind: "amount", get: (d) => d.total },
  { key: "moneda", kind: "text", get: (d) => d.moneda },
  { key: "cae", kind: "text", get: (d) => d.cae },
  { key: "id_externo", kind: "text", get: (d) => d.externalSystemId },
  { key: "exportado", kind: "datetime", get: (d) => d.lastExportedAt },
  { key: "iva", kind: "amount", get: ivaTotal },
  { key: "no_gravado", kind: "amount", get: (d) => d.noGravado },
  { key: "exento", kind: "amount", get: (d) => d.exento },
  { key: "percepciones_iva", kind: "amount", get: (d) => d.percepcionesIva },
  { key: "percepciones_iibb", kind: "amount", get: (d) => iibbTotal(d) },
  { key: "percepciones_iibb_detalle", kind: "text", get: (d) => (d.percepcionesIibb ?? []).map((p) => `${p.jurisdiccion ?? "?"}: ${p.amount.toFixed(2).replace(".", ",")}`).join("; ") || null },
  { key: "impuestos_internos", kind: "amount", get: (d) => d.impuestosInternos },
  { key: "otros_tributos", kind: "amount", get: (d) => d.otrosTributos },
  { key: "importe_otros_tributos", kind: "amount", get: (d) => d.otrosImpuestos },
  // Data downloads are not exports: unreviewed documents are included, and say so
  { key: "estado_revision", kind: "text", get: (d) => (d.discardedAt ? "Descartado" : REVIEW_STATE_LABEL[d.reviewStatus]) },
  { key: "motivos_revision", kind: "text", get: (d) => d.reviewReasons.map((r) => r.message).join("; ") || null },
  { key: "receptor_cuit", kind: "cuit", get: (d) => d.receptorCuit },
  { key: "cotizacion", kind: "rate", get: (d) => d.cotizacion },
];

export const dashedCuit = (c: string) => (/^\d{11}$/.test(c) ? `${c.slice(0, 2)}-${c.slice(2, 10)}-${c.slice(10)}` : c);
