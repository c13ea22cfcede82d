/**
 * Scores parser output against ground truth: per-field accuracy, fully-right documents, and the
 * outcomes that matter for trust — a SILENT WRONG value (not what the page says, not flagged, and
 * the document not sent to review) and a silent gap (a printed value missing, document not in
 * review). Used by bench/accuracy and test/parsing/accuracy.test.ts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { FieldMetaMap, InvoiceFields, IvaLine, PercepcionIibb } from "@/lib/documents/fields";

/** The fields the ground truth holds (test/fixtures/real/truth.json). */
export const TRUTH_FIELDS = [
  "tipoCodigo",
  "puntoVenta",
  "numero",
  "fecha",
  "proveedorCuit",
  "proveedorRazonSocial",
  "receptorCuit",
  "receptorNombre",
  "neto",
  "iva",
  "total",
  "moneda",
  "cae",
  "caeVencimiento",
  // tax breakdown (issue 15): absent from a truth entry = not printed or zero
  "noGravado",
  "exento",
  "percepcionesIva",
  "percepcionesIibb",
  "impuestosInternos",
  "otrosTributos",
] as const;
export type TruthField = (typeof TRUTH_FIELDS)[number];
export type Truth = Pick<InvoiceFields, TruthField>;

export const REAL_DIR = path.resolve(import.meta.dirname, "../fixtures/real");

export function loadRealTruth(): { file: string; truth: Truth }[] {
  const raw = JSON.parse(readFileSync(path.join(REAL_DIR, "truth.json"), "utf8")) as Record<string, Truth>;
  return Object.entries(raw).map(([file, truth]) => ({ file: path.join(REAL_DIR, file), truth }));
}

/** Names compare without case, accents, punctuation or spacing ("S.R.L." = "SRL"). */
export function normName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "");
}

function ivaKey(lines: IvaLine[] | { rate: number; amount: number }[] | null | undefined): string {
  return (lines ?? [])
    .filter((l) => Math.abs(l.amount) >= 0.005)
    .map((l) => `${l.rate}:${l.amount.toFixed(2)}`)
    .sort()
    .join("|");
}

const TAX_AMOUNTS: readonly string[] = ["noGravado", "exento", "percepcionesIva", "impuestosInternos", "otrosTributos"];

function iibbKey(lines: PercepcionIibb[] | null | undefined): string {
  return (lines ?? [])
    .filter((l) => Math.abs(l.amount) >= 0.005)
    .map((l) => `${l.jurisdiccion ?? "?"}:${l.amount.toFixed(2)}`)
    .sort()
    .join("|");
}

export function sameValue(field: TruthField, got: unknown, want: unknown): boolean {
  if (field === "iva") return ivaKey(got as IvaLine[] | null) === ivaKey(want as IvaLine[] | null);
  if (field === "percepcionesIibb") return iibbKey(got as PercepcionIibb[] | null) === iibbKey(want as PercepcionIibb[] | null);
  // a tax amount of zero is the same as none (nothing to book)
  if (TAX_AMOUNTS.includes(field)) return Math.abs(((got as number | null) ?? 0) - ((want as number | null) ?? 0)) < 0.011;
  if (got == null || want == null) return got == null && want == null;
  if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) < 0.011;
  if (field === "proveedorRazonSocial" || field === "receptorNombre") return normName(String(got)) === normName(String(want));
  return got === want;
}

export type DocScore = {
  file: string;
  inReview: boolean;
  right: TruthField[];
  /** wrong value, flagged or in a document in review */
  wrongFlagged: TruthField[];
  /** wrong value, not flagged, document not in review — the worst outcome */
  silentWrong: TruthField[];
  /** value printed but not found */
  missing: TruthField[];
  /** missing, document not in review */
  silentMissing: TruthField[];
  details: string[];
};

export function scoreDoc(file: string, truth: Truth, got: { fields: InvoiceFields; meta: FieldMetaMap; needsReview: boolean } | null): DocScore {
  const s: DocScore = { file, inReview: got?.needsReview ?? true, right: [], wrongFlagged: [], silentWrong: [], missing: [], silentMissing: [], details: [] };
  for (const f of TRUTH_FIELDS) {
    const value = got?.fields[f] ?? null;
    const want = truth[f] ?? null;
    if (sameValue(f, value, want)) {
      s.right.push(f);
      continue;
    }
    const flagged = !!got?.meta[f]?.flag;
    const empty = value == null || (f === "iva" && ivaKey(value as IvaLine[]) === "") || (f === "percepcionesIibb" && iibbKey(value as PercepcionIibb[]) === "");
    if (empty) {
      s.missing.push(f);
      if (!s.inReview) s.silentMissing.push(f);
    } else if (flagged || s.inReview) s.wrongFlagged.push(f);
    else s.silentWrong.push(f);
    s.details.push(`${f}: ${JSON.stringify(value)} ≠ ${JSON.stringify(want)}${flagged ? ` ⚑ ${got?.meta[f]?.flag}` : ""}${got?.meta[f] ? ` (${got.meta[f]!.source} ${got.meta[f]!.confidence})` : ""}`);
  }
  return s;
}

export type Summary = {
  docs: number;
  fields: number;
  right: number;
  accuracy: number;
  perField: Record<TruthField, { right: number; of: number; pct: number }>;
  fullyRight: number;
  inReview: number;
  silentWrong: number;
  silentMissing: number;
  wrongFlagged: number;
  missing: number;
};

export function summarize(scores: DocScore[]): Summary {
  const perField = Object.fromEntries(TRUTH_FIELDS.map((f) => [f, { right: 0, of: 0, pct: 0 }])) as Summary["perField"];
  for (const s of scores) for (const f of TRUTH_FIELDS) {
    perField[f].of++;
    if (s.right.includes(f)) perField[f].right++;
  }
  for (const f of TRUTH_FIELDS) perField[f].pct = Math.round((perField[f].right / Math.max(1, perField[f].of)) * 1000) / 10;
  const right = scores.reduce((n, s) => n + s.right.length, 0);
  const fields = scores.length * TRUTH_FIELDS.length;
  return {
    docs: scores.length,
    fields,
    right,
    accuracy: Math.round((right / Math.max(1, fields)) * 1000) / 10,
    perField,
    fullyRight: scores.filter((s) => s.right.length === TRUTH_FIELDS.length).length,
    inReview: scores.filter((s) => s.inReview).length,
    silentWrong: scores.reduce((n, s) => n + s.silentWrong.length, 0),
    silentMissing: scores.reduce((n, s) => n + s.silentMissing.length, 0),
    wrongFlagged: scores.reduce((n, s) => n + s.wrongFlagged.length, 0),
    missing: scores.reduce((n, s) => n + s.missing.length, 0),
  };
}

export function formatSummary(title: string, s: Summary): string {
  const lines = [`${title}: ${s.docs} docs, ${s.right}/${s.fields} fields right (${s.accuracy} %), fully right ${s.fullyRight}/${s.docs}, in review ${s.inReview}`];
  lines.push(`  SILENT WRONG ${s.silentWrong}, silent missing ${s.silentMissing}, wrong but flagged/in review ${s.wrongFlagged}, missing ${s.missing}`);
  for (const f of TRUTH_FIELDS) lines.push(`  ${f.padEnd(21)} ${String(s.perField[f].right).padStart(3)}/${s.perField[f].of}  ${s.perField[f].pct.toFixed(1).padStart(5)} %`);
  return lines.join("\n");
}
