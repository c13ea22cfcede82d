import "server-only";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

/** "Para revisar": live documents with open reasons (the sidebar badge, the panel's to-do). */
export async function countToReview(scope: Pick<TenantScope, "tenantId">): Promise<number> {
  return db().document.count({ where: scoped(scope, { reviewStatus: "NEEDS_REVIEW" as const, discardedAt: null }) });
}
