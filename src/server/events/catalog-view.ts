import { EVENT_TYPES, eventCatalog, eventJsonSchema } from "./catalog";

/** The catalogue as the admin page shows it: description, when, JSON Schema and a sample. */
export function eventCatalogView() {
  return EVENT_TYPES.map((type) => {
    const def = eventCatalog[type];
    return { type, version: def.version, description: def.description, emittedWhen: def.emittedWhen, jsonSchema: eventJsonSchema(type), sample: def.sample };
  });
}
