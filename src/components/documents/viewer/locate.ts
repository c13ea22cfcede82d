/**
 * Where on the page an extracted value was printed: searches the value, in the forms invoices print it
 * (CUIT with or without dashes, "1.234,56" / "1234.56", dd/mm/yyyy, "00003-00000104", …), in a PDF
 * page's text layer (pdf.js `getTextContent` items). Pure: no DOM, no pdf.js import, so it runs in unit
 * tests on real text content. Returns nothing rather than a guess: no box is better than a wrong box.
 */
import type { InvoiceFieldName } from "@/lib/documents/fields";
import { turnBox, type OcrPageWords, type PageBox, type Turn } from "@/lib/documents/positions";

/**
 * The part of a pdf.js TextItem we use (user-space transform [a, b, c, d, e, f], width/height in user
 * space); `box`: the item's exact extent when known (OCR words), else derived from the font height.
 */
export type TextItemLike = { str: string; transform: number[]; width: number; height: number; box?: PdfRect };
/** A rectangle in PDF user space: [x0, y0, x1, y1], y up. */
export type PdfRect = [number, number, number, number];
export type TextHit = { page: number; rect: PdfRect };

/** The text items of a pdf.js `getTextContent()` (dropping marked-content markers). */
export function textItemsOf(items: readonly object[]): TextItemLike[] {
  return items.filter((i): i is TextItemLike => "str" in i && "transform" in i && Array.isArray(i.transform));
}

type Pattern = { re: RegExp; requireLabel?: boolean };
type Spec = { patterns: Pattern[]; label?: RegExp; prefer: "first" | "last" };

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One char → one char (length kept, so indexes into the folded line are indexes into the line). */
function fold(s: string): string {
  let out = "";
  for (const ch of s) {
    const base = ch.length === 1 ? ch.normalize("NFD").charAt(0).toLowerCase() : ch;
    out += base.length === ch.length ? base : ch;
  }
  return out;
}

/** 1234.5 → regex for "1.234,50", "1234,50", "1,234.50", "1 234,50" (and "1.234" when there are no cents). */
function amountRe(value: number): RegExp {
  const cents = Math.round(Math.abs(value) * 100);
  const int = String(Math.floor(cents / 100));
  const dec = String(cents % 100).padStart(2, "0");
  const groups: string[] = [];
  for (let end = int.length; end > 0; end -= 3) groups.unshift(int.slice(Math.max(0, end - 3), end));
  const intRe = groups.join("[.,\\s\\u00a0]?");
  const decRe = dec === "00" ? "(?:[.,]00?)?" : `[.,]${dec}`;
  return new RegExp(`(?<![\\d.,])${intRe}${decRe}(?![\\d]|[.,]\\d)`);
}

function cuitRe(cuit: string): RegExp {
  return new RegExp(`(?<!\\d)${cuit.slice(0, 2)}[-\\s.]?${cuit.slice(2, 10)}[-\\s.]?${cuit.slice(10)}(?!\\d)`);
}

/** ISO day → dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy (spaces around the separators allowed). */
function dateRe(iso: string): RegExp | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const sep = "\\s?[/.-]\\s?";
  return new RegExp(`(?<!\\d)0?${Number(d)}${sep}0?${Number(mo)}${sep}(?:${y}|${y.slice(2)})(?!\\d)`);
}

/** A number printed zero-padded to at least `min` digits (so "3" alone never matches). */
function paddedRe(n: number, min: number): RegExp {
  const s = String(n);
  const zeros = Math.max(0, min - s.length);
  return new RegExp(`(?<![\\d])0{${zeros},}${s}(?!\\d)`);
}

function textRe(value: string): RegExp | null {
  const words = fold(value.trim()).split(/\s+/).filter(Boolean);
  if (words.join("").length < 3) return null;
  return new RegExp(`(?<![\\p{L}\\d])${words.map(esc).join("[\\s,.]*")}(?![\\p{L}\\d])`, "u");
}

const LABEL = {
  cuit: /c\.?\s?u\.?\s?i\.?\s?t/,
  total: /(?<!sub)total/,
  neto: /neto|gravado|subtotal/,
  fecha: /fecha|emision/,
  vto: /vto|venc/,
  cae: /c\.?\s?a\.?\s?e/,
  numero: /n[°ºo]|nro|numero|comp/,
  pv: /punto|p\.?\s?v|n[°ºo]|nro|comp/,
  tributos: /tributo|impuesto|percep|otros/,
  cotizacion: /cotiz|cambio/,
};

