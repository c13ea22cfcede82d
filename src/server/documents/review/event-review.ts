import type { ReviewReason } from "@/lib/documents/review";

/**
 * document.processed v2's review fields from the document's review state after the parse:
 * NEEDS_REVIEW (open reasons) → requiereRevision with the reasons; anything else → false, [].
 */
export function eventReview(row: { reviewStatus: string; reviewReasons: unknown } | null) {
  const reasons = row?.reviewStatus === "NEEDS_REVIEW" && Array.isArray(row.reviewReasons) ? (row.reviewReasons as ReviewReason[]) : [];
  return {
    requiereRevision: reasons.length > 0,
    motivosRevision: reasons.map((r) => ({ codigo: r.code, campo: r.field ?? null, severidad: r.severity, mensaje: r.message })),
  };
}
