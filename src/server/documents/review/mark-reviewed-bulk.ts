import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { documentWhere } from "@/server/clients/access";
import type { TenantScope } from "@/server/tenants/scope";
import { reviewBlocker, setReviewed } from "./mark-reviewed";

export type BulkSkip = { id: string; fileName: string; reason: "ALREADY_REVIEWED" | "DISCARDED" | "NOT_READY" | "OPEN_REASONS"; message: string };

/**
 * "Marcar como revisados" for a selection: only documents with no open reason at all (not even a
 * warning — acknowledging one is a per-document decision). Returns what was marked and what was
 * skipped and why. An id that is not the tenant's → NOT_FOUND, nothing marked.
 */
export async function markReviewedBulk(scope: TenantScope, ids: string[]): Promise<{ reviewed: string[]; skipped: BulkSkip[] }> {
  const unique = [...new Set(ids)];
  const rows = await db().document.findMany({ where: documentWhere(scope, { id: { in: unique } }) });
  if (rows.length !== unique.length) throw AppError.notFound("Documento");
  const byId = new Map(rows.map((r) => [r.id, r]));
  return db().$transaction(async (tx) => {
    const reviewed: string[] = [];
    const skipped: BulkSkip[] = [];
    for (const id of unique) {
      const row = byId.get(id)!;
      const skip = (reason: BulkSkip["reason"], message: string) => skipped.push({ id, fileName: row.fileName, reason, message });
      if (row.reviewStatus === "REVIEWED") {
        skip("ALREADY_REVIEWED", "Ya estaba revisado");
        continue;
      }
      const blocker = await reviewBlocker(tx, row);
      if (blocker.code === "DISCARDED" || blocker.code === "NOT_READY") skip(blocker.code, blocker.message);
      else if (blocker.reasons.length) skip("OPEN_REASONS", blocker.reasons.map((r) => r.message).join("; "));
      else {
        await setReviewed(tx, scope, row, []);
        reviewed.push(id);
      }
    }
    return { reviewed, skipped };
  });
}
