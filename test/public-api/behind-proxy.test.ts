/**
 * The API behind a proxy: the app listens on 127.0.0.1:<port> and sees another Host, while the
 * public address is APP_URL=https://contaflow.example. Every URL handed out must be APP_URL's;
 * an OAuth client configured by RFC 8414 discovery works through the proxy. Also the protocol
 * details: 404/405 problem+json with Allow, X-Request-Id, English problems, RFC 3339 offsets,
 * CUITs with dashes in filters.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const PUBLIC = vi.hoisted(() => {
  process.env.APP_URL = "https://contaflow.example";
  return "https://contaflow.example";
});

import * as oidc from "openid-client";
import { resetEnvCache } from "@/env";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { documentRow, pdfBytes } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { clientCredentials } from "./support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let clientId: string;
let secret: string;
let tenantId: string;
let token: string;

/** What the reverse proxy does: https://contaflow.example/… → http://127.0.0.1:<port>/… with another Host. */
const viaProxy = (input: string, init: oidc.CustomFetchOptions) => {
  const req = new Request(input, init as RequestInit);
  const target = new URL(req.url);
  expect(target.origin).toBe(PUBLIC);
  const headers = new Headers(req.headers);
  headers.set("host", "internal-lb:8080");
  return fetch(new Request(`${server.url}${target.pathname}${target.search}`, { method: req.method, headers, body: req.body, duplex: "half" } as RequestInit));
};

