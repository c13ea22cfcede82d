/**
 * The reconciliation itself, with no database: ARCA's rows for a receptor CUIT and a month against
 * the uploaded documents (brief §8.3). Key: CUIT emisor + tipo + punto de venta + número, as
 * numbers (leading zeros never matter). Amounts compared in integer centavos:
 * |Δ| ≤ 1 centavo equal · ≤ 1,00 rounding · more: a mismatch.
 */
import type { AfipRow } from "./parse";

export type MatchState = "MATCHED" | "ROUNDING" | "DIFFERENT" | "TYPE_MISMATCH" | "MISSING" | "UNKNOWN";
export type DiffLevel = "rounding" | "mismatch";
export type Diff = { field: string; afip: number | string | null; document: number | string | null; level: DiffLevel };

/** What reconciliation needs of a document (amounts in pesos and centavos as numbers, in its currency). */
export type DocForMatch = {
  id: string;
  fileName: string;
  tipoCodigo: number | null;
  puntoVenta: number | null;
  numero: number | null;
  proveedorCuit: string | null;
  proveedorRazonSocial: string | null;
  receptorCuit: string | null;
  fecha: string | null;
  total: number | null;
  iva: { rate: number; base: number | null; amount: number }[] | null;
  moneda: string | null;
  cotizacion: number | null;
};

export type Line = { state: MatchState; afip: AfipRow | null; doc: DocForMatch | null; diffs: Diff[] };
export type Reconciliation = { lines: Line[]; outsideRows: number; notes: string[] };

export const ROUNDING_LIMIT = 100; // centavos: 1,00
const EQUAL_LIMIT = 1; // centavo

const cents = (n: number) => Math.round(n * 100);
const key = (cuit: string, tipo: number, pv: number, numero: number) => `${cuit}|${tipo}|${pv}|${numero}`;
const looseKey = (cuit: string, pv: number, numero: number) => `${cuit}|${pv}|${numero}`;
const docKey = (d: DocForMatch) => (d.proveedorCuit && d.tipoCodigo != null && d.puntoVenta != null && d.numero != null ? key(d.proveedorCuit, d.tipoCodigo, d.puntoVenta, d.numero) : null);

function amountDiff(field: string, afipCents: number, docCents: number): Diff | null {
  const delta = Math.abs(Math.abs(afipCents) - Math.abs(docCents));
  if (delta <= EQUAL_LIMIT) return null;
  return { field, afip: afipCents / 100, document: docCents / 100, level: delta <= ROUNDING_LIMIT ? "rounding" : "mismatch" };
}

/** Every difference between ARCA's row and the document. */
export function compare(afip: AfipRow, doc: DocForMatch, receptorCuit: string): Diff[] {
  const diffs: Diff[] = [];
  const push = (d: Diff | null) => d && diffs.push(d);
  if (doc.total == null) diffs.push({ field: "total", afip: afip.total / 100, document: null, level: "mismatch" });
  else push(amountDiff("total", afip.total, cents(doc.total)));
  // IVA only where the document discriminates it (A, M…); B and C print none
  if (doc.iva?.length) {
    push(amountDiff("iva", afip.iva, doc.iva.reduce((s, l) => s + cents(l.amount), 0)));
    if (afip.rates) {
      const rates = new Set([...afip.rates.map((r) => r.rate), ...doc.iva.map((l) => l.rate)]);
      for (const rate of [...rates].sort((a, b) => a - b)) {
        const a = afip.rates.find((r) => r.rate === rate);
        const lines = doc.iva.filter((l) => l.rate === rate);
        const base = lines.every((l) => l.base != null) ? lines.reduce((s, l) => s + cents(l.base!), 0) : null;
        const label = String(rate).replace(".", ",");
        if (base != null) push(amountDiff(`neto ${label}%`, a?.neto ?? 0, base));
        if (rate > 0) push(amountDiff(`iva ${label}%`, a?.iva ?? 0, lines.reduce((s, l) => s + cents(l.amount), 0)));
      }
    }
  }
  if (doc.fecha && doc.fecha !== afip.fecha) diffs.push({ field: "fecha", afip: afip.fecha, document: doc.fecha, level: "mismatch" });
  if (afip.moneda && doc.moneda && afip.moneda !== doc.moneda) diffs.push({ field: "moneda", afip: afip.moneda, document: doc.moneda, level: "mismatch" });
  if (afip.moneda && afip.moneda !== "PES" && afip.tipoCambio != null && doc.cotizacion != null && Math.abs(afip.tipoCambio - doc.cotizacion) > 0.0005) {
    diffs.push({ field: "cotizacion", afip: afip.tipoCambio, document: doc.cotizacion, level: "mismatch" });
  }
  if (doc.receptorCuit && doc.receptorCuit !== receptorCuit) diffs.push({ field: "receptorCuit", afip: receptorCuit, document: doc.receptorCuit, level: "mismatch" });
  return diffs;
}

