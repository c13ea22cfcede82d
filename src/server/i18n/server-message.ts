/**
 * Server messages by key (e-mails): the "server" message area in the recipient's language. No
 * "server-only" here: the auth module (and through it prisma/seed.ts, run by plain Node) uses it.
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/config";
import en from "@/i18n/messages/en/server.json";
import es from "@/i18n/messages/es-AR/server.json";

type Tree = { [key: string]: string | Tree };

/** The server message `key` ("mail.invitation.subject") in `locale`, its {params} filled in. */
export function serverMessage(key: string, params: Record<string, string | number>, locale: Locale): string {
  let node: string | Tree | undefined = (locale === "en" ? en : es) as Tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`server message ${key} does not exist`);
  return node.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** A stored preference (user.locale) as a Locale; anything else is the default. */
export const localeOrDefault = (value: unknown): Locale => (typeof value === "string" && isLocale(value) ? value : DEFAULT_LOCALE);
