import "server-only";
import type { Locale } from "@/i18n/config";
import en from "@/i18n/messages/en/server.json";
import es from "@/i18n/messages/es-AR/server.json";
import { translateServerText } from "@/i18n/server-text";
import { localizeInstants } from "@/lib/format/dates";

const CATALOGUE: Record<Locale, typeof es> = { "es-AR": es, en };

/** A Spanish server message (AppError, zod, review reason) in `locale`; instants in it in that locale's order. */
export function serverText(text: string, locale: Locale): string {
  return localizeInstants(translateServerText(text, es, CATALOGUE[locale]), locale);
}
