import "server-only";
import { db } from "@/server/db/client";
import { documentWhere } from "@/server/clients/access";
import type { TenantScope } from "@/server/tenants/scope";

/** Processing and review state of a few documents (the upload tray follows its files until they are done). */
export async function documentStates(scope: TenantScope, ids: string[]) {
  return db().document.findMany({ where: documentWhere(scope, { id: { in: ids } }), select: { id: true, status: true, reviewStatus: true, error: true } });
}
