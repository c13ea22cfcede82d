import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

/** The tenant's document row, or AppError NOT_FOUND (another tenant's id does not exist for you). */
export async function findDocument(scope: Pick<TenantScope, "tenantId">, id: string) {
  const row = await db().document.findFirst({ where: scoped(scope, { id }) });
  if (!row) throw AppError.notFound("Documento");
  return row;
}
