import "server-only";
import type { Document, Prisma, ReviewStatus } from "@/generated/prisma/client";
import type { FieldMetaMap } from "@/lib/documents/fields";
import { reasonKey, type ReviewReason } from "@/lib/documents/review";
import type { Tx } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { afipReasons } from "@/server/mis-comprobantes/review-reasons";
import { extractFields } from "../document-view";
import { duplicateReview, twinsOf, type Twin } from "./duplicates";
import { fieldReasons } from "./reasons";

/** What changed: a parse (starts the review over) or an edit (correction, confirmation, a twin's change). */
export type ReviewCause = "parse" | "edit";

export const reasonsOf = (row: Pick<Document, "reviewReasons">) => (Array.isArray(row.reviewReasons) ? (row.reviewReasons as ReviewReason[]) : []);

/**
 * The review state a document should have now. A parse starts over (NEEDS_REVIEW with reasons,
 * else UNREVIEWED). After an edit a REVIEWED document stays reviewed unless a problem appeared
 * that was not there when it was reviewed; any other document follows its reasons.
 */
export function computeReview(row: Document, twins: Twin[], cause: ReviewCause): { status: ReviewStatus; reasons: ReviewReason[]; duplicateOfId: string | null } {
  const dup = duplicateReview(row, twins);
  if (row.status !== "COMPLETED") return { status: "NOT_READY", reasons: [], duplicateOfId: dup.duplicateOfId };
  const reasons = [...fieldReasons(extractFields(row), row.fieldMeta as FieldMetaMap), ...dup.reasons, ...afipReasons(row)];
  if (cause === "edit" && row.reviewStatus === "REVIEWED") {
    const known = new Set(reasonsOf(row).map(reasonKey));
    return { status: reasons.some((r) => !known.has(reasonKey(r))) ? "NEEDS_REVIEW" : "REVIEWED", reasons, duplicateOfId: dup.duplicateOfId };
  }
  return { status: reasons.length ? "NEEDS_REVIEW" : "UNREVIEWED", reasons, duplicateOfId: dup.duplicateOfId };
}

async function refreshOne(tx: Tx, scope: Pick<TenantScope, "tenantId">, id: string, cause: ReviewCause, current?: Document, currentTwins?: Twin[]) {
  const row = current ?? (await tx.document.findFirst({ where: scoped(scope, { id }) }));
  if (!row) return null;
  const twins = currentTwins ?? (await twinsOf(tx, row));
  const next = computeReview(row, twins, cause);
  const reopened = next.status !== "REVIEWED";
  const updated = await tx.document.update({
    where: scoped(scope, { id: row.id }),
    data: {
      reviewStatus: next.status,
      reviewReasons: next.reasons as unknown as Prisma.InputJsonValue,
      duplicateOfId: next.duplicateOfId,
      ...(reopened ? { reviewedAt: null, reviewedById: null } : {}),
    },
  });
  return { row: updated, twins };
}

/** What the caller already knows (each saves a query). */
export type RefreshContext = {
  /** Twins before the change (a corrected number may have left a pair). */
  formerTwinIds?: string[];
  /** The row as the caller's own write in `tx` returned it. */
  current?: Document;
  /** `current`'s twins, read in `tx` after that write. */
  twins?: Twin[];
};

/**
 * Recomputes the document's reasons and review state inside `tx`, then those of its duplicate
 * twins (a new twin, a discard or a changed number changes their reasons too).
 */
export async function refreshReview(tx: Tx, scope: Pick<TenantScope, "tenantId">, id: string, cause: ReviewCause, context: RefreshContext = {}): Promise<Document | null> {
  const { formerTwinIds = [], current, twins } = context;
  const own = await refreshOne(tx, scope, id, cause, current, current ? twins : undefined);
  const others = new Set([...(own?.twins.map((t) => t.id) ?? []), ...formerTwinIds]);
  others.delete(id);
  for (const other of others) await refreshOne(tx, scope, other, "edit");
  return own?.row ?? null;
}

/** Ids of the document's current twins (pass them to refreshReview after a change of its number). */
export async function twinIds(tx: Tx, row: Document): Promise<string[]> {
  return (await twinsOf(tx, row)).map((t) => t.id);
}
