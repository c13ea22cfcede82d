import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TenantScope } from "./scope";

export async function getTenant(scope: TenantScope) {
  const tenant = await db().tenant.findFirst({
    where: { id: scope.tenantId },
    select: { id: true, name: true, slug: true, createdAt: true, _count: { select: { memberships: true } } },
  });
  if (!tenant) throw AppError.notFound("Organización");
  return { ...tenant, role: scope.role };
}

export async function renameTenant(scope: TenantScope, name: string) {
  const { count } = await db().tenant.updateMany({ where: { id: scope.tenantId }, data: { name } });
  if (count === 0) throw AppError.notFound("Organización");
  return { id: scope.tenantId, name };
}

