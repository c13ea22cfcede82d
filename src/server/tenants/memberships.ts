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
    // One round trip with its tenant: every tRPC call of a tenant page starts here.
    const [m] = await db().$queryRaw<Required<MyTenant>[]>`
      SELECT m."tenantId", t.name, t.slug, t."timeZone", m.role::text AS role, m.id AS "membershipId", m."limitedToClients"
      FROM "Membership" m JOIN "Tenant" t ON t.id = m."tenantId"
      WHERE m."tenantId" = ${requestedTenantId} AND m."userId" = ${userId}`;
    if (m) return m;
  }
  const [first] = await listMyTenants(userId);
  return requestedTenantId ? null : (first ?? null);
}
