/**
 * Cell values of a Mis Comprobantes export → our values (brief §8.2). Each returns null when the
 * value cannot be read; the caller names the row and the column.
 */
import { cuitDigits } from "@/lib/cuit";

export type Cell = string | number | boolean | Date | null;

const text = (v: Cell) => (v == null ? "" : v instanceof Date ? v.toISOString() : String(v)).trim();

const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
};

/** `dd/mm/aaaa`, `aaaa-mm-dd`, an Excel date (a Date in UTC, or a serial number). Never guesses mm/dd. */
export function parseDate(v: Cell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : iso(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 30000 || v > 80000) return null;
    return new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
  }
  const s = text(v);
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * An amount in integer centavos. Numbers (XLSX) as they are; text with a decimal comma
 * ("1.234,56", "1234,56") or a decimal point ("1234.56"); `decimal` breaks the tie for "1.234".
 * Empty → 0 (ARCA leaves rates without amounts blank).
 */
export function parseAmount(v: Cell, decimal: "," | "."): number | null {
  if (v == null || v === "") return 0;
  if (typeof v === "number") return Number.isFinite(v) ? Math.round(v * 100) : null;
  let s = text(v).replace(/[\s\u00a0$]/g, "");
  if (s === "" || s === "-") return 0;
  let sign = 1;
  if (/^\(.*\)$/.test(s)) [sign, s] = [-1, s.slice(1, -1)];
  if (s.startsWith("-")) [sign, s] = [-sign, s.slice(1)];
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  let sep: "," | "." | null = null;
  if (lastComma >= 0 && lastDot >= 0) sep = lastComma > lastDot ? "," : ".";
  else if (lastComma >= 0) sep = /^\d{1,3}(,\d{3})+$/.test(s) && decimal === "." ? null : ",";
  else if (lastDot >= 0) sep = /^\d{1,3}(\.\d{3})+$/.test(s) && decimal === "," ? null : ".";
  const thousands = sep === "," ? "." : sep === "." ? "," : /[.,]/;
  const parts = (sep ? s.split(thousands).join("") : s.replace(/[.,]/g, "")).split(sep ?? "\u0000");
  const [int = "", frac = ""] = parts;
  if (parts.length > 2 || !/^\d+$/.test(int) || !/^\d*$/.test(frac) || frac.length > 6) return null;
  return sign * Math.round(Number(`${int}.${frac || "0"}`) * 100);
}

/** A positive decimal (tipo de cambio): number or text with either separator. */
export function parseRate(v: Cell, decimal: "," | "."): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const s = text(v);
  if (s === "") return null;
  const normalized = decimal === "," || (s.includes(",") && !s.includes(".")) ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
  const n = Number(normalized);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** "1 - Factura A", "011", 1 → the AFIP code. */
export function parseTipo(v: Cell): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v > 0 ? v : null;
  const m = /^0*(\d{1,3})(?:\s*-\s*.*)?$/.exec(text(v));
  return m ? Number(m[1]) : null;
}

/** A whole number (punto de venta, número): digits as text or an integral number. */
export function parseInteger(v: Cell): number | null {
  if (typeof v === "number") return Number.isSafeInteger(v) && v >= 0 ? v : null;
  const s = text(v);
  return /^\d{1,15}$/.test(s) ? Number(s) : null;
}

/** A document number: 11 digits for a CUIT; other documents keep their digits. */
export function parseDocNumber(v: Cell): string | null {
  if (typeof v === "number") return Number.isSafeInteger(v) ? String(v) : null;
  const digits = text(v).replace(/[-\s.]/g, "");
  return /^\d{1,20}$/.test(digits) ? (cuitDigits(digits) ?? digits) : null;
}

/** "CUIT" or "80" → 80; other names of §5.2. */
const DOC_TYPES: Record<string, number> = { CUIT: 80, CUIL: 86, CDI: 87, LE: 89, LC: 90, "CI EXTRANJERA": 91, PASAPORTE: 94, DNI: 96 };
export function parseDocType(v: Cell): number | null {
  if (typeof v === "number") return v;
  const s = text(v).toUpperCase();
  if (/^\d{1,2}$/.test(s)) return Number(s);
  return DOC_TYPES[s] ?? null;
}

/** The WSFE/Libro IVA currency codes (brief §5.3). */
const CURRENCY_CODES = new Set(["PES", "DOL", "060", "012", "011", "010", "018", "019", "021", "026", "033", "064", "009", "032", "035", "002"]);
const CURRENCY_ALIASES: Record<string, string> = { $: "PES", ARS: "PES", PES: "PES", USD: "DOL", U$S: "DOL", US$: "DOL", DOL: "DOL", EUR: "060", "€": "060" };

/** `$`/PES/ARS → PES, USD/U$S/DOL → DOL, the §5.3 codes as they are; anything else → null (the row is flagged). */
export function parseMoneda(v: Cell): string | null {
  const s = text(v).toUpperCase();
  if (s === "") return "PES";
  return CURRENCY_ALIASES[s] ?? (CURRENCY_CODES.has(s) ? s : null);
}

/** The CAE/CAEA as text: 14 digits. XLSX may hold it as a number; scientific notation has lost digits → null. */
export function parseCae(v: Cell): string | null {
  if (typeof v === "number") return Number.isSafeInteger(v) && v > 0 ? String(v).padStart(14, "0") : null;
  const s = text(v);
  return /^\d{1,14}$/.test(s) ? s.padStart(14, "0") : null;
}

export const cellText = text;
