/** Argentine (and en-US) amount and date formats found on invoices. */

/**
 * Parses an amount as printed: "1.234,56", "178000,00", "2,862.81", "106000.0000", "$ -1.000".
 * The last separator followed by 1, 2 or 4 digits is the decimal point; followed by exactly 3
 * digits it is a thousands separator (the ambiguous case) unless another separator kind precedes it.
 */
export function parseAmount(raw: string | number | null | undefined): number | null {
  if (raw == null) return null;
  if (typeof raw === "number") return Number.isFinite(raw) ? round2(raw) : null;
  let s = raw.replace(/[\s$\u00a0]|ARS|USD|U\$S|PES/gi, "");
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1);
  }
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1);
  }
  if (s.endsWith("-")) {
    negative = true;
    s = s.slice(0, -1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  const last = Math.max(lastDot, lastComma);
  let value: number;
  if (last === -1) {
    value = Number(s);
  } else {
    const sep = s[last]!;
    const other = sep === "." ? "," : ".";
    const decimals = s.length - last - 1;
    const intPart = s.slice(0, last);
    const hasOther = intPart.includes(other);
    const sameSepCount = s.split(sep).length - 1;
    // "2.033.06": 1–2 digits after the last of several dots are cents (some billing software)
    const isDecimal = hasOther || (decimals !== 3 && decimals > 0 && sameSepCount === 1) || (decimals > 0 && decimals <= 2 && /^\d{1,3}(?:[.,]\d{3})+[.,]\d{1,2}$/.test(s));
    if (isDecimal) {
      value = Number(`${intPart.replace(/[.,]/g, "")}.${s.slice(last + 1)}`);
    } else {
      value = Number(s.replace(/[.,]/g, ""));
    }
  }
  if (!Number.isFinite(value)) return null;
  return round2(negative ? -value : value);
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += y >= 70 ? 1900 : 2000;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** dd/mm/yyyy, dd-mm-yy, "08 / 02 / 23", yyyy-mm-dd, yyyymmdd → ISO date (or null). */
export function parseDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})\b/.exec(s);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** Formats as printed by es-AR invoices ("1.234,56"). */
export function formatAmountAr(n: number): string {
  const [i, d] = Math.abs(n).toFixed(2).split(".");
  return `${n < 0 ? "-" : ""}${i!.replace(/\B(?=(\d{3})+(?!\d))/g, ".")},${d}`;
}
