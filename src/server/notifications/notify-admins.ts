import "server-only";
import { db } from "@/server/db/client";
import { env } from "@/env";
import { sendMail } from "@/server/mail/mailer";
import { logger } from "@/server/log/logger";
import { ADMIN_ROLES } from "@/lib/roles";

export type Notice = { kind: string; title: string; body: string; link?: string };

/**
 * Tells a tenant's OWNERs and ADMINs: an in-app notice plus an e-mail each. A mail failure is
 * logged, never thrown: the notice is already recorded and the caller's work must go on.
 */
export async function notifyTenantAdmins(tenantId: string, notice: Notice) {
  await db().notification.create({ data: { tenantId, roles: [...ADMIN_ROLES], ...notice } });
  const admins = await db().membership.findMany({ where: { tenantId, role: { in: [...ADMIN_ROLES] } }, include: { user: { select: { email: true } } } });
  const link = notice.link ? `\n\n${new URL(notice.link, env().APP_URL).toString()}` : "";
  for (const admin of admins) {
    await sendMail({ to: admin.user.email, subject: `Contaflow: ${notice.title}`, text: `${notice.body}${link}` }).catch((err: unknown) =>
      logger.error({ err, tenantId, kind: notice.kind }, "could not e-mail an admin notice"),
    );
  }
}