/** The search plan for one field's value; null when the value is not something printed (or empty). */
function specFor(field: InvoiceFieldName, value: unknown): Spec | null {
  if (value == null || value === "") return null;
  switch (field) {
    case "proveedorCuit":
    case "receptorCuit":
      return typeof value === "string" && /^\d{11}$/.test(value) ? { patterns: [{ re: cuitRe(value) }], label: LABEL.cuit, prefer: "first" } : null;
    case "total":
    case "neto":
    case "otrosImpuestos":
    case "cotizacion": {
      if (typeof value !== "number" || !Number.isFinite(value)) return null;
      // a zero is printed everywhere ("0,00" lines): only next to its label
      const label = { total: LABEL.total, neto: LABEL.neto, otrosImpuestos: LABEL.tributos, cotizacion: LABEL.cotizacion }[field];
      return { patterns: [{ re: amountRe(value), requireLabel: value === 0 || field === "cotizacion" }], label, prefer: field === "total" ? "last" : "first" };
    }
    case "fecha":
    case "caeVencimiento": {
      const re = typeof value === "string" ? dateRe(value) : null;
      return re ? { patterns: [{ re }], label: field === "fecha" ? LABEL.fecha : LABEL.vto, prefer: "first" } : null;
    }
    case "cae":
      return typeof value === "string" && /^\d{14}$/.test(value) ? { patterns: [{ re: new RegExp(`(?<!\\d)${value}(?!\\d)`) }], label: LABEL.cae, prefer: "first" } : null;
    case "numero":
      return typeof value === "number" ? { patterns: [{ re: paddedRe(value, 8) }, { re: paddedRe(value, 1), requireLabel: true }], label: LABEL.numero, prefer: "first" } : null;
    case "puntoVenta":
      return typeof value === "number" ? { patterns: [{ re: paddedRe(value, 4) }], label: LABEL.pv, prefer: "first" } : null;
    case "tipoCodigo":
      return typeof value === "number"
        ? { patterns: [{ re: new RegExp(`(?<![\\p{L}])cod(?:igo|\\.)?\\s*(?:n[°º]\\.?\\s*)?0*${value}(?!\\d)`, "u") }], prefer: "first" }
        : null;
    case "proveedorRazonSocial":
    case "receptorNombre": {
      const re = typeof value === "string" ? textRe(value) : null;
      return re ? { patterns: [{ re }], prefer: "first" } : null;
    }
    default:
      // moneda, tipo, iva: not printed in a findable form
      return null;
  }
}

type Line = { text: string; folded: string; spans: { start: number; end: number; item: TextItemLike }[] };

