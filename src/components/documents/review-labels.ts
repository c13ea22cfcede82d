/** How review states and reasons read in the UI (texts in the "documents" messages). */
import type { ReviewReason, ReviewStatusName } from "@/lib/documents/review";

export const REVIEW_TONE: Record<ReviewStatusName | "DISCARDED", "slate" | "amber" | "green" | "red"> = { NOT_READY: "slate", UNREVIEWED: "slate", NEEDS_REVIEW: "amber", REVIEWED: "green", DISCARDED: "slate" };

type T = (key: string, values?: Record<string, string | number>) => string;

/** One reason, short: "Total con baja confianza", "Posible duplicado"; validation rules keep their own sentence. */
export function reasonText(r: ReviewReason, t: T): string {
  if (r.code === "VALIDATION") return r.message;
  return t(`reasonShort.${r.code}`, { field: r.field ? t(`field.${r.field}`) : "" });
}

/** One reason in full (the review page): the parser's flag and validation messages as written, the rest short. */
export function reasonDetail(r: ReviewReason, t: T): string {
  return r.code === "VALIDATION" || r.code === "FLAGGED" ? r.message : reasonText(r, t);
}

/** The list's "Motivos" cell: distinct short reasons, errors first. */
export function shortReasons(reasons: readonly ReviewReason[], t: T): string {
  const sorted = [...reasons].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
  return [...new Set(sorted.map((r) => reasonText(r, t)))].join("; ");
}
