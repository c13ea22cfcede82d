/**
 * The write side of /api/v1 over real HTTP with real tokens: PATCH corrections with optimistic
 * concurrency (If-Match → 412 stale, 428 missing, 200 + ETag + document.updated in the outbox),
 * review with the UI's rules, reprocess, delete, the documents:write scope, and Idempotency-Key
 * (same key + same body → the stored answer, different body → 422). Responses are validated
 * against the served OpenAPI document with ajv.
 */
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { documentRow, ownerWithClient } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

type Doc = { components: { schemas: Record<string, unknown> } };

let server: Awaited<ReturnType<typeof startApiServer>>;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;
let token: string;
let validateAs: (name: string, value: unknown) => void;

beforeAll(async () => {
  server = await startApiServer();
  ctx = await ownerWithClient({ planId: "empresa" });
  token = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret)).access_token;
  const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: "openapi", components: openapi.components });
  validateAs = (name, value) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  };
});
afterAll(() => server.close());

const completed = (n: number) =>
  documentRow(ctx.tenant.id, n, { proveedorCuit: "30712345678", total: 1000, tipo: "FACTURA_A", puntoVenta: 3, numero: BigInt(n), fecha: new Date("2026-11-02T00:00:00Z"), fieldMeta: { total: { source: "QR", confidence: 0.99 } } });

