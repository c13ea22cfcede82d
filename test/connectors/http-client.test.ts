/**
 * The connector HTTP client against a real ERP on 127.0.0.1: every auth variant, the OAuth
 * client-credentials token cache (reuse, expiry, 401 → one refresh), and the send-time SSRF guard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { decryptSecret } from "@/server/crypto/secret-box";
import { connectorAad } from "@/server/connectors/credentials";
import { recordExportCall } from "@/server/connectors/export-log";
import { ConnectorCallError, buildUrl, connectorRequest, responseJson } from "@/server/connectors/http-client";
import { createConnectorRow, createTenantWith, createUser } from "../support/factories";
import { startErp, type ErpServer } from "./support/erp-server";
import { allowLoopback, allowLoopbackInEachTest } from "../support/loopback";

let tenantId: string;
const servers: ErpServer[] = [];

async function erp(...args: Parameters<typeof startErp>) {
  const s = await startErp(...args);
  servers.push(s);
  return s;
}

beforeAll(async () => {
  tenantId = (await createTenantWith(await createUser())).id;
});
allowLoopbackInEachTest();
afterAll(() => Promise.all(servers.map((s) => s.close())));

describe("building URLs", () => {
  it("puts paths under the base URL, keeps their query, and refuses other origins", () => {
    expect(buildUrl("https://erp.example.com/api/v1/", { path: "/facturas?tipo=A", query: { page: 2, skip: undefined } }).toString()).toBe("https://erp.example.com/api/v1/facturas?tipo=A&page=2");
    expect(buildUrl("https://erp.example.com/api", { path: "" }).toString()).toBe("https://erp.example.com/api");
    expect(buildUrl("https://erp.example.com/api", { url: "https://erp.example.com/api/items?cursor=abc" }).toString()).toBe("https://erp.example.com/api/items?cursor=abc");
    expect(() => buildUrl("https://erp.example.com/api", { url: "https://otro.example.com/x" })).toThrow(ConnectorCallError);
  });
});

describe("auth variants", () => {
  it("NONE: default headers, JSON body and extra headers arrive; any status is a response", async () => {
    const s = await erp();
    s.route("POST /api/facturas", (req, res) => res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ data: { id: "ext-1" }, echo: JSON.parse(req.body) })));
    const c = await createConnectorRow(tenantId, { baseUrl: `${s.url}/api`, defaultHeaders: { "X-Empresa": "12" } });
    const res = await connectorRequest(c, { method: "POST", path: "/facturas", json: { numero: "0001-1" }, headers: { "Idempotency-Key": "doc-1:v1" } });
    expect(res).toMatchObject({ ok: true, status: 201, method: "POST" });
    expect(responseJson(res)).toEqual({ data: { id: "ext-1" }, echo: { numero: "0001-1" } });
    const got = s.requests.at(-1)!;
    expect(got.headers).toMatchObject({ "x-empresa": "12", "idempotency-key": "doc-1:v1", "content-type": "application/json", "user-agent": expect.stringMatching(/^Contaflow/) });
    expect(got.headers.authorization).toBeUndefined();
  });

  it("API_KEY: the key goes in the configured header, masked in the logged request headers", async () => {
    const s = await erp({ kind: "apiKey", header: "X-API-Key", key: "ak_live_123456789" });
    const c = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "API_KEY", apiKeyHeader: "X-API-Key", secret: "ak_live_123456789" });
    const res = await connectorRequest(c, { method: "GET", path: "/clientes" });
    expect(res.status).toBe(200);
    expect(s.requests.at(-1)!.headers["x-api-key"]).toBe("ak_live_123456789");
    expect(JSON.stringify(res.requestHeaders)).not.toContain("ak_live_123456789");

    const wrong = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "API_KEY", apiKeyHeader: "X-API-Key", secret: "otra" });
    expect((await connectorRequest(wrong, { method: "GET" })).status).toBe(401);
  });

  it("BEARER and BASIC", async () => {
    const bearer = await erp({ kind: "bearer", token: "tok_abc" });
    const b = await createConnectorRow(tenantId, { baseUrl: bearer.url, authType: "BEARER", secret: "tok_abc" });
    expect((await connectorRequest(b, { method: "GET" })).status).toBe(200);
    expect(bearer.requests.at(-1)!.headers.authorization).toBe("Bearer tok_abc");

    const basic = await erp({ kind: "basic", user: "contaflow", password: "pa:ss wörd" });
    const c = await createConnectorRow(tenantId, { baseUrl: basic.url, authType: "BASIC", username: "contaflow", secret: "pa:ss wörd" });
    expect((await connectorRequest(c, { method: "GET" })).status).toBe(200);
    const bad = await createConnectorRow(tenantId, { baseUrl: basic.url, authType: "BASIC", username: "contaflow", secret: "mala" });
    expect((await connectorRequest(bad, { method: "GET" })).status).toBe(401);
  });

  it("a connector without its secret fails clearly before sending anything", async () => {
    const s = await erp({ kind: "bearer", token: "x" });
    const c = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "BEARER" });
    await expect(connectorRequest(c, { method: "GET" })).rejects.toMatchObject({ errorClass: "AUTH_CONFIG" });
    expect(s.requests).toHaveLength(0);
  });
});

describe("OAuth 2.0 client credentials", () => {
  async function oauthConnector(s: ErpServer, overrides: Parameters<typeof createConnectorRow>[1] = {}) {
    return createConnectorRow(tenantId, {
      baseUrl: `${s.url}/api`,
      authType: "OAUTH2_CLIENT_CREDENTIALS",
      oauthTokenUrl: `${s.url}/oauth/token`,
      oauthClientId: "contaflow",
      oauthScope: "facturas:write",
      secret: "cs_secreto",
      ...overrides,
    });
  }

  it("gets a token once, caches it encrypted, and reuses it for later calls", async () => {
    const s = await erp({ kind: "oauth", clientId: "contaflow", clientSecret: "cs_secreto", scope: "facturas:write" });
    const c = await oauthConnector(s);
    for (let i = 0; i < 3; i++) expect((await connectorRequest(c, { method: "GET", path: "/facturas" })).status).toBe(200);
    expect(s.tokenRequests).toHaveLength(1);
    expect(s.tokenRequests[0]!.headers.authorization).toMatch(/^Basic /);
    expect(new URLSearchParams(s.tokenRequests[0]!.body).get("scope")).toBe("facturas:write");
    expect(s.requests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Bearer ${s.issued[0]}`));

    const row = await db().connectorOAuthToken.findUniqueOrThrow({ where: { connectorId: c.id } });
    expect(row.accessTokenEnc).not.toContain(s.issued[0]!);
    expect(decryptSecret(row.accessTokenEnc, connectorAad(c.id, "oauth-access-token"))).toBe(s.issued[0]);
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(3500_000);
  });

  it("asks for a new token when the cached one expired (or is about to)", async () => {
    const s = await erp({ kind: "oauth", clientId: "contaflow", clientSecret: "cs_secreto", scope: "facturas:write", expiresIn: 600 });
    const c = await oauthConnector(s);
    await connectorRequest(c, { method: "GET" });
    // 30 s left of a 10-minute token: inside the early-refresh window (a tenth, at most 60 s).
    await db().connectorOAuthToken.update({ where: { connectorId: c.id }, data: { expiresAt: new Date(Date.now() + 30_000), updatedAt: new Date(Date.now() - 570_000) } });
    await connectorRequest(c, { method: "GET" });
    expect(s.tokenRequests).toHaveLength(2);
    expect(s.requests.at(-1)!.headers.authorization).toBe(`Bearer ${s.issued[1]}`);
    await connectorRequest(c, { method: "GET" });
    expect(s.tokenRequests).toHaveLength(2);
  });

  it("a 401 from the API drops the token, gets a fresh one and sends the request once more", async () => {
    const s = await erp({ kind: "oauth", clientId: "contaflow", clientSecret: "cs_secreto", scope: "facturas:write" });
    const c = await oauthConnector(s);
    await connectorRequest(c, { method: "GET" });
    s.revokeTokens();
    const res = await connectorRequest(c, { method: "POST", path: "/facturas", json: { n: 1 } });
    expect(res).toMatchObject({ status: 200, authRetried: true });
    expect(s.tokenRequests).toHaveLength(2);
    expect(s.requests.slice(-2).map((r) => r.headers.authorization)).toEqual([`Bearer ${s.issued[0]}`, `Bearer ${s.issued[1]}`]);
  });

  it("a 401 with a brand-new token is returned as is (no loop)", async () => {
    const s = await erp({ kind: "oauth", clientId: "contaflow", clientSecret: "cs_secreto", scope: "facturas:write" });
    s.route("GET /api/prohibido", (_req, res) => res.writeHead(401).end());
    const c = await oauthConnector(s);
    const res = await connectorRequest(c, { method: "GET", path: "/prohibido" });
    expect(res).toMatchObject({ status: 401, authRetried: true });
    expect(s.tokenRequests).toHaveLength(2);
    expect(s.requests.filter((r) => r.path === "/api/prohibido")).toHaveLength(2);
  });

  it("client_secret_post sends the credentials in the form body", async () => {
    const s = await erp({ kind: "oauth", clientId: "contaflow", clientSecret: "cs_secreto", clientAuth: "post" });
    const c = await oauthConnector(s, { oauthClientAuth: "CLIENT_SECRET_POST", oauthScope: null });
    expect((await connectorRequest(c, { method: "GET" })).status).toBe(200);
    const form = new URLSearchParams(s.tokenRequests[0]!.body);
    expect(form.get("client_secret")).toBe("cs_secreto");
    expect(s.tokenRequests[0]!.headers.authorization).toBeUndefined();
  });

  it("rejected client credentials become a clear OAUTH_TOKEN error; the API is not called", async () => {
    const s = await erp({ kind: "oauth", clientId: "contaflow", clientSecret: "cs_secreto" });
    const c = await oauthConnector(s, { secret: "equivocado", oauthScope: null });
    const error = await connectorRequest(c, { method: "GET" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorCallError);
    expect(error).toMatchObject({ errorClass: "OAUTH_TOKEN", message: expect.stringMatching(/rechazó las credenciales OAuth \(HTTP 401, invalid_client/) });
    expect(s.requests).toHaveLength(0);
  });

  it("a changed configuration never reuses the old token", async () => {
    const s = await erp({ kind: "oauth", clientId: "contaflow", clientSecret: "cs_secreto", scope: "facturas:write" });
    const c = await oauthConnector(s);
    await connectorRequest(c, { method: "GET" });
    const changed = await db().apiConnector.update({ where: { id: c.id }, data: { oauthScope: "facturas:read" } });
    // The ERP refuses that scope: what matters is that a new token was asked for.
    await expect(connectorRequest(changed, { method: "GET" })).rejects.toMatchObject({ errorClass: "OAUTH_TOKEN", message: expect.stringMatching(/invalid_scope/) });
    expect(s.tokenRequests).toHaveLength(2);
  });
});

describe("send-time guard and failures", () => {
  it("refuses loopback at connection time when it is not allow-listed (a row saved before, DNS rebinding)", async () => {
    const s = await erp();
    const c = await createConnectorRow(tenantId, { baseUrl: s.url });
    allowLoopback(false);
    const error = await connectorRequest(c, { method: "GET" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ errorClass: "SSRF_BLOCKED", retryable: false });
    expect(s.requests).toHaveLength(0);
  });

  it("times out slow answers, classifies refused connections, and names malformed JSON", async () => {
    const s = await erp();
    s.setDelay(1500);
    const c = await createConnectorRow(tenantId, { baseUrl: s.url, timeoutMs: 300 });
    await expect(connectorRequest(c, { method: "GET" })).rejects.toMatchObject({ errorClass: "TIMEOUT", retryable: true, message: expect.stringMatching(/no respondió en 0,3 s/) });
    s.setDelay(0);

    const closed = await erp();
    await closed.close();
    const gone = await createConnectorRow(tenantId, { baseUrl: closed.url });
    await expect(connectorRequest(gone, { method: "GET" })).rejects.toMatchObject({ errorClass: "CONNECTION_REFUSED", retryable: true });

    s.route("GET /roto", (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"data": [1, 2'));
    const res = await connectorRequest(c, { method: "GET", path: "/roto" });
    expect(() => responseJson(res)).toThrow(/no es JSON válido/);
  });
});

describe("export log", () => {
  it("records a call with masked headers, excerpts, status and latency; and a failed one with its error class", async () => {
    const s = await erp({ kind: "bearer", token: "tok_log_123456" });
    s.route("POST /facturas", (_req, res) => res.writeHead(201, { "content-type": "application/json" }).end('{"id":"ext-77"}'));
    const c = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "BEARER", secret: "tok_log_123456" });
    const res = await connectorRequest(c, { method: "POST", path: "/facturas", json: { numero: "0001-5" }, headers: { "Idempotency-Key": "doc_5:v1" } });
    const ok = await recordExportCall({ tenantId }, { connectorId: c.id, status: "SUCCESS", method: "POST", url: res.url, response: res, documentId: "doc_5", documentVersion: 1, idempotencyKey: "doc_5:v1", externalId: "ext-77" });
    expect(ok).toMatchObject({ httpStatus: 201, status: "SUCCESS", externalId: "ext-77", errorClass: null, responseExcerpt: '{"id":"ext-77"}' });
    expect(ok.requestExcerpt).toContain('{"numero":"0001-5"}');
    expect(ok.requestExcerpt).toMatch(/idempotency-key: doc_5:v1/i);
    expect(ok.requestExcerpt).not.toContain("tok_log_123456");

    s.setDelay(500);
    const slow = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "BEARER", secret: "tok_log_123456", timeoutMs: 100 });
    const error = await connectorRequest(slow, { method: "POST", path: "/facturas", json: {} }).catch((e: unknown) => e);
    const failed = await recordExportCall({ tenantId }, { connectorId: slow.id, status: "FAILED", method: "POST", url: `${s.url}/facturas`, error });
    expect(failed).toMatchObject({ status: "FAILED", httpStatus: null, errorClass: "TIMEOUT", errorMessage: expect.stringMatching(/no respondió/) });
    s.setDelay(0);
  });
});
