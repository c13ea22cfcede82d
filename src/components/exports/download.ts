/** JSON and CSV files of a selection, built in the browser. */
import { iibbTotal } from "@/lib/documents/fields";
import type { DocumentView } from "@/server/documents/document-view";

const ivaTotal = (d: DocumentView) => (d.iva ? Math.round(d.iva.reduce((s, l) => s + l.amount, 0) * 100) / 100 : null);

const COLUMNS: [string, (d: DocumentView) => unknown][] = [
  ["id", (d) => d.id],
  ["tipo", (d) => d.tipo],
  ["numero", (d) => d.numeroCompleto],
  ["fecha", (d) => d.fecha],
  ["proveedor_cuit", (d) => d.proveedorCuit],
  ["proveedor_razon_social", (d) => d.proveedorRazonSocial],
  ["neto", (d) => d.neto],
  ["total", (d) => d.total],
  ["moneda", (d) => d.moneda],
  ["cae", (d) => d.cae],
  ["id_externo", (d) => d.externalSystemId],
  ["exportado", (d) => (d.lastExportedAt ? new Date(d.lastExportedAt).toISOString() : null)],
  // Libro IVA Compras breakdown, appended so existing columns keep their position
  ["iva", ivaTotal],
  ["no_gravado", (d) => d.noGravado],
  ["exento", (d) => d.exento],
  ["percepciones_iva", (d) => d.percepcionesIva],
  ["percepciones_iibb", (d) => iibbTotal(d)],
  ["percepciones_iibb_detalle", (d) => (d.percepcionesIibb ?? []).map((p) => `${p.jurisdiccion ?? "?"}: ${p.amount.toFixed(2)}`).join("; ") || null],
  ["impuestos_internos", (d) => d.impuestosInternos],
  ["otros_tributos", (d) => d.otrosTributos],
  ["importe_otros_tributos", (d) => d.otrosImpuestos],
];

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(docs: DocumentView[]): string {
  return [COLUMNS.map(([h]) => h).join(","), ...docs.map((d) => COLUMNS.map(([, get]) => cell(get(d))).join(","))].join("\r\n") + "\r\n";
}

export function downloadFile(name: string, type: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
