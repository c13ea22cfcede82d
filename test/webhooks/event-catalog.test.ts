import { describe, expect, it } from "vitest";
import { createDomainEvent, serializeEventBody } from "@/server/events/build";
import { EVENT_TYPES, eventCatalog, eventJsonSchema, isEventType, parseDomainEvent, type EventType } from "@/server/events/catalog";
import { AppError } from "@/server/errors";

/**
 * The seed's payload fields per event (docs/reference/webhooks-integration-session.md: the JSON
 * payloads and the summary table). Same names, same meaning; nested fields as a.b.
 */
const SEED_FIELDS: Record<EventType, string[]> = {
  "document.processed": ["documentoId", "tipo", "numero", "fecha", "total", "proveedor", "proveedor.cuit", "proveedor.razonSocial", "estado"],
  "document.failed": ["documentoId", "error", "timestamp"],
  "document.exported": ["documentoId", "tipo", "numero", "total", "externalId", "exportedAt"],
  // Not a seed event (issue 22: corrections through the API); its own fields.
  "document.updated": ["documentoId", "documentVersion", "camposCorregidos"],
  "export.completed": ["success", "failed", "skipped"],
  "export.failed": ["error", "connectorId"],
  "sync.completed": ["success", "failed", "staged"],
  "sync.failed": ["error", "connectorId"],
};

type JsonSchema = { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[]; anyOf?: JsonSchema[] };

function schemaAt(schema: JsonSchema, path: string): (JsonSchema & { description?: string }) | undefined {
  let node: JsonSchema | undefined = schema;
  for (const part of path.split(".")) {
    const obj: JsonSchema | undefined = node?.properties ? node : node?.anyOf?.find((s) => s.properties);
    if (!obj?.properties?.[part] || !obj.required?.includes(part)) return undefined;
    node = obj.properties[part];
  }
  return node;
}

function valueAt(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

describe("domain event catalogue", () => {
  it("has exactly the seven events of the issue plus document.updated (issue 22)", () => {
    expect(EVENT_TYPES).toEqual(["document.processed", "document.failed", "document.exported", "document.updated", "export.completed", "export.failed", "sync.completed", "sync.failed"]);
  });

  it.each(EVENT_TYPES)("%s: the sample parses with its schema and carries every seed field", (type) => {
    const def = eventCatalog[type];
    expect(def.type).toBe(type);
    expect(def.version).toBe(type === "document.processed" ? 3 : type === "document.failed" || type === "document.updated" ? 2 : 1);
    expect(def.description.length).toBeGreaterThan(10);
    expect(def.emittedWhen.length).toBeGreaterThan(10);
    expect(def.schema.parse(def.sample)).toEqual(def.sample);
    expect(parseDomainEvent(def.sample)).toEqual(def.sample);

    const json = eventJsonSchema(type) as JsonSchema;
    for (const field of [...SEED_FIELDS[type], "type", "version", "timestamp"]) {
      expect(valueAt(def.sample, field), `${type} sample.${field}`).not.toBeUndefined();
      const node = schemaAt(json, field);
      expect(node, `${type} schema requires ${field}`).toBeDefined();
    }
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      expect(prop.description, `${type}.${name} has an es-AR description`).toBeTruthy();
    }
  });

  it("keeps the seed's sample values for document.processed", () => {
    expect(eventCatalog["document.processed"].sample).toMatchObject({
      documentoId: "doc_123",
      tipo: "FACTURA_A",
      numero: "0001-00012345",
      fecha: "2025-01-20",
      total: 12500.5,
      proveedor: { cuit: "30-12345678-9", razonSocial: "Proveedor SA" },
      estado: "completed",
    });
  });

  it("rejects invalid events with an AppError naming the field", () => {
    const bad = { ...eventCatalog["sync.completed"].sample, success: -1 };
    expect(() => parseDomainEvent(bad)).toThrow(AppError);
    expect(() => parseDomainEvent(bad)).toThrow(/success/);
    expect(() => parseDomainEvent({ ...eventCatalog["sync.failed"].sample, extra: 1 })).toThrow(/extra|reconoc|Unrecognized/i);
    expect(() => parseDomainEvent({ type: "document.deleted" })).toThrow(AppError);
    expect(() => parseDomainEvent({ ...eventCatalog["document.processed"].sample, proveedor: { cuit: "30123456789", razonSocial: "X" } })).toThrow(/proveedor\.cuit/);
    expect(isEventType("export.failed")).toBe(true);
    expect(isEventType("toString")).toBe(false);
  });

  it("builds events from the seed fields only and serializes them once, minified", () => {
    const now = new Date("2026-02-02T10:00:00.000Z");
    const event = createDomainEvent("export.failed", { connectorId: "con_1", error: "2 exportaciones fallidas" }, now);
    expect(event).toEqual({ type: "export.failed", version: 1, timestamp: now.toISOString(), connectorId: "con_1", error: "2 exportaciones fallidas" });
    const body = serializeEventBody(event);
    expect(body.toString()).toBe(JSON.stringify(event));
    expect(body.toString()).not.toMatch(/\s"|": /);
    // document.failed: the seed's own `timestamp` (failure time) is kept when given.
    const failed = createDomainEvent("document.failed", { documentoId: "d", error: "x", timestamp: "2025-01-20T10:30:00.000Z" }, now);
    expect(failed.timestamp).toBe("2025-01-20T10:30:00.000Z");
  });
});