const stateOf = (diffs: Diff[]): MatchState => (diffs.some((d) => d.level === "mismatch") ? "DIFFERENT" : diffs.length ? "ROUNDING" : "MATCHED");

/**
 * `docs`: the tenant's live, processed documents that may take part — those of the receptor in the
 * month and any with the key of an ARCA row (a misread date still matches), oldest first.
 */
export function reconcile(rows: AfipRow[], docs: DocForMatch[], receptorCuit: string, period: string): Reconciliation {
  const notes: string[] = [];
  const inPeriod = rows.filter((r) => r.fecha.startsWith(`${period}-`));
  const outsideRows = rows.length - inPeriod.length;
  if (outsideRows) notes.push(outsideRows === 1 ? "Se ignoró 1 fila de otro mes." : `Se ignoraron ${outsideRows} filas de otros meses.`);

  const byKey = new Map<string, DocForMatch[]>();
  for (const d of docs) {
    const k = docKey(d);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), d]);
  }
  const used = new Set<string>();
  const seen = new Set<string>();
  const lines: Line[] = [];
  const missing: AfipRow[] = [];
  for (const row of inPeriod) {
    const k = key(row.emisorCuit, row.tipoCodigo, row.puntoVenta, row.numeroDesde);
    if (seen.has(k)) {
      notes.push(`Fila ${row.fileRow}: el comprobante se repite en el archivo; se tomó la primera aparición.`);
      continue;
    }
    seen.add(k);
    if (row.moneda === null) notes.push(`Fila ${row.fileRow}: moneda «${row.monedaRaw}» desconocida; revisá ese comprobante.`);
    const twins = byKey.get(k);
    if (!twins?.length) {
      missing.push(row);
      continue;
    }
    twins.forEach((d) => used.add(d.id));
    const diffs = compare(row, twins[0]!, receptorCuit);
    lines.push({ state: stateOf(diffs), afip: row, doc: twins[0]!, diffs });
  }

  // Same issuer, PV and number under another type: one comprobante read with the wrong type
  const unmatched = docs.filter((d) => !used.has(d.id) && d.proveedorCuit && d.puntoVenta != null && d.numero != null);
  for (const row of missing) {
    const doc = unmatched.find((d) => !used.has(d.id) && looseKey(d.proveedorCuit!, d.puntoVenta!, d.numero!) === looseKey(row.emisorCuit, row.puntoVenta, row.numeroDesde));
    if (doc) {
      used.add(doc.id);
      lines.push({ state: "TYPE_MISMATCH", afip: row, doc, diffs: [{ field: "tipoCodigo", afip: row.tipoCodigo, document: doc.tipoCodigo, level: "mismatch" }, ...compare(row, doc, receptorCuit)] });
    } else lines.push({ state: "MISSING", afip: row, doc: null, diffs: [] });
  }

  for (const d of docs) {
    if (used.has(d.id) || d.receptorCuit !== receptorCuit || !d.fecha?.startsWith(`${period}-`)) continue;
    used.add(d.id);
    lines.push({ state: "UNKNOWN", afip: null, doc: d, diffs: [] });
  }
  return { lines, outsideRows, notes };
}
