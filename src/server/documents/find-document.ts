import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { documentWhere } from "@/server/clients/access";
import type { TenantScope } from "@/server/tenants/scope";

/** The tenant's document row, or AppError NOT_FOUND (another tenant's id does not exist for you). */
export async function findDocument(scope: Pick<TenantScope, "tenantId" | "clientCuits">, id: string) {
  // A member limited to some clients: another client's document does not exist for them either.
  const row = await db().document.findFirst({ where: documentWhere(scope, { id }) });
  if (!row) throw AppError.notFound("Documento");
  return row;
}
