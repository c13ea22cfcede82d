import "server-only";
import { db } from "@/server/db/client";
import { env } from "@/env";
import { localeOrDefault, serverMessage } from "@/server/i18n/server-message";
import { serverText } from "@/server/i18n/server-text";
import { sendMail } from "@/server/mail/mailer";
import { logger } from "@/server/log/logger";
import { ADMIN_ROLES } from "@/lib/roles";

export type Notice = { kind: string; title: string; body: string; link?: string };

/**
 * Tells a tenant's OWNERs and ADMINs: an in-app notice plus an e-mail each, in the admin's stored
 * language (user.locale; the Spanish title and body through the server catalogue). A mail failure
 * is logged, never thrown: the notice is already recorded and the caller's work must go on.
 */
export async function notifyTenantAdmins(tenantId: string, notice: Notice) {
  await db().notification.create({ data: { tenantId, roles: [...ADMIN_ROLES], ...notice } });
  const admins = await db().membership.findMany({ where: { tenantId, role: { in: [...ADMIN_ROLES] } }, include: { user: { select: { email: true, locale: true } } } });
  const link = notice.link ? `\n\n${new URL(notice.link, env().APP_URL).toString()}` : "";
  for (const admin of admins) {
    const locale = localeOrDefault(admin.user.locale);
    const subject = serverMessage("mail.notice.subject", { title: serverText(notice.title, locale) }, locale);
    await sendMail({ to: admin.user.email, subject, text: `${serverText(notice.body, locale)}${link}` }).catch((err: unknown) =>
      logger.error({ err, tenantId, kind: notice.kind }, "could not e-mail an admin notice"),
    );
  }
}
