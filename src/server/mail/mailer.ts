/**
 * Outgoing e-mail. With SMTP_URL set, nodemailer sends over SMTP. Otherwise the message is
 * written to the log and appended to DATA_DIR/outbox.jsonl (a local outbox you can read, and
 * that tests read), so a fresh machine needs no mail server.
 */
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { env } from "@/env";
import { logger } from "@/server/log/logger";

export type Mail = { to: string; subject: string; text: string; html?: string };
export type SentMail = Mail & { sentAt: string };
const log = logger.child({ module: "mail" });

function outboxPath() {
  return join(/*turbopackIgnore: true*/ env().DATA_DIR, "outbox.jsonl");
}

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (SMTP_URL) {
    await nodemailer.createTransport(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
    log.info({ to: mail.to, subject: mail.subject }, "mail sent over SMTP");
    return;
  }
  mkdirSync(env().DATA_DIR, { recursive: true });
  appendFileSync(outboxPath(), `${JSON.stringify({ ...mail, sentAt: new Date().toISOString() })}\n`, { mode: 0o600 });
  log.info({ to: mail.to, subject: mail.subject, text: mail.text }, "mail (local outbox, no SMTP configured)");
}

/** Messages in the local outbox, oldest first, optionally only those sent to `to`. */
export function readLocalOutbox(to?: string): SentMail[] {
  let lines: string[] = [];
  try {
    lines = readFileSync(outboxPath(), "utf8").split("\n").filter(Boolean);
  } catch {
    return [];
  }
  const mails = lines.map((l) => JSON.parse(l) as SentMail);
  return to ? mails.filter((m) => m.to === to) : mails;
}
