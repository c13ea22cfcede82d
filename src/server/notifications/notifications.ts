import "server-only";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/config";
import { serverText } from "@/server/i18n/server-text";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

function visibleTo(scope: TenantScope) {
  return scoped(scope, { readAt: null, OR: [{ roles: { isEmpty: true } }, { roles: { has: scope.role } }] });
}

/** Open notices the member's role may see, newest first. */
/** The latest notices, title and body in the reader's language (Spanish as stored, through the server catalogue). */
export async function listNotifications(scope: TenantScope, locale: Locale = DEFAULT_LOCALE) {
  const rows = await db().notification.findMany({ where: visibleTo(scope), orderBy: { createdAt: "desc" }, take: 20, select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true } });
  return rows.map((n) => ({ ...n, title: serverText(n.title, locale), body: serverText(n.body, locale) }));
}

export async function dismissNotification(scope: TenantScope, id: string) {
  const { count } = await db().notification.updateMany({ where: { ...visibleTo(scope), id }, data: { readAt: new Date() } });
  if (count === 0) throw AppError.notFound("Aviso");
  return { id };
}
