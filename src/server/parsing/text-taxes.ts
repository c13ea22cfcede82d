/**
 * The tax breakdown the Libro IVA Compras needs, from labelled amounts on the text layer:
 * "Importe Neto No Gravado", "Importe Exento", "Percepción IVA" / "Percep. IVA-RG2408",
 * "Perc. IIBB Bs.As." / "Percep. IIBB Cdad Auton BsAs" (with jurisdicción), "Impuestos Internos",
 * other tributos (Ganancias, municipales) and the rows of AFIP's facturador "Otros Tributos"
 * table ("Descripción | Detalle | Alíc. % | Importe"). Zero amounts are not booked (null).
 * A repeated line (original/duplicado/triplicado pages) counts once.
 */
import { jurisdiccionOf } from "@/lib/documents/jurisdicciones";
import type { PercepcionIibb } from "@/lib/documents/fields";

export type TaxAmounts = {
  noGravado: number | null;
  exento: number | null;
  percepcionesIva: number | null;
  percepcionesIibb: PercepcionIibb[] | null;
  impuestosInternos: number | null;
  otrosTributos: number | null;
};
type Scalar = Exclude<keyof TaxAmounts, "percepcionesIibb">;

const PERC = String.raw`(?:percep\w*\.?|perc\.?|per\.?\s?\/\s?ret\.?|ret\.?\s?\/\s?per\.?|p\.)`;
/** Label → field, first match wins (IIBB before IVA: "Perc. IIBB" never reads as IVA). */
const LABELS: { field: keyof TaxAmounts; re: RegExp }[] = [
  { field: "percepcionesIibb", re: new RegExp(String.raw`${PERC}\s*(?:de\s+)?(?:iibb|ii\.?\s?bb\.?|ing\w*\.?\s*brut\w*\.?|ingresos\s+brutos)`, "i") },
  { field: "percepcionesIva", re: new RegExp(String.raw`${PERC}\s*(?:de\s+|del\s+)?i\.?\s?v\.?\s?a\.?(?![a-z])`, "i") },
  { field: "impuestosInternos", re: /\bimp(?:uestos?|\.)?\s+internos?\b/i },
  { field: "otrosTributos", re: new RegExp(String.raw`${PERC}\s*(?:de\s+)?(?:impuesto\s+a\s+las\s+)?ganancias|\bimp(?:uestos?|\.)?\s+municipal(?:es)?\b|\btasa\s+municipal|${PERC}\s*(?:de\s+)?(?:otros\s+)?impuestos\s+nacionales`, "i") },
  { field: "noGravado", re: /(?:importe\s+)?(?:neto\s+)?(?:conceptos\s+)?no\s+gravado(?:s)?/i },
  { field: "exento", re: /(?:importe\s+|operaciones\s+|conceptos\s+)?exent[oa]s?(?![a-z])/i },
];
/** Words before a label that make it something else: an agent's registration, a tax condition. */
const NOT_AN_AMOUNT = /(agente|\bag\.?|sujeto|brutos|condici[oó]n|iva|resp\w*\.?|inscr\w*|n[°º]|nro\.?)\s*:?\s*$/i;
const TABLE_HEADER = /descripci[oó]n.*detalle.*importe|detalle.*al[ií]c/i;

export function extractTaxes(nlines: string[], amountsIn: (s: string) => number[]): TaxAmounts {
  const out: TaxAmounts = { noGravado: null, exento: null, percepcionesIva: null, percepcionesIibb: null, impuestosInternos: null, otrosTributos: null };
  const seen = new Set<string>();
  let inTable = false;
  const iibbTotals: number[] = [];
  for (const l of nlines) {
    if (TABLE_HEADER.test(l)) inTable = true;
    for (const { field, re } of LABELS) {
      const m = re.exec(l);
      if (!m) continue;
      if ((field === "exento" || field === "noGravado") && NOT_AN_AMOUNT.test(l.slice(Math.max(0, m.index - 24), m.index))) break;
      if (/agente|\bag\.\s*$/i.test(l.slice(Math.max(0, m.index - 12), m.index))) break;
      const rest = l.slice(m.index + m[0].length);
      // the label's own words up to the first amount (jurisdicción, "RG2408", …)
      const amounts = amountsIn(rest);
      if (!amounts.length) break;
      // facturador table ("Percepción IIBB | Buenos Aires | 3,00 | 30,00", and the IVA summary
      // printed to the right on the same line): the amount under "Importe"; else the first one
      const row = inTable ? rowAmounts(rest, amountsIn) : [];
      // "Neto: $ 12229.76 Alíc: 0.1% Impuesto: $ 12.23": the labelled tax, not the base
      const labelled = /(?:impuesto|importe|monto|percibido|percepci[oó]n)\s*:?\s*\$?\s*(-?\d[\d.,]*\d)/i.exec(rest);
      const value = labelled && amountsIn(labelled[1]!).length ? amountsIn(labelled[1]!)[0]! : inTable ? (row.length ? row[row.length - 1]! : null) : amounts[0]!;
      if (value == null || !(Math.abs(value) >= 0.005)) break;
      const key = `${field}|${l.slice(m.index, m.index + m[0].length + 40).replace(/\s+/g, " ").toLowerCase()}|${value}`;
      if (seen.has(key)) break;
      seen.add(key);
      if (field === "percepcionesIibb") {
        const label = rest.slice(0, /\$|\d+[.,]\d/.exec(rest)?.index ?? rest.length);
        const jurisdiccion = jurisdiccionOf(label) ?? jurisdiccionOf(m[0]);
        // "Total Percepciones IIBB" sums the detail lines: used only when there is no detail
        if (/total\s*$/i.test(l.slice(Math.max(0, m.index - 8), m.index))) iibbTotals.push(value);
        else {
          const list = (out.percepcionesIibb ??= []);
          const same = list.find((p) => p.jurisdiccion === jurisdiccion);
          if (same) same.amount = round2(same.amount + value);
          else list.push({ jurisdiccion, amount: value });
        }
      } else {
        const f = field as Scalar;
        out[f] = round2((out[f] ?? 0) + value);
      }
      break;
    }
  }
  if (!out.percepcionesIibb && iibbTotals.length) out.percepcionesIibb = [{ jurisdiccion: null, amount: iibbTotals[0]! }];
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The amounts of one table row: cells after the label (detail, alícuota, importe) up to the first
 * text cell after a number — the facturador prints the IVA summary ("IVA 21%: $ 5040,00") to the
 * right on the same line, and the text layer keeps cells, not columns.
 */
function rowAmounts(rest: string, amountsIn: (s: string) => number[]): number[] {
  const out: number[] = [];
  for (const cell of rest.split(/\s{2,}|\t/)) {
    const nums = amountsIn(cell);
    if (/[a-z]{2,}/i.test(cell)) {
      if (out.length) break;
      continue;
    }
    out.push(...nums);
  }
  return out;
}

/** Σ no gravado + exento (amounts in the total that are not neto, IVA or tributos). */
export function untaxedSum(t: TaxAmounts): number {
  return (t.noGravado ?? 0) + (t.exento ?? 0);
}

/** Σ perceptions + internos + otros, or null when none was found. */
export function tributosSum(t: TaxAmounts): number | null {
  const parts = [t.percepcionesIva, ...(t.percepcionesIibb ?? []).map((p) => p.amount), t.impuestosInternos, t.otrosTributos].filter((n): n is number => n != null);
  return parts.length ? round2(parts.reduce((a, b) => a + b, 0)) : null;
}
