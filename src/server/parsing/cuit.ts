const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Check digit of the first 10 digits, or null when AFIP would never issue it (v = 10). */
export function cuitCheckDigit(first10: string): number | null {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * WEIGHTS[i]!;
  const v = 11 - (sum % 11);
  if (v === 11) return 0;
  if (v === 10) return null;
  return v;
}

const PREFIXES = new Set(["20", "23", "24", "25", "26", "27", "30", "33", "34"]);

/** An 11-digit CUIT/CUIL with a valid check digit and a known prefix. */
export function isValidCuit(value: string | null | undefined): boolean {
  if (!value) return false;
  const d = value.replace(/\D/g, "");
  if (d.length !== 11 || !PREFIXES.has(d.slice(0, 2))) return false;
  const check = cuitCheckDigit(d);
  return check !== null && check === Number(d[10]);
}

export function normalizeCuit(value: string | number | null | undefined): string | null {
  if (value == null) return null;
  const d = String(value).replace(/\D/g, "");
  return d.length === 11 ? d : null;
}

/** Builds a valid CUIT from a prefix and an 8-digit body (corpus generator, tests). */
export function makeCuit(prefix: "20" | "23" | "27" | "30" | "33", body8: string): string | null {
  const first10 = `${prefix}${body8.padStart(8, "0").slice(-8)}`;
  const check = cuitCheckDigit(first10);
  return check === null ? null : `${first10}${check}`;
}
