import "server-only";
import { env } from "@/env";
import { logger } from "@/server/log/logger";
import { sendMail } from "@/server/mail/mailer";
import type { RoleName } from "@/lib/roles";

const ROLE_LABEL: Record<RoleName, string> = { OWNER: "Dueño", ADMIN: "Administrador", ACCOUNTANT: "Contador", VIEWER: "Solo lectura" };

export function invitationLink(token: string): string {
  return new URL(`/invitaciones/${token}`, env().APP_URL).toString();
}

type InvitationMail = { email: string; role: RoleName; tenantName: string; inviterName: string; token: string; expiresAt: Date };

/**
 * E-mails the link. A failed send is logged and reported (`mailed: false`), never thrown: the
 * invitation exists and the admin can copy the link or resend.
 */
export async function sendInvitationMail(m: InvitationMail): Promise<{ link: string; mailed: boolean }> {
  const link = invitationLink(m.token);
  const until = new Intl.DateTimeFormat("es-AR", { dateStyle: "long", timeZone: "America/Argentina/Buenos_Aires" }).format(m.expiresAt);
  try {
    await sendMail({
      to: m.email,
      subject: `${m.inviterName} te invitó a ${m.tenantName} en Contaflow`,
      text:
        `Hola:\n\n${m.inviterName} te invitó a sumarte a ${m.tenantName} en Contaflow con el rol ${ROLE_LABEL[m.role]}.\n\n` +
        `Para aceptar, abrí este enlace (vale hasta el ${until} y sirve una sola vez):\n${link}\n\n` +
        `Si no tenés cuenta, la creás ahí mismo con este e-mail. Si no esperabas esta invitación, ignorá este mensaje.`,
    });
    return { link, mailed: true };
  } catch (err) {
    logger.error({ err, to: m.email }, "could not e-mail an invitation");
    return { link, mailed: false };
  }
}
