/**
 * The review lifecycle as client and server see it: where a document stands (`ReviewStatus`)
 * and why a person should look at it (`ReviewReason`). Computed in src/server/documents/review/.
 */
import type { InvoiceFieldName } from "./fields";

export const REVIEW_STATUSES = ["NOT_READY", "UNREVIEWED", "NEEDS_REVIEW", "REVIEWED"] as const;
export type ReviewStatusName = (typeof REVIEW_STATUSES)[number];

/** The document list's review filter: a review state, or the discarded documents (hidden otherwise). */
export const REVIEW_FILTERS = ["NEEDS_REVIEW", "UNREVIEWED", "REVIEWED", "DISCARDED"] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/**
 * VALIDATION: a rule of validateInvoice failed · MISSING: a required field is empty ·
 * LOW_CONFIDENCE: a required field below the threshold · FLAGGED: the parser marked the field
 * (e.g. two sources disagree) · DUPLICATE: the same comprobante is another live document ·
 * NOT_IN_AFIP / AFIP_DIFFERENCE: the last «Mis Comprobantes» reconciliation did not find it in
 * ARCA, or found it with other data (src/server/mis-comprobantes).
 */
export const REVIEW_REASON_CODES = ["VALIDATION", "MISSING", "LOW_CONFIDENCE", "FLAGGED", "DUPLICATE", "NOT_IN_AFIP", "AFIP_DIFFERENCE"] as const;
export type ReviewReasonCode = (typeof REVIEW_REASON_CODES)[number];

export type ReviewReason = {
  code: ReviewReasonCode;
  field?: InvoiceFieldName | null;
  severity: "error" | "warning";
  /** Spanish, for people and logs; the UI renders known codes from its messages. */
  message: string;
  /** DUPLICATE: the other document of the pair. */
  otherId?: string;
  /** NOT_IN_AFIP / AFIP_DIFFERENCE: the «Mis Comprobantes» import that found it. */
  importId?: string;
};

/** Two reasons are "the same problem" when code, field and (for duplicates) the other document match. */
export const reasonKey = (r: ReviewReason) => `${r.code}:${r.field ?? ""}:${r.otherId ?? ""}`;

