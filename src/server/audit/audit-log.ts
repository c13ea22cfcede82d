import "server-only";
import type { AuditAction } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export type AuditInput = {
  action: AuditAction;
  target?: { name?: string | null; email?: string | null };
  oldValue?: string | null;
  newValue?: string | null;
};

/**
 * Records who did what, in the same transaction as the change (a rolled-back change leaves no
 * entry). The actor's name and e-mail are copied so the entry survives their removal.
 */
export async function recordAudit(tx: Tx, scope: Pick<TenantScope, "tenantId" | "userId">, entry: AuditInput) {
  const actor = await tx.user.findUnique({ where: { id: scope.userId }, select: { name: true, email: true } });
  await tx.auditEntry.create({
    data: {
      tenantId: scope.tenantId,
      action: entry.action,
      actorId: scope.userId,
      actorName: actor?.name ?? "Usuario eliminado",
      actorEmail: actor?.email ?? "",
      targetName: entry.target?.name ?? null,
      targetEmail: entry.target?.email ?? null,
      oldValue: entry.oldValue ?? null,
      newValue: entry.newValue ?? null,
    },
  });
}

/** The tenant's latest audit entries, newest first. */
export async function listAudit(scope: TenantScope, limit = 50) {
  return db().auditEntry.findMany({
    where: scoped(scope),
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, action: true, actorName: true, actorEmail: true, targetName: true, targetEmail: true, oldValue: true, newValue: true, createdAt: true },
  });
}
