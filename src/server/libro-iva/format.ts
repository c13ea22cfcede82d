/**
 * Field formatting for the fixed-width records (brief §2): numbers right-aligned zero-padded, text
 * left-aligned space-padded and folded to ASCII (the record length is counted in bytes; a UTF-8
 * «Ñ» would shift every later field), amounts as 13+2 digits without separator, the exchange rate
 * as 4+6 digits. A value that does not fit throws: the builder checks ranges first, so a throw here
 * is a bug, never a silently cut number.
 */

export function numeric(value: number | bigint | string, width: number): string {
  const s = String(value);
  if (!/^\d+$/.test(s) || s.length > width) throw new RangeError(`${s} no entra en un campo numérico de ${width}`);
  return s.padStart(width, "0");
}

/** Printable ASCII only: accents removed, Ñ → N, anything else → space. */
export function asciiFold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]/g, " ");
}

export function alpha(text: string, width: number): string {
  return asciiFold(text).slice(0, width).padEnd(width, " ");
}

/** Centavos → 15 characters; negative as `-` + 14 digits (§2). */
export function amount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`importe inválido: ${cents}`);
  return cents < 0 ? `-${numeric(-cents, 14)}` : numeric(cents, 15);
}

export const MAX_AMOUNT_CENTS = 10 ** 15 - 1;

/** Exchange rate with up to 6 decimals → 10 digits (4 + 6), e.g. 1050.25 → 1050250000. */
export function exchangeRate(rate: number): string {
  return numeric(Math.round(rate * 1e6), 10);
}

export const MAX_EXCHANGE_RATE = 9999.999999;

/** A `Date` (UTC date part, as Prisma returns @db.Date) or `YYYY-MM-DD` → AAAAMMDD. */
export function yyyymmdd(date: Date | string): string {
  const iso = typeof date === "string" ? date : date.toISOString();
  return iso.slice(0, 10).replace(/-/g, "");
}

/** Decimal/number/string amount → integer centavos. */
export function toCents(value: { toString(): string } | number | null | undefined): number {
  if (value == null) return 0;
  return Math.round(Number(value.toString()) * 100);
}
