import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TenantScope } from "./scope";

export async function getTenant(scope: TenantScope) {
  const tenant = await db().tenant.findFirst({
    where: { id: scope.tenantId },
    select: { id: true, name: true, slug: true, timeZone: true, createdAt: true, _count: { select: { memberships: true } } },
  });
  if (!tenant) throw AppError.notFound("Organización");
  return { ...tenant, role: scope.role };
}

/** OWNER/ADMIN only (the router's adminProcedure); audited with the old and new name in one transaction. */
export async function renameTenant(scope: TenantScope, name: string) {
  return db().$transaction(async (tx) => {
    const current = await tx.tenant.findFirst({ where: { id: scope.tenantId }, select: { name: true } });
    if (!current) throw AppError.notFound("Organización");
    if (current.name === name) return { id: scope.tenantId, name };
    await tx.tenant.updateMany({ where: { id: scope.tenantId }, data: { name } });
    await recordAudit(tx, scope, { action: "TENANT_RENAMED", target: { name }, oldValue: current.name, newValue: name });
    return { id: scope.tenantId, name };
  });
}
