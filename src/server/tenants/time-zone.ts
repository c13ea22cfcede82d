import "server-only";
import { DEFAULT_TIME_ZONE } from "@/lib/format";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TenantScope } from "./scope";

/** The organization's zone: pages, exports, e-mails and schedules of the tenant show instants in it. */
export async function tenantTimeZone(tenantId: string): Promise<string> {
  const tenant = await db().tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } });
  return tenant?.timeZone || DEFAULT_TIME_ZONE;
}

/** OWNER/ADMIN only (the router's adminProcedure; the zone is validated by the input schema); audited with old and new zone. */
export async function setTenantTimeZone(scope: TenantScope, timeZone: string) {
  return db().$transaction(async (tx) => {
    const current = await tx.tenant.findFirst({ where: { id: scope.tenantId }, select: { timeZone: true } });
    if (!current) throw AppError.notFound("Organización");
    if (current.timeZone === timeZone) return { id: scope.tenantId, timeZone };
    await tx.tenant.updateMany({ where: { id: scope.tenantId }, data: { timeZone } });
    await recordAudit(tx, scope, { action: "TENANT_TIME_ZONE_CHANGED", target: { name: timeZone }, oldValue: current.timeZone, newValue: timeZone });
    return { id: scope.tenantId, timeZone };
  });
}
