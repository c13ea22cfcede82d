/**
 * Limiting a member to some clients (admins): `limitedToClients` plus the allowed clients. Owners
 * and admins are never limited (they manage the organization). Audited with the before/after lists.
 */
import "server-only";
import type { z } from "zod";
import type { setMemberClientsInput } from "@/lib/schemas/clients";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

const listed = (limited: boolean, names: string[]) => (limited ? (names.length ? names.sort().join(", ") : "ningún cliente") : "todos los clientes");

export async function setMemberClients(scope: TenantScope, input: z.output<typeof setMemberClientsInput>) {
  const m = await db().membership.findFirst({ where: scoped(scope, { id: input.membershipId }), include: { user: { select: { name: true, email: true } }, clients: { include: { client: { select: { razonSocial: true } } } } } });
  if (!m) throw AppError.notFound("Miembro");
  if (input.limited && (m.role === "OWNER" || m.role === "ADMIN")) throw new AppError("BAD_REQUEST", "Los dueños y administradores ven todos los clientes: cambiá primero el rol");
  const ids = [...new Set(input.limited ? input.clientIds : [])];
  const clients = ids.length ? await db().client.findMany({ where: scoped(scope, { id: { in: ids } }), select: { id: true, razonSocial: true } }) : [];
  if (clients.length !== ids.length) throw AppError.field("clientIds", "Algún cliente elegido ya no existe: recargá la página");
  await db().$transaction(async (tx) => {
    await tx.membershipClient.deleteMany({ where: scoped(scope, { membershipId: m.id }) });
    if (clients.length) await tx.membershipClient.createMany({ data: clients.map((c) => ({ tenantId: scope.tenantId, membershipId: m.id, clientId: c.id })) });
    await tx.membership.updateMany({ where: scoped(scope, { id: m.id }), data: { limitedToClients: input.limited } });
    await recordAudit(tx, scope, {
      action: "MEMBER_CLIENTS_CHANGED",
      target: { name: m.user.name, email: m.user.email },
      oldValue: listed(m.limitedToClients, m.clients.map((c) => c.client.razonSocial)),
      newValue: listed(input.limited, clients.map((c) => c.razonSocial)),
    });
  });
  return { membershipId: m.id, limited: input.limited, clientIds: clients.map((c) => c.id) };
}

/** Every member with their client limit, for the admin's table. */
export async function memberClientLimits(scope: TenantScope) {
  const rows = await db().membership.findMany({ where: scoped(scope), select: { id: true, role: true, limitedToClients: true, user: { select: { name: true, email: true } }, clients: { select: { clientId: true } } }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ membershipId: r.id, name: r.user.name, email: r.user.email, role: r.role, limited: r.limitedToClients, clientIds: r.clients.map((c) => c.clientId) }));
}
