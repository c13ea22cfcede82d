import "server-only";
import { db } from "@/server/db/client";
import type { RoleName } from "@/lib/roles";

export type MyTenant = { tenantId: string; name: string; slug: string; timeZone: string; role: RoleName; membershipId?: string; limitedToClients?: boolean };

export async function listMyTenants(userId: string): Promise<MyTenant[]> {
  const rows = await db().membership.findMany({
    where: { userId },
    include: { tenant: { select: { name: true, slug: true, timeZone: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ tenantId: m.tenantId, name: m.tenant.name, slug: m.tenant.slug, timeZone: m.tenant.timeZone, role: m.role, membershipId: m.id, limitedToClients: m.limitedToClients }));
}

/**
 * The membership of `userId` in `tenantId` (or, without a requested tenant, the first one).
 * Null when the user is not a member: callers answer NOT_FOUND, never revealing the tenant.
 */
export async function resolveMembership(userId: string, requestedTenantId: string | null): Promise<MyTenant | null> {
  if (requestedTenantId) {
    const m = await db().membership.findUnique({
      where: { tenantId_userId: { tenantId: requestedTenantId, userId } },
      include: { tenant: { select: { name: true, slug: true, timeZone: true } } },
    });
    if (m) return { tenantId: m.tenantId, name: m.tenant.name, slug: m.tenant.slug, timeZone: m.tenant.timeZone, role: m.role, membershipId: m.id, limitedToClients: m.limitedToClients };
  }
  const [first] = await listMyTenants(userId);
  return requestedTenantId ? null : (first ?? null);
}
