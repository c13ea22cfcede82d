/**
 * Per-endpoint payload filter: conditions on event attributes, one per line, all must hold.
 *   proveedor.cuit = 30-12345678-9, 30-98765432-1
 *   tipo != NOTA_CREDITO_A
 * A field is a dotted path into the event body; it must exist (as a plain value) in EVERY event
 * type the endpoint subscribes to, checked at save time against the catalogue, so a filter can
 * never silently drop a whole event type. CUIT fields compare digits only (30-12345678-9 =
 * 30123456789); everything else compares the exact text of the value.
 */
import { eventCatalog, type EventType } from "@/server/events/catalog";

export type FilterCondition = { field: string; op: "eq" | "ne"; values: string[] };
export type FilterParse = { ok: true; conditions: FilterCondition[] } | { ok: false; error: string };

export const MAX_FILTER_CONDITIONS = 10;
export const MAX_FILTER_VALUES = 50;
const FIELD = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

export function parsePayloadFilter(text: string): FilterParse {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_FILTER_CONDITIONS) return { ok: false, error: `Máximo ${MAX_FILTER_CONDITIONS} condiciones` };
  const conditions: FilterCondition[] = [];
  for (const [i, line] of lines.entries()) {
    const at = `Línea ${i + 1}`;
    const m = /^([^=!]+?)\s*(!=|=)\s*(.*)$/.exec(line);
    if (!m) return { ok: false, error: `${at}: escribí «campo = valor» o «campo != valor» (p. ej. proveedor.cuit = 30-12345678-9)` };
    const field = m[1]!.trim();
    if (!FIELD.test(field)) return { ok: false, error: `${at}: «${field}» no es un campo válido (usá la ruta con puntos, p. ej. proveedor.cuit)` };
    const values = m[3]!.split(",").map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) return { ok: false, error: `${at}: falta el valor de «${field}»` };
    if (values.length > MAX_FILTER_VALUES) return { ok: false, error: `${at}: máximo ${MAX_FILTER_VALUES} valores` };
    if (values.some((v) => v.length > 200)) return { ok: false, error: `${at}: un valor supera 200 caracteres` };
    conditions.push({ field, op: m[2] === "!=" ? "ne" : "eq", values });
  }
  return { ok: true, conditions };
}

export function formatPayloadFilter(conditions: FilterCondition[]): string {
  return conditions.map((c) => `${c.field} ${c.op === "ne" ? "!=" : "="} ${c.values.join(", ")}`).join("\n");
}

function valueAt(body: unknown, field: string): unknown {
  let at: unknown = body;
  for (const key of field.split(".")) {
    if (at === null || typeof at !== "object" || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const isPlain = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

/** null when every condition's field is a plain value of every subscribed event type; else why not. */
export function filterFieldError(conditions: FilterCondition[], eventTypes: readonly string[]): string | null {
  for (const c of conditions) {
    for (const type of eventTypes) {
      const sample = eventCatalog[type as EventType]?.sample;
      if (!sample) continue;
      const value = valueAt(sample, c.field);
      if (value === undefined) return `El campo «${c.field}» no existe en ${type}: quitá ese evento de la suscripción o filtrá por un campo que tengan todos`;
      if (!isPlain(value)) return `«${c.field}» en ${type} no es un valor simple: elegí un campo interno (p. ej. ${c.field}.${Object.keys(value as object)[0] ?? "…"})`;
    }
  }
  return null;
}

function normalize(field: string, value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value);
  return /cuit$/i.test(field) ? text.replace(/\D/g, "") : text;
}

/** Does the event body meet every condition? An absent or null value equals nothing. */
export function matchesPayloadFilter(body: unknown, conditions: FilterCondition[]): boolean {
  return conditions.every((c) => {
    const value = valueAt(body, c.field);
    const present = value !== undefined && value !== null;
    const hit = present && c.values.some((v) => normalize(c.field, v) === normalize(c.field, value));
    return c.op === "eq" ? hit : !hit;
  });
}
