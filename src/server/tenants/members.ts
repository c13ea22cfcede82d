import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { revokeClientsCreatedBy } from "@/server/oauth/manage-clients";
import { requestSyncOnChange } from "@/server/movements/sync";
import { AppError } from "@/server/errors";
import type { RoleName } from "@/lib/roles";
import { scoped, type TenantScope } from "./scope";

export async function listMembers(scope: TenantScope) {
  const rows = await db().membership.findMany({
    where: scoped(scope),
    include: { user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ id: m.id, userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, since: m.createdAt }));
}

async function findMember(scope: TenantScope, membershipId: string) {
  const member = await db().membership.findFirst({ where: scoped(scope, { id: membershipId }), include: { user: { select: { name: true, email: true } } } });
  if (!member) throw AppError.notFound("Miembro");
  return member;
}

async function assertNotLastOwner(scope: TenantScope, member: { role: RoleName }) {
  if (member.role !== "OWNER") return;
  const owners = await db().membership.count({ where: scoped(scope, { role: "OWNER" as const }) });
  if (owners <= 1) throw new AppError("CONFLICT", "La organización debe conservar al menos un dueño (OWNER)");
}

export async function changeMemberRole(scope: TenantScope, membershipId: string, role: RoleName) {
  const member = await findMember(scope, membershipId);
  if ((role === "OWNER" || member.role === "OWNER") && scope.role !== "OWNER") {
    throw new AppError("FORBIDDEN", "Solo un dueño (OWNER) puede otorgar o quitar ese rol");
  }
  if (role === member.role) return { id: membershipId, role };
  if (role !== "OWNER") await assertNotLastOwner(scope, member);
  await db().$transaction(async (tx) => {
    await tx.membership.updateMany({ where: scoped(scope, { id: membershipId }), data: { role } });
    await recordAudit(tx, scope, { action: "MEMBER_ROLE_CHANGED", target: member.user, oldValue: member.role, newValue: role });
  });
  await requestSyncOnChange(scope.tenantId, "member-role-changed");
  return { id: membershipId, role };
}

export async function removeMember(scope: TenantScope, membershipId: string) {
  const member = await findMember(scope, membershipId);
  if (member.role === "OWNER" && scope.role !== "OWNER") throw new AppError("FORBIDDEN", "Solo un dueño (OWNER) puede quitar a otro dueño");
  await assertNotLastOwner(scope, member);
  const revokedApiClients = await db().$transaction(async (tx) => {
    await tx.membership.deleteMany({ where: scoped(scope, { id: membershipId }) });
    await recordAudit(tx, scope, { action: "MEMBER_REMOVED", target: member.user, oldValue: member.role });
    // Their API clients act as them (oauth/access.ts): once the membership is gone its client
    // limit is gone too, and their reads would widen to every client. Revoked instead.
    return member.limitedToClients ? revokeClientsCreatedBy(tx, scope.tenantId, member.userId) : 0;
  });
  await requestSyncOnChange(scope.tenantId, "member-removed");
  return { id: membershipId, revokedApiClients };
}
