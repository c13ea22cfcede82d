/** Amounts and quantities in the reader's locale: "1.234,50" (es-AR) / "1,234.50" (en). */

/** AFIP's code for pesos; shown as "$". */
const PESOS = new Set(["PES", "ARS"]);

/** "$ 1.234,50", "USD 10,00"; "—" when unknown. The currency is written as its code, pesos as "$". */
export function formatAmount(n: number | null | undefined, { locale = "es-AR", currency }: { locale?: string; currency?: string | null } = {}): string {
  if (n == null) return "—";
  const digits = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
  return `${currency && !PESOS.has(currency) ? currency : "$"} ${digits}`;
}

/** Cents (Libro IVA) as pesos. */
export const formatCents = (cents: number, locale = "es-AR") => formatAmount(cents / 100, { locale });

export function formatNumber(n: number, locale = "es-AR", options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, options).format(n);
}

export function formatBytes(n: number, locale = "es-AR"): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${formatNumber(n / 1024 / 1024, locale, { maximumFractionDigits: 1 })} MB`;
}
