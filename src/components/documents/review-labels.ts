/** How review states and reasons read in the UI (texts in the "documents" messages). */
import type { ReviewReason, ReviewStatusName } from "@/lib/documents/review";

export const REVIEW_TONE: Record<ReviewStatusName | "DISCARDED", "slate" | "amber" | "green" | "red"> = { NOT_READY: "slate", UNREVIEWED: "slate", NEEDS_REVIEW: "amber", REVIEWED: "green", DISCARDED: "slate" };

type T = (key: string, values?: Record<string, string | number>) => string;
/** Writes a stored Spanish server text in the page's language (useServerText). */
type Tr = (text: string) => string;
const same: Tr = (s) => s;

/** One reason, short: "Total con baja confianza", "Posible duplicado"; validation rules keep their own sentence. */
export function reasonText(r: ReviewReason, t: T, tr: Tr = same): string {
  if (r.code === "VALIDATION") return tr(r.message);
  return t(`reasonShort.${r.code}`, { field: r.field ? t(`field.${r.field}`) : "" });
}

/** One reason in full (the review page): the parser's flag and validation messages as written, the rest short. */
export function reasonDetail(r: ReviewReason, t: T, tr: Tr = same): string {
  return r.code === "VALIDATION" || r.code === "FLAGGED" || r.code === "NOT_IN_AFIP" || r.code === "AFIP_DIFFERENCE" ? tr(r.message) : reasonText(r, t, tr);
}

/** The list's "Motivos" cell: distinct short reasons, errors first. */
export function shortReasons(reasons: readonly ReviewReason[], t: T, tr: Tr = same): string {
  const sorted = [...reasons].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return [...new Set(sorted.map((r) => reasonText(r, t, tr)))].join("; ");
}
