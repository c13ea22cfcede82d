import "server-only";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/config";
import { serverText } from "@/server/i18n/server-text";
import { EVENT_TYPES, eventCatalog, eventJsonSchema } from "./catalog";

/**
 * The catalogue as the admin page shows it: description, when, JSON Schema and a sample. The
 * texts are written in Spanish in catalog.ts and in the reader's language here (the
 * "eventCatalog" entries of the server messages).
 */
export function eventCatalogView(locale: Locale = DEFAULT_LOCALE) {
  const tr = (text: string) => serverText(text, locale);
  return EVENT_TYPES.map((type) => {
    const def = eventCatalog[type];
    const changes = "changes" in def ? def.changes?.map((c) => ({ ...c, change: tr(c.change) })) : undefined;
    return { type, version: def.version, changes, description: tr(def.description), emittedWhen: tr(def.emittedWhen), jsonSchema: eventJsonSchema(type), sample: def.sample };
  });
}
