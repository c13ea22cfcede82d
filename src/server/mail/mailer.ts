/**
 * Outgoing e-mail. With SMTP_URL set, nodemailer sends over SMTP; otherwise the message is
 * written to the log (and kept in memory for tests), so a fresh machine needs no mail server.
 */
import nodemailer from "nodemailer";
import { env } from "@/env";
import { logger } from "@/server/log/logger";

export type Mail = { to: string; subject: string; text: string; html?: string };
const log = logger.child({ module: "mail" });
const outbox: (Mail & { sentAt: Date })[] = ((globalThis as { __contaflowOutbox?: (Mail & { sentAt: Date })[] }).__contaflowOutbox ??= []);

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    await nodemailer.createTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    log.info({ to: mail.to, subject: mail.subject }, "mail sent over SMTP");
    return;
  }
  outbox.push({ ...mail, sentAt: new Date() });
  if (outbox.length > 100) outbox.shift();
  log.info({ to: mail.to, subject: mail.subject, text: mail.text }, "mail (console transport)");
}

/** Console-transport messages sent to `to`, newest last (tests and the local dev outbox). */
export function consoleOutbox(to?: string) {
  return to ? outbox.filter((m) => m.to === to) : [...outbox];
}
