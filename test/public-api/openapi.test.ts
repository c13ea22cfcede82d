/**
 * The OpenAPI document: served over HTTP, valid OpenAPI 3.1 (checked with an independent
 * validator), documents every route file of the public API, and real responses match the schemas
 * it declares.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentRow, ownerWithClient } from "./support/fixtures";
import { routeFiles, startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

type Doc = { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

let server: Awaited<ReturnType<typeof startApiServer>>;
let doc: Doc;

beforeAll(async () => {
  server = await startApiServer();
  const res = await fetch(`${server.url}/api/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(() => server.close());

describe("OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(structuredClone(doc) as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents every route file under /api/v1 and /api/oauth (with each exported method)", async () => {
    // The consent form's endpoint is browser-only (session cookie), not part of the API.
    // The catch-all only answers 404 problem details for unknown paths.
    const files = routeFiles("api/v1", "api/oauth").filter((r) => r.path !== "/api/oauth/authorize" && !r.path.includes("*}"));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const { file, path } of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function" && !(mod[m] as { notServed?: boolean }).notServed); // 405 handlers are not operations
      expect(methods.length, file).toBeGreaterThan(0);
      for (const m of methods) expect(doc.paths[path]?.[m.toLowerCase()], `${m} ${path} is not in the OpenAPI document`).toBeDefined();
    }
    // …and documents nothing that does not exist.
    const documented = Object.keys(doc.paths).sort();
    expect(documented).toEqual(files.map((f) => f.path).sort());
  });

  it("declares the OAuth flows and scopes", () => {
    const oauth = (doc.components as unknown as { securitySchemes: Record<string, { flows: Record<string, { scopes: Record<string, string>; tokenUrl: string }> }> }).securitySchemes.oauth2!;
    expect(Object.keys(oauth.flows).sort()).toEqual(["authorizationCode", "clientCredentials"]);
    expect(Object.keys(oauth.flows.clientCredentials!.scopes)).toEqual(["documents:read", "documents:write", "parse", "webhooks:manage"]);
    expect(oauth.flows.clientCredentials!.tokenUrl).toBe(`${process.env.APP_URL}/api/oauth/token`);
  });

  it("real responses match the declared schemas", async () => {
    const { default: Ajv2020 } = await import("ajv/dist/2020.js");
    const { default: addFormats } = await import("ajv-formats");
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormats as unknown as (a: typeof ajv) => void)(ajv);
    // The document leaves objects open for clients (additive v1); here we close them again so an
    // answer carrying an undocumented field still fails.
    const closed = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(closed)
        : node && typeof node === "object"
          ? { ...Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "properties" ? Object.fromEntries(Object.entries(v as object).map(([p, x]) => [p, closed(x)])) : closed(v)])), ...("properties" in node && !("additionalProperties" in node) ? { additionalProperties: false } : {}) }
          : node;
    for (const [id, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(closed(schema) as object, `#/components/schemas/${id}`);
    const check = (id: string, value: unknown) => {
      const validate = ajv.getSchema(`#/components/schemas/${id}`)!;
      expect(validate(value), `${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };
    const own = await ownerWithClient();
    const tokens = await clientCredentials(server.url, own.client.clientId, own.secret);
    check("TokenResponse", tokens);
    const row = await documentRow(own.tenant.id, 1, { proveedorCuit: "30712345678", total: 10, iva: [{ rate: 21, base: 100, amount: 21 }], fecha: new Date("2026-11-01T00:00:00Z"), fieldMeta: { total: { source: "TEXT", confidence: 0.8 } } });
    check("DocumentList", (await api(server.url, "/api/v1/documents", tokens.access_token)).body);
    check("Document", (await api(server.url, `/api/v1/documents/${row.id}`, tokens.access_token)).body);
    check("ParseStatus", (await api(server.url, `/api/v1/parse/${row.id}`, tokens.access_token)).body);
    check("Problem", (await api(server.url, "/api/v1/documents?limit=0", tokens.access_token)).body);
  });
});
