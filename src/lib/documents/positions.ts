/**
 * Where on a page a value was read, for the review viewer's highlight: coordinates normalised to
 * 0..1 of the page as displayed (origin top-left, page rotation applied), so they hold at any zoom.
 * Stored (small) in the parse report by stages that know positions the browser cannot recompute
 * (the QR symbol); text-layer positions are found in the browser (components/documents/viewer/locate.ts).
 */
export type PageBox = { page: number; x0: number; y0: number; x1: number; y1: number };

export type ReadPositions = { qr?: PageBox };

const unit = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 1;

/** A stored box, checked (parse reports are JSON from the database); null when absent or malformed. */
export function pageBoxOf(value: unknown): PageBox | null {
  if (!value || typeof value !== "object") return null;
  const b = value as Record<string, unknown>;
  if (typeof b.page !== "number" || !Number.isInteger(b.page) || b.page < 1) return null;
  if (!unit(b.x0) || !unit(b.y0) || !unit(b.x1) || !unit(b.y1) || b.x1 <= b.x0 || b.y1 <= b.y0) return null;
  return { page: b.page, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 };
}
