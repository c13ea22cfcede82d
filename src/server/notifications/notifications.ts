import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

function visibleTo(scope: TenantScope) {
  return scoped(scope, { readAt: null, OR: [{ roles: { isEmpty: true } }, { roles: { has: scope.role } }] });
}

/** Open notices the member's role may see, newest first. */
export async function listNotifications(scope: TenantScope) {
  return db().notification.findMany({ where: visibleTo(scope), orderBy: { createdAt: "desc" }, take: 20, select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true } });
}

export async function dismissNotification(scope: TenantScope, id: string) {
  const { count } = await db().notification.updateMany({ where: { ...visibleTo(scope), id }, data: { readAt: new Date() } });
  if (count === 0) throw AppError.notFound("Aviso");
  return { id };
}
