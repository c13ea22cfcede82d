/**
 * The one CUIT/CUIL module (client and server): AFIP's modulo-11 check digit, validity, the
 * 11-digit form everything stores. Formatting with dashes for people is a display concern.
 */
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

/**
 * The 11 digits of a CUIT written any way (20-12345678-6, 20.12345678.6, "CUIT 20 12345678 6",
 * a number), or null when there are not exactly 11. Does not check the digit: for matching and
 * display, not for deciding a CUIT is real (validCuit, isValidCuit).
 */
export function cuitDigits(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const d = String(value).replace(/\D/g, "");
  return d.length === 11 ? d : null;
}

/** An 11-digit CUIT/CUIL (separators allowed) with a known prefix and a valid check digit. */
export function isValidCuit(value: string | null | undefined): boolean {
  return validCuit(value) !== null;
}

/** The CUIT's 11 digits when it is valid (known prefix, check digit), else null. */
export function validCuit(value: unknown): string | null {
  const d = cuitDigits(value);
  if (!d || !PREFIXES.has(d.slice(0, 2))) return null;
  const check = cuitCheckDigit(d);
  return check !== null && check === Number(d[10]) ? d : null;
}

/** Builds a valid CUIT from a prefix and an 8-digit body (corpus generator, tests). */
export function makeCuit(prefix: "20" | "23" | "27" | "30" | "33", body8: string): string | null {
  const first10 = `${prefix}${body8.padStart(8, "0").slice(-8)}`;
  const check = cuitCheckDigit(first10);
  return check === null ? null : `${first10}${check}`;
}
