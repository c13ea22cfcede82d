/**
 * A month of one client's purchases → the two files and their summary, or the issues that block
 * them. Pure: the caller loads the documents (preflight.ts) and decides about review state.
 * Duplicates (§6.4) block both documents; zero-total comprobantes are left out and reported (§6.4).
 */
import { buildRecords, isCreditNote, type LibroEntry, type LibroIssue, type LibroSource } from "./records";

export type RateSummary = { code: string; rate: number; neto: number; iva: number };
export type LibroSummary = {
  comprobantes: number;
  notasDeCredito: number;
  alicuotaRecords: number;
  excludedZeroTotal: number;
  /** Centavos in pesos. */
  total: number;
  creditoFiscal: number;
  noGravado: number;
  exento: number;
  percepcionesIva: number;
  percepcionesIibb: number;
  impuestosInternos: number;
  otrosTributos: number;
  porAlicuota: RateSummary[];
};

export type LibroBook = { blockers: LibroIssue[]; warnings: LibroIssue[]; entries: LibroEntry[]; summary: LibroSummary };

const keyOf = (d: LibroSource) => (d.tipoCodigo != null && d.puntoVenta != null && d.numero != null && d.proveedorCuit ? `${d.proveedorCuit}|${d.tipoCodigo}|${d.puntoVenta}|${d.numero}` : null);

export function buildBook(docs: LibroSource[]): LibroBook {
  const blockers: LibroIssue[] = [];
  const warnings: LibroIssue[] = [];
  const entries: LibroEntry[] = [];
  let excludedZeroTotal = 0;

  const byKey = new Map<string, string[]>();
  for (const d of docs) {
    const k = keyOf(d);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), d.id]);
  }
  for (const d of docs) {
    const k = keyOf(d);
    const twins = k ? byKey.get(k)!.filter((id) => id !== d.id) : [];
    if (twins.length) {
      blockers.push({ documentId: d.id, code: "DUPLICATE", field: null, message: `Mismo proveedor, tipo, punto de venta y número que otro documento del período: descartá uno de los dos` });
      continue;
    }
    if (d.total != null && Number(d.total.toString()) === 0) {
      excludedZeroTotal++;
      warnings.push({ documentId: d.id, code: "ZERO_TOTAL", field: "total", message: "Comprobante con total cero (anulación técnica): queda fuera del libro" });
      continue;
    }
    const r = buildRecords(d);
    if (r.ok) {
      entries.push(r.entry);
      warnings.push(...r.entry.warnings);
    } else blockers.push(...r.issues);
  }
  return { blockers, warnings, entries, summary: summarize(entries, excludedZeroTotal) };
}

function summarize(entries: LibroEntry[], excludedZeroTotal: number): LibroSummary {
  const rates = new Map<string, RateSummary>();
  const s: LibroSummary = { comprobantes: entries.length, notasDeCredito: 0, alicuotaRecords: 0, excludedZeroTotal, total: 0, creditoFiscal: 0, noGravado: 0, exento: 0, percepcionesIva: 0, percepcionesIibb: 0, impuestosInternos: 0, otrosTributos: 0, porAlicuota: [] };
  for (const e of entries) {
    const f = e.figures;
    // Credit notes subtract in the summary (the file carries them positive, the tipo says credit).
    const sign = isCreditNote(f.tipo) ? -1 : 1;
    if (sign < 0) s.notasDeCredito++;
    s.alicuotaRecords += e.alicuotas.length;
    s.total += sign * f.total;
    s.creditoFiscal += sign * f.creditoFiscal;
    s.noGravado += sign * f.noGravado;
    s.exento += sign * f.exento;
    s.percepcionesIva += sign * f.percepcionesIva;
    s.percepcionesIibb += sign * f.percepcionesIibb;
    s.impuestosInternos += sign * f.impuestosInternos;
    s.otrosTributos += sign * f.otrosTributos;
    for (const l of f.lines) {
      const prev = rates.get(l.code) ?? { code: l.code, rate: l.rate, neto: 0, iva: 0 };
      rates.set(l.code, { ...prev, neto: prev.neto + sign * l.neto, iva: prev.iva + sign * l.iva });
    }
  }
  s.porAlicuota = [...rates.values()].sort((a, b) => a.rate - b.rate);
  return s;
}

/** Records joined with CRLF after every record (§2), as latin-1 bytes (the text is ASCII already). */
export function fileBytes(records: string[]): Uint8Array {
  return Uint8Array.from(Buffer.from(records.map((r) => `${r}\r\n`).join(""), "latin1"));
}
