/**
 * Who sees which clients. A membership limited to some clients (`Membership.limitedToClients`)
 * carries their CUITs in its scope (`TenantScope.clientCuits`); every query over documents goes
 * through `documentWhere`, so a limited user sees only those clients' documents — lists, counts,
 * the panel, exports and the Libro IVA alike. A limited membership without clients sees nothing.
 */
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { ADMIN_ROLES } from "@/lib/roles";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { MyTenant } from "@/server/tenants/memberships";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export async function allowedClientCuits(tenantId: string, membershipId: string): Promise<string[]> {
  const rows = await db().membershipClient.findMany({ where: { tenantId, membershipId }, select: { client: { select: { cuit: true } } } });
  return rows.map((r) => r.client.cuit);
}

/** The scope of a member: tenant, role and (when limited) the clients' CUITs. Owners and admins are never limited (a limited member promoted to admin sees all). */
export async function scopeForMembership(membership: MyTenant, userId: string): Promise<TenantScope> {
  const limited = membership.limitedToClients && !ADMIN_ROLES.includes(membership.role);
  const clientCuits = limited && membership.membershipId ? await allowedClientCuits(membership.tenantId, membership.membershipId) : null;
  return { tenantId: membership.tenantId, userId, role: membership.role, clientCuits };
}

/** The tenant, and for a limited member the allowed receptor CUITs, added to a Document `where`. */
export function documentWhere(scope: Pick<TenantScope, "tenantId" | "clientCuits">, where: Prisma.DocumentWhereInput = {}): Prisma.DocumentWhereInput & { tenantId: string } {
  if (!scope.clientCuits) return scoped(scope, where);
  return scoped(scope, { AND: [where, { receptorCuit: { in: scope.clientCuits } }] });
}

/** A Client `where` limited to the clients the member may see. */
export function clientWhere(scope: Pick<TenantScope, "tenantId" | "clientCuits">, where: Prisma.ClientWhereInput = {}): Prisma.ClientWhereInput & { tenantId: string } {
  if (!scope.clientCuits) return scoped(scope, where);
  return scoped(scope, { AND: [where, { cuit: { in: scope.clientCuits } }] });
}

/** May this member see documents of this receptor CUIT? (Unlimited members: yes, even without a client.) */
export function canSeeReceptor(scope: Pick<TenantScope, "clientCuits">, receptorCuit: string | null): boolean {
  return !scope.clientCuits || (receptorCuit !== null && scope.clientCuits.includes(receptorCuit));
}

/** A client by id the member may see, or NOT_FOUND (another tenant's or a hidden client does not exist). */
export async function visibleClient(scope: Pick<TenantScope, "tenantId" | "clientCuits">, id: string) {
  const row = await db().client.findFirst({ where: clientWhere(scope, { id }) });
  if (!row) throw AppError.notFound("Cliente");
  return row;
}

/** The scope narrowed to one client's documents (the client selector): never wider than the member's. */
export function narrowToClient<S extends Pick<TenantScope, "clientCuits">>(scope: S, cuit: string | null | undefined): S {
  if (!cuit) return scope;
  return { ...scope, clientCuits: scope.clientCuits ? scope.clientCuits.filter((c) => c === cuit) : [cuit] };
}
