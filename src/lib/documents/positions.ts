/**
 * Where on a page a value was read, for the review viewer's highlight: coordinates normalised to
 * 0..1 of the page as displayed (origin top-left, page rotation applied), so they hold at any zoom.
 * Stored (small) in the parse report by stages that know positions the browser cannot recompute
 * (the QR symbol, OCR word boxes); text-layer positions are found in the browser (components/documents/viewer/locate.ts).
 */
export type PageBox = { page: number; x0: number; y0: number; x1: number; y1: number };

export type ReadPositions = { qr?: PageBox; ocr?: OcrPageWords[] };

const unit = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 1;

/** A stored box, checked (parse reports are JSON from the database); null when absent or malformed. */
export function pageBoxOf(value: unknown): PageBox | null {
  if (!value || typeof value !== "object") return null;
  const b = value as Record<string, unknown>;
  if (typeof b.page !== "number" || !Number.isInteger(b.page) || b.page < 1) return null;
  if (!unit(b.x0) || !unit(b.y0) || !unit(b.x1) || !unit(b.y1) || b.x1 <= b.x0 || b.y1 <= b.y0) return null;
  return { page: b.page, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 };
}

/**
 * A word OCR read, for locating values on pages without a text layer (images, scans): its text `s`,
 * its line `l` (words of one OCR line share it) and its box, 0..1 of the page as displayed.
 */
export type OcrWord = { s: string; l: number; x0: number; y0: number; x1: number; y1: number };
/** `turn`: the clockwise turn (degrees) that makes the page read upright, as the OCR found it. */
export type OcrPageWords = { page: number; turn: Turn; words: OcrWord[] };
export type Turn = 0 | 90 | 180 | 270;
type Box = { x0: number; y0: number; x1: number; y1: number };

/** A 0..1 box of a page → the same box on the page turned `deg` clockwise. */
export function turnBox<B extends Box>(b: B, deg: Turn): B {
  if (deg === 90) return { ...b, x0: 1 - b.y1, x1: 1 - b.y0, y0: b.x0, y1: b.x1 };
  if (deg === 180) return { ...b, x0: 1 - b.x1, x1: 1 - b.x0, y0: 1 - b.y1, y1: 1 - b.y0 };
  if (deg === 270) return { ...b, x0: b.y0, x1: b.y1, y0: 1 - b.x1, y1: 1 - b.x0 };
  return b;
}
/** Words kept per page (an invoice page has a few hundred; the report must stay small). */
export const MAX_OCR_WORDS_PER_PAGE = 1500;

/** Stored OCR words, checked; malformed words are dropped, an unusable value gives []. */
export function ocrWordsOf(value: unknown): OcrPageWords[] {
  if (!Array.isArray(value)) return [];
  const pages: OcrPageWords[] = [];
  for (const p of value as unknown[]) {
    if (!p || typeof p !== "object") continue;
    const { page, words, turn } = p as Record<string, unknown>;
    if (typeof page !== "number" || !Number.isInteger(page) || page < 1 || !Array.isArray(words)) continue;
    if (turn !== 0 && turn !== 90 && turn !== 180 && turn !== 270) continue;
    const ok: OcrWord[] = [];
    for (const w of words.slice(0, MAX_OCR_WORDS_PER_PAGE) as unknown[]) {
      const box = pageBoxOf({ ...(w as object), page });
      const { s, l } = (w ?? {}) as Record<string, unknown>;
      if (box && typeof s === "string" && s !== "" && typeof l === "number") ok.push({ s, l, x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 });
    }
    pages.push({ page, turn, words: ok });
  }
  return pages;
}
