import "server-only";
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import { REQUIRED_FIELDS, REVIEW_THRESHOLD, validateInvoice } from "@/server/parsing";

/**
 * Whether a person should look at the document: a validation error, or a required field that is
 * missing or below the confidence threshold (USER fields have confidence 1).
 */
export function reviewState(fields: InvoiceFields, meta: FieldMetaMap) {
  const validation = validateInvoice(fields);
  const lowConfidence = REQUIRED_FIELDS.filter((f) => fields[f] == null || (meta[f]?.confidence ?? 0) < REVIEW_THRESHOLD);
  return { issues: validation.issues, lowConfidence, needsReview: validation.needsReview || lowConfidence.length > 0 };
}
