import "server-only";
import { env } from "@/env";
import { formatLongDate } from "@/lib/format";
import type { Locale } from "@/i18n/config";
import { serverMessage } from "@/server/i18n/server-message";
import { logger } from "@/server/log/logger";
import { sendMail } from "@/server/mail/mailer";
import type { RoleName } from "@/lib/roles";

export function invitationLink(token: string): string {
  return new URL(`/invitaciones/${token}`, env().APP_URL).toString();
}

type InvitationMail = {
  email: string;
  role: RoleName;
  tenantName: string;
  inviterName: string;
  token: string;
  expiresAt: Date;
  timeZone: string;
  /** The inviter's language (their request's locale): the invitee has no preference of their own yet. */
  locale?: Locale;
};

/**
 * E-mails the link. A failed send is logged and reported (`mailed: false`), never thrown: the
 * invitation exists and the admin can copy the link or resend.
 */
export async function sendInvitationMail(m: InvitationMail): Promise<{ link: string; mailed: boolean }> {
  const link = invitationLink(m.token);
  const locale = m.locale ?? "es-AR";
  const until = formatLongDate(m.expiresAt, { timeZone: m.timeZone, locale });
  const params = { inviter: m.inviterName, tenant: m.tenantName, role: serverMessage(`mail.roles.${m.role}`, {}, locale), until, link };
  try {
    await sendMail({ to: m.email, subject: serverMessage("mail.invitation.subject", params, locale), text: serverMessage("mail.invitation.text", params, locale) });
    return { link, mailed: true };
  } catch (err) {
    logger.error({ err, to: m.email }, "could not e-mail an invitation");
    return { link, mailed: false };
  }
}
