/**
 * The /api/v1 endpoints over real HTTP with real tokens: parse upload and status, documents with
 * cursor pagination and filters, one error shape (RFC 9457), scopes, and the rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createTenantWith, createUser } from "../support/factories";
import { documentRow, ownerWithClient, pdfBytes } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;
let token: string;

beforeAll(async () => {
  server = await startApiServer();
  ctx = await ownerWithClient({ planId: "empresa" });
  token = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret)).access_token;
});
afterAll(() => server.close());

function upload(bytes: Uint8Array, name = "factura.pdf", type = "application/pdf", t = token) {
  const form = new FormData();
  form.append("file", new Blob([bytes as BlobPart], { type }), name);
  return api(server.url, "/api/v1/parse", t, { method: "POST", body: form });
}

function expectProblem(r: { status: number; headers: Headers; body: Record<string, unknown> | null }, status: number, code: string) {
  expect(r.status).toBe(status);
  expect(r.headers.get("content-type")).toBe("application/problem+json");
  expect(r.body).toMatchObject({ status, code, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
}

describe("POST /api/v1/parse and GET /api/v1/parse/{id}", () => {
  it("accepts a PDF with 202 and a status URL; the status shows fields once COMPLETED", async () => {
    const r = await upload(pdfBytes("uno"));
    expect(r.status).toBe(202);
    const body = r.body as { id: string; status: string; duplicate: boolean; statusUrl: string; documentUrl: string };
    expect(body).toMatchObject({ status: "PENDING", duplicate: false, statusUrl: `${process.env.APP_URL}/api/v1/parse/${body.id}` });
    expect(r.headers.get("location")).toBe(body.statusUrl);
    expect(r.headers.get("ratelimit-limit")).toBe("1200");

    const pending = await api(server.url, new URL(body.statusUrl).pathname, token);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ id: body.id, status: "PENDING", done: false, fields: null });
    expect(pending.headers.get("retry-after")).toBe("2");

    // What the parse function writes when it finishes.
    await db().document.update({
      where: { id: body.id },
      data: { status: "COMPLETED", processedAt: new Date(), proveedorCuit: "30712345678", total: 1210.5, tipo: "FACTURA_A", puntoVenta: 3, numero: 42n, fecha: new Date("2026-11-02T00:00:00Z"), fieldMeta: { total: { source: "QR", confidence: 0.99 } } },
    });
    const done = await api(server.url, `/api/v1/parse/${body.id}`, token);
    expect(done.body).toMatchObject({ status: "COMPLETED", done: true, fields: { proveedorCuit: "30712345678", total: "1210.50", tipo: "FACTURA_A", numero: 42, fecha: "2026-11-02" }, fieldMeta: { total: { source: "QR" } } });

    const again = await upload(pdfBytes("uno"), "copia.pdf");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: body.id, duplicate: true, status: "COMPLETED" });
  });

  it("malformed uploads are 400 problem details with the field", async () => {
    const notPdf = await upload(new TextEncoder().encode("<html>hola</html>"), "x.pdf");
    expectProblem(notPdf, 400, "BAD_REQUEST");
    expect((notPdf.body!.errors as Record<string, string[]>).file![0]).toMatch(/no es un PDF/);
    const noFile = await api(server.url, "/api/v1/parse", token, { method: "POST", body: new FormData() });
    expectProblem(noFile, 400, "BAD_REQUEST");
    const json = await api(server.url, "/api/v1/parse", token, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expectProblem(json, 400, "BAD_REQUEST");
    expect(json.body!.errors).toHaveProperty("file");
  });

  it("an unknown or other tenant's id is 404", async () => {
    const stranger = await createUser();
    const theirs = await documentRow((await createTenantWith(stranger)).id, 1);
    expectProblem(await api(server.url, `/api/v1/parse/${theirs.id}`, token), 404, "NOT_FOUND");
    expectProblem(await api(server.url, `/api/v1/documents/${theirs.id}`, token), 404, "NOT_FOUND");
    expectProblem(await api(server.url, "/api/v1/documents/nope", token), 404, "NOT_FOUND");
  });
});

describe("GET /api/v1/documents", () => {
  it("pages with a cursor through every document once, newest first, and filters", async () => {
    const own = await ownerWithClient({ planId: "empresa" });
    const t = (await clientCredentials(server.url, own.client.clientId, own.secret, "documents:read")).access_token;
    const base = Date.UTC(2026, 10, 1);
    const rows = [];
    for (let i = 0; i < 7; i++) {
      rows.push(await documentRow(own.tenant.id, i, { createdAt: new Date(base + (i % 3) * 1000), status: i % 2 ? "FAILED" : "COMPLETED", proveedorCuit: i < 3 ? "30712345678" : "20123456786", fecha: new Date(Date.UTC(2026, 9, 1 + i)) }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await api(server.url, `/api/v1/documents?limit=3${cursor ? `&cursor=${cursor}` : ""}`, t);
      expect(r.status).toBe(200);
      const body = r.body as { data: { id: string; createdAt: string }[]; nextCursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(3);
      seen.push(...body.data.map((d) => d.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const expected = [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    expect(seen).toEqual(expected);

    const failed = await api(server.url, "/api/v1/documents?status=FAILED", t);
    expect((failed.body!.data as { status: string }[]).map((d) => d.status)).toEqual(["FAILED", "FAILED", "FAILED"]);
    const byCuit = await api(server.url, "/api/v1/documents?proveedorCuit=30712345678&fechaDesde=2026-10-02", t);
    // Filters match the stored values; a FAILED document shows no fields (nothing was read), so compare ids.
    expect((byCuit.body!.data as { id: string }[]).map((d) => d.id).sort()).toEqual([rows[1]!.id, rows[2]!.id].sort());

    const one = await api(server.url, `/api/v1/documents/${rows[0]!.id}`, t);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: rows[0]!.id, status: "COMPLETED", fileName: "f0.pdf", fields: { proveedorCuit: "30712345678" } });
  });

  it("malformed queries are 400 problem details naming the parameter", async () => {
    const bad = await api(server.url, "/api/v1/documents?limit=abc", token);
    expectProblem(bad, 400, "VALIDATION");
    expect(bad.body!.errors).toEqual({ limit: ["Debe ser un número entero"] });
    expectProblem(await api(server.url, "/api/v1/documents?limit=500", token), 400, "VALIDATION");
    expectProblem(await api(server.url, "/api/v1/documents?fechaDesde=2026-13-45", token), 400, "VALIDATION");
    expectProblem(await api(server.url, "/api/v1/documents?cursor=basura", token), 400, "BAD_REQUEST");
    const unknown = await api(server.url, "/api/v1/documents?pagina=2&status=LISTO", token);
    expectProblem(unknown, 400, "VALIDATION");
    expect(unknown.body!.errors).toEqual({ pagina: ["Parámetro desconocido"], status: ["Usá PENDING, PROCESSING, COMPLETED o FAILED"] });
  });
});

describe("authentication and scopes", () => {
  it("no token / a bad token → 401 with WWW-Authenticate", async () => {
    const none = await api(server.url, "/api/v1/documents", null);
    expectProblem(none, 401, "UNAUTHORIZED");
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="contaflow"');
    const bad = await api(server.url, "/api/v1/documents", "cfat_inventado");
    expectProblem(bad, 401, "INVALID_TOKEN");
  });

  it("a token without the scope → 403 insufficient_scope", async () => {
    const readOnly = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret, "documents:read")).access_token;
    const r = await upload(pdfBytes("dos"), "f.pdf", "application/pdf", readOnly);
    expectProblem(r, 403, "INSUFFICIENT_SCOPE");
    expect(r.headers.get("www-authenticate")).toContain('error="insufficient_scope", scope="parse"');
    const parseOnly = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret, "parse")).access_token;
    expectProblem(await api(server.url, "/api/v1/documents", parseOnly), 403, "INSUFFICIENT_SCOPE");
    // Narrowing the client's scopes narrows live tokens at once.
    await ctx.admin.apiClients.update({ id: ctx.client.id, name: "Integración ERP", scopes: ["parse"], redirectUris: [] });
    expectProblem(await api(server.url, "/api/v1/documents", token), 403, "INSUFFICIENT_SCOPE");
    await ctx.admin.apiClients.update({ id: ctx.client.id, name: "Integración ERP", scopes: ["documents:read", "documents:write", "parse", "webhooks:manage"], redirectUris: [] });
    expect((await api(server.url, "/api/v1/documents", token)).status).toBe(200);
  });
});

describe("rate limit (per client, from the plan)", () => {
  async function limitedClient(limit: number) {
    const planId = `api-prueba-${limit}-${Math.random().toString(36).slice(2, 6)}`;
    await db().plan.create({ data: { id: planId, name: "Prueba API", apiCallsPerMinute: limit } });
    const own = await ownerWithClient({ planId });
    return { own, token: (await clientCredentials(server.url, own.client.clientId, own.secret)).access_token };
  }

  /** The window is one clock minute: start a test with enough of it left. */
  async function freshWindow() {
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 8_000) await new Promise((r) => setTimeout(r, left + 50));
  }

  it("counts down RateLimit-Remaining, then 429 with Retry-After; other clients are unaffected", async () => {
    const { own, token: t } = await limitedClient(3);
    await freshWindow();
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const r = await api(server.url, "/api/v1/documents", t);
      expect(r.status).toBe(200);
      expect(r.headers.get("ratelimit-limit")).toBe("3");
      expect(r.headers.get("ratelimit-policy")).toBe("3;w=60");
      remaining.push(r.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api(server.url, "/api/v1/documents", t);
    expectProblem(limited, 429, "RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(limited.headers.get("ratelimit-reset")).toBe(String(retryAfter));
    expect((await api(server.url, "/api/v1/documents", token)).status).toBe(200);

    const usage = await own.admin.apiClients.usage({ id: own.client.id, days: 7 });
    expect(usage).toHaveLength(7);
    expect(usage.at(-1)).toMatchObject({ calls: 4, limited: 1 });
  });

  it("is exact under a concurrent burst (one atomic counter in the database)", async () => {
    const { token: t } = await limitedClient(5);
    await freshWindow();
    const results = await Promise.all(Array.from({ length: 20 }, () => api(server.url, "/api/v1/documents", t)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });
});
