import "server-only";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

/** Processing and review state of a few documents (the upload tray follows its files until they are done). */
export async function documentStates(scope: TenantScope, ids: string[]) {
  return db().document.findMany({ where: scoped(scope, { id: { in: ids } }), select: { id: true, status: true, reviewStatus: true, error: true } });
}