function patch(id: string, body: unknown, headers: Record<string, string> = {}, t = token) {
  return api(server.url, `/api/v1/documents/${id}`, t, { method: "PATCH", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

describe("PATCH /api/v1/documents/{id}", () => {
  it("needs If-Match (428), refuses a stale version (412) and applies the current one (200, ETag, document.updated)", async () => {
    const doc = await completed(1);
    const got = await api(server.url, `/api/v1/documents/${doc.id}`, token);
    expect(got.headers.get("etag")).toBe(`"${doc.version}"`);
    validateAs("Document", got.body);

    const missing = await patch(doc.id, { fields: { total: "1210.50" } });
    expect(missing.status).toBe(428);
    expect(missing.body).toMatchObject({ code: "PRECONDITION_REQUIRED", status: 428 });
    validateAs("Problem", missing.body);

    const stale = await patch(doc.id, { fields: { total: "1210.50" } }, { "if-match": `"${doc.version + 5}"` });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(stale.headers.get("etag")).toBe(`"${doc.version}"`);
    validateAs("Problem", stale.body);
    // In English when asked (Accept-Language), with the specific detail, not the generic one.
    const staleEn = await patch(doc.id, { fields: { total: "1210.50" } }, { "if-match": `"${doc.version + 5}"`, "accept-language": "en" });
    expect(staleEn.body).toMatchObject({ title: "Precondition failed", detail: expect.stringContaining(`it is at version ${doc.version}`) });
    const missingEn = await patch(doc.id, { fields: { total: "1210.50" } }, { "accept-language": "en-US" });
    expect(missingEn.body).toMatchObject({ status: 428, title: "Precondition required", detail: expect.stringContaining("Send If-Match") });
    expect((await db().document.findUniqueOrThrow({ where: { id: doc.id } })).total?.toString()).toBe("1000");

    const ok = await patch(doc.id, { fields: { total: "1210.50" } }, { "if-match": got.headers.get("etag")! });
    expect(ok.status).toBe(200);
    validateAs("Document", ok.body);
    expect(ok.body).toMatchObject({ version: doc.version + 1, fields: { total: "1210.50" }, fieldMeta: { total: { source: "USER", confidence: 1 } } });
    expect(ok.headers.get("etag")).toBe(`"${doc.version + 1}"`);

    const events = await db().domainEvent.findMany({ where: { tenantId: ctx.tenant.id, type: "document.updated" } });
    const body = events.map((e) => JSON.parse(e.body) as Record<string, unknown>).find((e) => e.documentoId === doc.id);
    expect(body).toMatchObject({ type: "document.updated", version: 2, documentVersion: doc.version + 1, camposCorregidos: ["total"], total: 1210.5 });
    validateAs("DocumentUpdatedEvent", body);
    // The event's document is the API's answer (one representation); the seed-style total stays a number.
    expect(body!.document).toEqual(ok.body);

    // The old ETag is now stale.
    expect((await patch(doc.id, { fields: { total: "5.00" } }, { "if-match": got.headers.get("etag")! })).status).toBe(412);
  });

  it("needs documents:write and validates the body", async () => {
    const doc = await completed(2);
    const reader = await ownerWithClient({ scopes: ["documents:read"] });
    const readToken = (await clientCredentials(server.url, reader.client.clientId, reader.secret)).access_token;
    const mine = await documentRow(reader.tenant.id, 1);
    expect((await patch(mine.id, { fields: { total: "1.00" } }, { "if-match": `"${mine.version}"` }, readToken)).status).toBe(403);
    // Another tenant's document does not exist for this client.
    expect((await patch(mine.id, { fields: { total: "1.00" } }, { "if-match": `"${mine.version}"` })).status).toBe(404);
    const bad = await patch(doc.id, { fields: {} }, { "if-match": `"${doc.version}"` });
    expect(bad.status).toBe(400);
    validateAs("Problem", bad.body);
    // Amounts follow the API's convention: a decimal string, not a JSON number (clear message on the field).
    const float = await patch(doc.id, { fields: { total: 1210.5 } }, { "if-match": `"${doc.version}"` });
    expect(float.status).toBe(400);
    expect(float.body).toMatchObject({ code: "VALIDATION", errors: { "fields.total": [expect.stringContaining("texto decimal")] } });
    const cents = await patch(doc.id, { fields: { total: "1210.505" } }, { "if-match": `"${doc.version}"` });
    expect(cents.status).toBe(400);
  });
});

describe("POST review / reprocess, DELETE", () => {
  it("review follows the UI's rules: open errors block with 409", async () => {
    const doc = await documentRow(ctx.tenant.id, 30, { total: null });
    const r = await api(server.url, `/api/v1/documents/${doc.id}/review`, token, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(r.status).toBe(409);
    expect(String(r.body?.detail)).toMatch(/No se puede marcar como revisado/);
    expect((await db().document.findUniqueOrThrow({ where: { id: doc.id } })).reviewStatus).not.toBe("REVIEWED");
  });

  it("reprocess queues the document (202, PENDING); delete removes it", async () => {
    const doc = await completed(40);
    const r = await api(server.url, `/api/v1/documents/${doc.id}/reprocess`, token, { method: "POST" });
    expect(r.status).toBe(202);
    expect(r.headers.get("location")).toBe(new URL(`/api/v1/parse/${doc.id}`, env().APP_URL).toString());
    expect(r.body).toMatchObject({ id: doc.id, status: "PENDING" });
    validateAs("Document", r.body);

    const del = await api(server.url, `/api/v1/documents/${doc.id}`, token, { method: "DELETE" });
    expect(del.status).toBe(200);
    validateAs("DocumentDeleted", del.body);
    expect(await db().document.findUnique({ where: { id: doc.id } })).toBeNull();
    expect((await api(server.url, `/api/v1/documents/${doc.id}`, token)).status).toBe(404);
  });
});

describe("Idempotency-Key", () => {
  it("replays the stored answer for the same request and refuses the same key with another body (422)", async () => {
    const doc = await completed(50);
    const key = `k-${Math.random().toString(36).slice(2)}`;
    const post = (id: string) => api(server.url, `/api/v1/documents/${id}/reprocess`, token, { method: "POST", headers: { "idempotency-key": key } });

    const first = await post(doc.id);
    expect(first.status).toBe(202);
    // Finish the "parse" so a second real reprocess would answer differently (the row changes).
    await db().document.update({ where: { id: doc.id }, data: { status: "COMPLETED", updatedAt: new Date(Date.now() - 120_000) } });

    const again = await post(doc.id);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect((await db().document.findUniqueOrThrow({ where: { id: doc.id } })).status).toBe("COMPLETED");

    const other = await completed(51);
    const mismatch = await post(other.id);
    expect(mismatch.status).toBe(422);
    validateAs("Problem", mismatch.body);
    expect((await db().document.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("COMPLETED");

    const stored = await db().apiIdempotencyKey.findMany({ where: { key } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
  });

  it("keys are per client: another client's same key runs its own request", async () => {
    const other = await ownerWithClient({ planId: "empresa" });
    const otherToken = (await clientCredentials(server.url, other.client.clientId, other.secret)).access_token;
    const key = `shared-${Math.random().toString(36).slice(2)}`;
    const mine = await completed(60);
    const theirs = await documentRow(other.tenant.id, 1);
    expect((await api(server.url, `/api/v1/documents/${mine.id}/reprocess`, token, { method: "POST", headers: { "idempotency-key": key } })).status).toBe(202);
    const r = await api(server.url, `/api/v1/documents/${theirs.id}/reprocess`, otherToken, { method: "POST", headers: { "idempotency-key": key } });
    expect(r.status).toBe(202);
    expect(r.headers.get("idempotent-replayed")).toBeNull();
    expect(r.body).toMatchObject({ id: theirs.id });
  });
});