async function call(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { host: "internal-lb:8080", ...Object.fromEntries(headers) } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

beforeAll(async () => {
  resetEnvCache();
  server = await startApiServer(["api/v1", "api/oauth", ".well-known"]);
  const user = await createUser();
  const tenant = await createTenantWith(user);
  tenantId = tenant.id;
  const created = await callerFor(user, tenant.id).apiClients.create({ name: "ERP", scopes: ["documents:read", "parse"], redirectUris: ["https://erp.example/cb"] });
  clientId = created.client.clientId;
  secret = created.clientSecret;
  token = (await clientCredentials(server.url, clientId, secret)).access_token;
});
afterAll(() => server.close());

describe("every URL handed out is APP_URL's", () => {
  it("202 Location, statusUrl and documentUrl", async () => {
    const form = new FormData();
    form.append("file", new Blob([pdfBytes("proxy") as BlobPart], { type: "application/pdf" }), "f.pdf");
    const r = await call("/api/v1/parse", { method: "POST", body: form });
    expect(r.status).toBe(202);
    const id = String(r.body!.id);
    expect(r.body).toMatchObject({ statusUrl: `${PUBLIC}/api/v1/parse/${id}`, documentUrl: `${PUBLIC}/api/v1/documents/${id}` });
    expect(r.headers.get("location")).toBe(`${PUBLIC}/api/v1/parse/${id}`);
  });

  it("OpenAPI servers and OAuth flow URLs", async () => {
    const doc = (await call("/api/v1/openapi.json")).body as { servers: { url: string }[]; components: { securitySchemes: { oauth2: { flows: Record<string, Record<string, string>> } } } };
    expect(doc.servers).toEqual([{ url: PUBLIC }]);
    const flows = doc.components.securitySchemes.oauth2.flows;
    expect(flows.clientCredentials!.tokenUrl).toBe(`${PUBLIC}/api/oauth/token`);
    expect(flows.authorizationCode!.authorizationUrl).toBe(`${PUBLIC}/oauth/autorizar`);
  });

  it("openid-client discovery() through the proxy, then a client_credentials token that works", async () => {
    const config = await oidc.discovery(new URL(PUBLIC), clientId, secret, undefined, { algorithm: "oauth2", [oidc.customFetch]: viaProxy });
    const meta = config.serverMetadata();
    expect(meta).toMatchObject({ issuer: PUBLIC, token_endpoint: `${PUBLIC}/api/oauth/token`, authorization_endpoint: `${PUBLIC}/oauth/autorizar`, revocation_endpoint: `${PUBLIC}/api/oauth/revoke` });
    expect(meta.code_challenge_methods_supported).toEqual(["S256"]);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: "documents:read" });
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    const list = await call("/api/v1/documents", { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(list.status).toBe(200);
  });
});

describe("protocol details", () => {
  it("unknown /api/v1 paths are 404 problem+json, not the HTML page", async () => {
    const r = await call("/api/v1/nada/que/ver");
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(r.body).toMatchObject({ status: 404, code: "NOT_FOUND", instance: "/api/v1/nada/que/ver" });
  });

  it("a method a route does not serve is 405 problem+json with Allow", async () => {
    const del = await call("/api/v1/parse", { method: "DELETE" });
    expect(del.status).toBe(405);
    expect(del.headers.get("content-type")).toBe("application/problem+json");
    expect(del.headers.get("allow")).toBe("POST, OPTIONS");
    expect(del.body).toMatchObject({ status: 405, code: "METHOD_NOT_ALLOWED" });
    const put = await call("/api/v1/documents", { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    // The write, webhooks and events routes (issue 22 part B) answer the same way.
    const allowOf = async (path: string, method: string) => {
      const r = await call(path, { method });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.body).toMatchObject({ code: "METHOD_NOT_ALLOWED" });
      return r.headers.get("allow");
    };
    expect(await allowOf("/api/v1/documents/x", "POST")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
    expect(await allowOf("/api/v1/documents/x/review", "GET")).toBe("POST, OPTIONS");
    expect(await allowOf("/api/v1/documents/x/reprocess", "DELETE")).toBe("POST, OPTIONS");
    expect(await allowOf("/api/v1/events", "POST")).toBe("GET, HEAD, OPTIONS");
    expect(await allowOf("/api/v1/webhooks", "DELETE")).toBe("GET, POST, HEAD, OPTIONS");
    expect(await allowOf("/api/v1/webhooks/x", "PUT")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
    expect(await allowOf("/api/v1/webhooks/x/rotate", "GET")).toBe("POST, OPTIONS");
  });

  it("X-Request-Id on every answer: a valid incoming one echoed, a bad one replaced", async () => {
    for (const path of ["/api/v1/documents", "/api/v1/nope", "/api/v1/openapi.json"]) {
      const r = await call(path);
      expect(r.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await call("/api/v1/documents", { headers: { "x-request-id": "erp-123.abc" } })).headers.get("x-request-id")).toBe("erp-123.abc");
    const unauth = await call("/api/v1/documents", { headers: { authorization: "Bearer nope", "x-request-id": "erp-401" } });
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get("x-request-id")).toBe("erp-401");
    const bad = await call("/api/v1/documents", { headers: { "x-request-id": "no spaces <b>" } });
    expect(bad.headers.get("x-request-id")).not.toBe("no spaces <b>");
    expect((await call("/api/v1/parse", { method: "DELETE", headers: { "x-request-id": "erp-405" } })).headers.get("x-request-id")).toBe("erp-405");
  });

  it("problems in English with Accept-Language: en, Spanish otherwise", async () => {
    const en = await call("/api/v1/documents?limit=0", { headers: { "accept-language": "en-US,en;q=0.9,es;q=0.5" } });
    expect(en.status).toBe(400);
    expect(en.body).toMatchObject({ title: "Invalid data", code: "VALIDATION" });
    expect(String(en.body!.detail)).toMatch(/parameters/);
    const missing = await call("/api/v1/documents", { headers: { authorization: "", "accept-language": "en" } });
    expect(missing.body).toMatchObject({ status: 401, title: "Unauthenticated", detail: expect.stringMatching(/^Missing token/) });
    const es = await call("/api/v1/documents?limit=0", { headers: { "accept-language": "es-AR" } });
    expect(es.body).toMatchObject({ title: "Datos inválidos" });
    const notFound = await call("/api/v1/documents/nope", { headers: { "accept-language": "en" } });
    expect(notFound.body).toMatchObject({ status: 404, title: "Not found" });
  });

  it("time filters take RFC 3339 offsets; CUIT filters take the webhook's dashed form", async () => {
    const doc = await documentRow(tenantId, 1, { proveedorCuit: "30712345678", createdAt: new Date("2026-11-02T22:30:00Z") });
    const offset = await call(`/api/v1/documents?creadoDesde=${encodeURIComponent("2026-11-02T19:12:00-03:00")}&proveedorCuit=30-71234567-8`);
    expect(offset.status).toBe(200);
    expect((offset.body!.data as { id: string }[]).map((d) => d.id)).toEqual([doc.id]);
    const later = await call(`/api/v1/documents?creadoDesde=${encodeURIComponent("2026-11-02T19:31:00-03:00")}&proveedorCuit=30712345678`);
    expect((later.body!.data as { id: string }[]).map((d) => d.id)).not.toContain(doc.id);
  });
});