/** Items → lines by baseline (tolerance relative to the font height), left to right; gaps become spaces. */
export function toLines(items: TextItemLike[]): Line[] {
  const rows: { y: number; h: number; items: TextItemLike[] }[] = [];
  for (const it of items) {
    if (typeof it.str !== "string" || it.str.trim() === "" || it.transform.length < 6) continue;
    const y = it.transform[5]!;
    const h = Math.max(1, Math.abs(it.transform[3]!) || it.height || 8);
    const row = rows.find((r) => Math.abs(r.y - y) <= Math.max(2, Math.min(r.h, h) * 0.45));
    if (row) row.items.push(it);
    else rows.push({ y, h, items: [it] });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows.map((r) => {
    r.items.sort((a, b) => a.transform[4]! - b.transform[4]!);
    let text = "";
    let end: number | null = null;
    const spans: Line["spans"] = [];
    for (const it of r.items) {
      if (end !== null) {
        const gap = it.transform[4]! - end;
        text += gap > 12 ? "   " : gap > 1.5 ? " " : "";
      }
      spans.push({ start: text.length, end: text.length + it.str.length, item: it });
      text += it.str;
      end = it.transform[4]! + (it.width || 0);
    }
    return { text, folded: fold(text), spans };
  });
}

/** The user-space box of chars [from, to) of a line (char widths taken as equal within an item). */
function rectOf(line: Line, from: number, to: number): PdfRect | null {
  let rect: PdfRect | null = null;
  for (const s of line.spans) {
    const a = Math.max(from, s.start);
    const b = Math.min(to, s.end);
    if (a >= b) continue;
    const [, , c, d, e, f] = s.item.transform as [number, number, number, number, number, number];
    const len = Math.max(1, s.end - s.start);
    const h = Math.max(1, Math.hypot(c, d) || s.item.height);
    const x0 = e + (s.item.width * (a - s.start)) / len;
    const x1 = e + (s.item.width * (b - s.start)) / len;
    const r: PdfRect = s.item.box ? [x0, s.item.box[1], x1, s.item.box[3]] : [x0, f - h * 0.25, x1, f + h * 0.9];
    rect = rect ? [Math.min(rect[0], r[0]), Math.min(rect[1], r[1]), Math.max(rect[2], r[2]), Math.max(rect[3], r[3])] : r;
  }
  return rect;
}

/**
 * Finds `value` of `field` on the pages (each page: its text items). The first page with a match
 * wins (AFIP invoices repeat the page as ORIGINAL/DUPLICADO/TRIPLICADO); on a page, a match preceded
 * by the field's label on its line beats one without; `total` takes the last such match (line
 * items can carry the same amount above it).
 */
export function locateValue(field: InvoiceFieldName, value: unknown, pages: TextItemLike[][]): TextHit | null {
  const spec = specFor(field, value);
  if (!spec) return null;
  for (let p = 0; p < pages.length; p++) {
    const lines = toLines(pages[p]!);
    for (const pattern of spec.patterns) {
      const re = new RegExp(pattern.re.source, `${pattern.re.flags}g`);
      const found: { line: Line; start: number; end: number; labelled: boolean }[] = [];
      for (const line of lines) {
        for (const m of line.folded.matchAll(re)) {
          const before = line.folded.slice(Math.max(0, m.index - 48), m.index);
          const labelled = spec.label ? spec.label.test(before) : false;
          if (pattern.requireLabel && !labelled) continue;
          found.push({ line, start: m.index, end: m.index + m[0].length, labelled });
        }
      }
      if (found.length === 0) continue;
      const pool = found.some((f) => f.labelled) ? found.filter((f) => f.labelled) : found;
      const best = spec.prefer === "last" ? pool[pool.length - 1]! : pool[0]!;
      const rect = rectOf(best.line, best.start, best.end);
      if (rect) return { page: p + 1, rect };
    }
  }
  return null;
}

/** OCR words are placed in a y-up space of OCR_UNITS × OCR_UNITS per page (about a page in points). */
const OCR_UNITS = 1000;

/** One page's OCR words as text items: the words of an OCR line share its lowest bottom as baseline. */
export function ocrTextItems(words: OcrPageWords["words"]): TextItemLike[] {
  const bottom = new Map<number, number>();
  for (const w of words) bottom.set(w.l, Math.max(bottom.get(w.l) ?? 0, w.y1));
  return words.map((w) => {
    const box: PdfRect = [w.x0 * OCR_UNITS, (1 - w.y1) * OCR_UNITS, w.x1 * OCR_UNITS, (1 - w.y0) * OCR_UNITS];
    const h = box[3] - box[1];
    return { str: w.s, transform: [h, 0, 0, h, box[0], (1 - bottom.get(w.l)!) * OCR_UNITS], width: box[2] - box[0], height: h, box };
  });
}

/**
 * `locateValue` over the OCR words of the pages (images, scans) → a box normalised to the page as
 * displayed. Lines are built on the page turned upright (as the OCR read it), the box turned back.
 */
export function locateInOcrWords(field: InvoiceFieldName, value: unknown, pages: OcrPageWords[]): PageBox | null {
  const last = Math.max(0, ...pages.map((p) => p.page));
  const items: TextItemLike[][] = Array.from({ length: last }, () => []);
  for (const p of pages) items[p.page - 1] = ocrTextItems(p.words.map((w) => turnBox(w, p.turn)));
  const hit = locateValue(field, value, items);
  if (!hit) return null;
  const [x0, y0, x1, y1] = hit.rect.map((n) => Math.min(1, Math.max(0, n / OCR_UNITS))) as PdfRect;
  if (!(x1 > x0 && y1 > y0)) return null;
  const turn = pages.find((p) => p.page === hit.page)?.turn ?? 0;
  return turnBox({ page: hit.page, x0, x1, y0: 1 - y1, y1: 1 - y0 }, ((360 - turn) % 360) as Turn);
}
