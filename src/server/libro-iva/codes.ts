/**
 * Code tables for the Libro IVA Digital de compras (brief libro-iva-digital.md §5). Which
 * comprobantes carry ALICUOTAS records, which we refuse in v1, the alícuota and moneda codes.
 */

/** A/M/FCE A and other "req" types (§5.1): at least one ALICUOTAS record. */
const WITH_ALICUOTAS = [1, 2, 3, 4, 5, 17, 27, 39, 51, 52, 53, 54, 81, 110, 112, 115, 118, 119, 120, 201, 202, 203];
/** B/C types (§5.1 "none"): cantidad 0, no ALICUOTAS records, crédito fiscal 0. */
const WITHOUT_ALICUOTAS = [6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 18, 28, 29, 40, 41, 61, 64, 82, 83, 111, 113, 114, 116, 117, 206, 207, 208, 211, 212, 213];

/**
 * Out of v1 (§11 decision 3): imports (066, and 019–021 imports of services), bienes usados (049),
 * the corredor liquidaciones (033, 058–060, 063), granos (331/332), exceptuados (090/099).
 * Refused with a message rather than exported wrongly.
 */
const OUT_OF_SCOPE: Record<number, string> = {
  19: "factura E (importación de servicios)", 20: "nota de débito E (importación de servicios)", 21: "nota de crédito E (importación de servicios)",
  33: "liquidación primaria de granos", 49: "compra de bienes usados", 58: "cuenta de venta y líquido producto M", 59: "liquidación M",
  60: "cuenta de venta y líquido producto A", 63: "liquidación A", 66: "despacho de importación", 90: "comprobante exceptuado (nota de crédito)",
  99: "comprobante exceptuado", 331: "liquidación secundaria de granos", 332: "certificación electrónica de granos",
};

/** Purchase credit notes (§5.1): amounts still reported positive (§2). */
export const CREDIT_NOTES = new Set([3, 8, 13, 53, 203, 208, 213, 110, 112, 113, 114, 119]);

export type TipoClass = { kind: "alicuotas" } | { kind: "sinAlicuotas" } | { kind: "refused"; reason: string };

export function classifyTipo(code: number): TipoClass {
  if (WITH_ALICUOTAS.includes(code)) return { kind: "alicuotas" };
  if (WITHOUT_ALICUOTAS.includes(code)) return { kind: "sinAlicuotas" };
  const name = OUT_OF_SCOPE[code];
  return { kind: "refused", reason: name ? `el Libro IVA de compras de Contaflow todavía no incluye ${name} (tipo ${code})` : `el tipo de comprobante ${code} no va en el Libro IVA de compras` };
}

/** IVA rate (percent) → alícuota code (§4 field 7; the same as WSFE Iva.Id). */
const ALICUOTA_CODES: [number, string][] = [[0, "0003"], [10.5, "0004"], [21, "0005"], [27, "0006"], [5, "0008"], [2.5, "0009"]];

export function alicuotaCode(rate: number): string | null {
  return ALICUOTA_CODES.find(([r]) => Math.abs(r - rate) < 1e-9)?.[1] ?? null;
}

/** ISO / common spellings → the AFIP moneda code (§5.3); AFIP codes map to themselves. */
const MONEDAS: Record<string, string> = {
  PES: "PES", ARS: "PES", $: "PES",
  DOL: "DOL", USD: "DOL", U$S: "DOL",
  EUR: "060", BRL: "012", UYU: "011", MXN: "010", CAD: "018", JPY: "019", GBP: "021", AUD: "026", CLP: "033", CNY: "064", CHF: "009", COP: "032", PEN: "035",
};
const AFIP_MONEDA_CODES = new Set(["PES", "DOL", "002", "009", "010", "011", "012", "018", "019", "021", "026", "032", "033", "035", "060", "064"]);

export function monedaCode(moneda: string | null | undefined): string | null {
  const m = (moneda ?? "PES").trim().toUpperCase();
  if (AFIP_MONEDA_CODES.has(m)) return m;
  return MONEDAS[m] ?? null;
}

/**
 * Two content choices the sources disagree on (§7, §11 decision 2), each one constant so it can
 * be flipped if Portal IVA complains: field 5 (despacho) for non-imports, field 20 for B/C.
 */
export const DESPACHO_NON_IMPORT = " ".repeat(16);
export const OPERACION_B_C = " ";
