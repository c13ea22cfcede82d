/**
 * The API docs page's reading of the OpenAPI document: every operation of the real document is
 * listed once under its tag, references resolve, and type labels say what a caller must send.
 */
import { describe, expect, it } from "vitest";
import { constraints, deref, expandable, operationsByTag, properties, scopesOf, typeLabel, webhookOperations, type Doc } from "@/components/api-clients/reference/model";
import { openApiDocument } from "@/server/public-api/openapi";

const doc = openApiDocument("https://contaflow.example") as Doc;

describe("API reference model", () => {
  it("lists every operation of the document exactly once, in the document's tag order", () => {
    const groups = operationsByTag(doc);
    const listed = groups.flatMap((g) => g.operations.map((o) => `${o.method} ${o.path}`));
    const expected = Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.keys(item).filter((k) => ["get", "post", "put", "patch", "delete"].includes(k)).map((m) => `${m} ${path}`));
    expect([...listed].sort()).toEqual([...expected].sort());
    expect(new Set(groups.flatMap((g) => g.operations.map((o) => o.id))).size).toBe(listed.length);
    const tagOrder = (doc.tags ?? []).map((t) => t.name).filter((t) => groups.some((g) => g.tag === t));
    expect(groups.map((g) => g.tag).slice(0, tagOrder.length)).toEqual(tagOrder);
    expect(webhookOperations(doc).map((w) => w.path)).toEqual(Object.keys(doc.webhooks ?? {}));
  });

  it("resolves component references and keeps a sibling description", () => {
    expect(deref(doc, { $ref: "#/components/responses/NotFound" }).description).toEqual(expect.any(String));
    expect(deref(doc, { $ref: "#/components/parameters/Idempotency-Key" }).name).toBe("Idempotency-Key");
    expect(deref(doc, { $ref: "#/components/schemas/Document", description: "otra" }).description).toBe("otra");
    expect(deref(doc, { $ref: "#/components/schemas/NoExiste" })).toEqual({});
  });

  it("labels types the way a caller reads them", () => {
    expect(typeLabel({ type: ["string", "null"] })).toBe("string | null");
    expect(typeLabel({ type: "array", items: { $ref: "#/components/schemas/Document" } })).toBe("array<Document>");
    expect(typeLabel({ anyOf: [{ type: "string", enum: ["A", "B"] }, { type: "null" }] })).toBe('"A" | "B" | null');
    expect(typeLabel({ type: "string", format: "date-time" })).toBe("string (date-time)");
    expect(typeLabel({ const: "document.processed" })).toBe('"document.processed"');
    expect(typeLabel(undefined)).toBe("any");
  });

  it("lists required properties first and hides zod's safe-integer bounds", () => {
    const names = properties({ type: "object", required: ["b"], properties: { a: { type: "string" }, b: { type: "string" } } }).map((p) => `${p.name}:${p.required}`);
    expect(names).toEqual(["b:true", "a:false"]);
    expect(constraints({ type: "integer", minimum: -Number.MAX_SAFE_INTEGER, maximum: 100, default: 20 })).toEqual(["maximum: 100", "default: 20"]);
    expect(expandable({ type: "array", items: { type: "object", properties: { x: {} } } })).toEqual({ type: "object", properties: { x: {} } });
    expect(expandable({ $ref: "#/components/schemas/Document" })).toBeNull();
  });

  it("takes an operation's scopes from its own security, else the document's", () => {
    const parse = doc.paths?.["/api/v1/parse"]?.post as Record<string, unknown>;
    expect(scopesOf(doc, parse)).toEqual(["parse"]);
    expect(scopesOf({ security: [{ oauth2: ["x"] }] }, {})).toEqual(["x"]);
  });
});
