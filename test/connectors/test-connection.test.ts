/** "Probar conexión" through the tRPC procedure against a real ERP on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { callerFor, createConnectorRow, createTenantWith, createUser } from "../support/factories";
import { startErp, type ErpServer } from "./support/erp-server";
import { allowLoopback, allowLoopbackInEachTest } from "../support/loopback";

let admin: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;
const servers: ErpServer[] = [];

async function erp(...args: Parameters<typeof startErp>) {
  const s = await startErp(...args);
  servers.push(s);
  return s;
}
const probe = (id: string) => callerFor(admin, tenantId).connectors.testConnection({ id });

beforeAll(async () => {
  admin = await createUser();
  tenantId = (await createTenantWith(admin)).id;
});
allowLoopbackInEachTest();
afterAll(() => Promise.all(servers.map((s) => s.close())));

describe("probar conexión", () => {
  it("succeeds with the connector's auth on its health path, and records the result", async () => {
    const s = await erp({ kind: "bearer", token: "tok_ok" });
    const c = await createConnectorRow(tenantId, { baseUrl: `${s.url}/api/v2`, healthPath: "/salud", authType: "BEARER", secret: "tok_ok" });
    const result = await probe(c.id);
    expect(result).toMatchObject({ ok: true, status: 200, errorClass: null, message: expect.stringMatching(/^Conexión correcta: HTTP 200 en \d+ ms\.$/) });
    expect(s.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v2/salud" });
    const listed = (await callerFor(admin, tenantId).connectors.list()).find((x) => x.id === c.id)!;
    expect(listed.lastTest).toMatchObject({ ok: true, status: 200, message: result.message });
    expect(listed.lastTest!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("401/403 say the credentials are wrong", async () => {
    const s = await erp({ kind: "apiKey", header: "X-API-Key", key: "buena" });
    const c = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "API_KEY", apiKeyHeader: "X-API-Key", secret: "mala" });
    expect(await probe(c.id)).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/rechazó las credenciales \(HTTP 401\)/) });
    expect(await db().apiConnector.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ lastTestOk: false, lastTestStatus: 401 });
  });

  it("OAuth: a bad client secret is reported from the token endpoint", async () => {
    const s = await erp({ kind: "oauth", clientId: "cf", clientSecret: "bien" });
    const c = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "OAUTH2_CLIENT_CREDENTIALS", oauthTokenUrl: `${s.url}/oauth/token`, oauthClientId: "cf", secret: "mal" });
    expect(await probe(c.id)).toMatchObject({ ok: false, errorClass: "OAUTH_TOKEN", message: expect.stringMatching(/servidor de tokens rechazó las credenciales OAuth/) });
    const good = await createConnectorRow(tenantId, { baseUrl: s.url, authType: "OAUTH2_CLIENT_CREDENTIALS", oauthTokenUrl: `${s.url}/oauth/token`, oauthClientId: "cf", secret: "bien" });
    expect(await probe(good.id)).toMatchObject({ ok: true, status: 200 });
  });

  it("429 with a short Retry-After is waited out once; a long one is reported with the wait", async () => {
    const s = await erp();
    const c = await createConnectorRow(tenantId, { baseUrl: s.url });
    s.throttle(1, "1");
    const started = Date.now();
    const waited = await probe(c.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(waited).toMatchObject({ ok: true, status: 200, message: expect.stringMatching(/respondió 429 y esperamos 1,0 s/) });
    expect(s.requests.slice(-2).map((r) => r.at)).toHaveLength(2);

    s.throttle(1, "120");
    expect(await probe(c.id)).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/bajar el ritmo.*Pidió esperar 120 s/) });

    s.throttle(2, "1");
    expect(await probe(c.id)).toMatchObject({ ok: false, status: 429 });
  });

  it("a slow server: slow success is flagged, past the timeout it is a timeout", async () => {
    const s = await erp();
    s.setDelay(3100);
    const slow = await createConnectorRow(tenantId, { baseUrl: s.url, timeoutMs: 10_000 });
    expect(await probe(slow.id)).toMatchObject({ ok: true, message: expect.stringMatching(/respuesta fue lenta/) });
    const short = await createConnectorRow(tenantId, { baseUrl: s.url, timeoutMs: 1000 });
    const result = await probe(short.id);
    expect(result).toMatchObject({ ok: false, status: null, errorClass: "TIMEOUT", message: expect.stringMatching(/no respondió en 1 s/) });
    expect(result.latencyMs).toBeGreaterThanOrEqual(950);
  });

  it("refused connections, unknown hosts, 404, 5xx and redirects each get their reason", async () => {
    const closed = await erp();
    await closed.close();
    const refused = await createConnectorRow(tenantId, { baseUrl: closed.url });
    expect(await probe(refused.id)).toMatchObject({ ok: false, errorClass: "CONNECTION_REFUSED", message: expect.stringMatching(/rechazó la conexión/) });

    const dns = await createConnectorRow(tenantId, { baseUrl: "http://erp.no-existe.invalid/api" });
    expect(await probe(dns.id)).toMatchObject({ ok: false, errorClass: "DNS", message: expect.stringMatching(/No pudimos resolver el nombre erp\.no-existe\.invalid/) });

    const s = await erp();
    s.route("GET /no", (_q, res) => res.writeHead(404).end());
    s.route("GET /falla", (_q, res) => res.writeHead(503).end());
    s.route("GET /movido", (_q, res) => res.writeHead(301, { location: "https://erp.example.com/nuevo" }).end());
    const at = async (healthPath: string) => probe((await createConnectorRow(tenantId, { baseUrl: s.url, healthPath })).id);
    expect(await at("/no")).toMatchObject({ ok: false, status: 404, message: expect.stringMatching(/ruta de prueba no existe/) });
    expect(await at("/falla")).toMatchObject({ ok: false, status: 503, message: expect.stringMatching(/error interno \(HTTP 503\)/) });
    expect(await at("/movido")).toMatchObject({ ok: false, status: 301, message: expect.stringMatching(/redirige \(HTTP 301\) a https:\/\/erp\.example\.com\/nuevo/) });
  });

  it("a base URL that is not allowed is refused at send time with the SSRF reason", async () => {
    allowLoopback(false);
    const c = await createConnectorRow(tenantId, { baseUrl: "http://169.254.169.254/latest/meta-data" });
    expect(await probe(c.id)).toMatchObject({ ok: false, errorClass: "SSRF_BLOCKED", message: expect.stringMatching(/no se conecta a redes privadas/) });
  });
});
