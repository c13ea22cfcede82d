import "server-only";
import { db } from "@/server/db/client";
import { documentWhere } from "@/server/clients/access";
import type { TenantScope } from "@/server/tenants/scope";

/** "Para revisar": live documents with open reasons (the sidebar badge, the panel's to-do). */
export async function countToReview(scope: Pick<TenantScope, "tenantId" | "clientCuits">): Promise<number> {
  return db().document.count({ where: documentWhere(scope, { reviewStatus: "NEEDS_REVIEW" as const, discardedAt: null }) });
}
