/**
 * A member limited to some clients keeps that limit through the public API, over real HTTP with
 * real tokens: an accountant limited to one client who authorizes a third-party app
 * (authorization code + PKCE through the consent form) lists and reads only that client's
 * documents — the same documents the app's own list shows them — and another client's document
 * (or one of no client) answers 404 on every read and write, exactly as another tenant's; the
 * events log (the whole organization's) answers 403. A client-credentials token acts as its
 * creator's CURRENT membership: an admin's client sees everything until the admin is demoted to an
 * accountant limited to one client; removed while limited, their clients are revoked. Uploads
 * through POST /parse work as the app's upload does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addMember, callerFor } from "../support/factories";
import { signUp } from "../support/http";
import { validCuit } from "../documents/support/review";
import { REDIRECT, documentRow, ownerWithClient, pdfBytes } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials, pkcePair, tokenCall } from "./support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;
const ALFA = validCuit("3070111222");
const BETA = validCuit("3070333444");
const NONE = validCuit("3070777888");
let limitedUser: { id: string; name: string; email: string };
let limitedMembershipId: string;
let limitedCookie: string;
let alfaClientId: string;
const docs: Record<"alfa1" | "alfa2" | "beta" | "none", { id: string; version: number }> = {} as never;

const completed = (n: number, receptorCuit: string) =>
  documentRow(ctx.tenant.id, n, {
    receptorCuit,
    proveedorCuit: "30712345678",
    total: 1000,
    tipo: "FACTURA_A",
    puntoVenta: 3,
    numero: BigInt(n),
    fecha: new Date("2026-11-02T00:00:00Z"),
    fieldMeta: { total: { source: "QR", confidence: 0.99 } },
  });

beforeAll(async () => {
  server = await startApiServer(["api/v1", "api/oauth", "api/documents"]);
  ctx = await ownerWithClient({ planId: "empresa" });
  const alfa = await ctx.admin.clients.create({ cuit: ALFA, razonSocial: "Cliente Alfa SA", condicionIva: "1" });
  await ctx.admin.clients.create({ cuit: BETA, razonSocial: "Cliente Beta SA", condicionIva: "1" });
  alfaClientId = alfa.id;
  docs.alfa1 = await completed(1, ALFA);
  docs.alfa2 = await completed(2, ALFA);
  docs.beta = await completed(3, BETA);
  docs.none = await completed(4, NONE);

  const email = `limitada-${Math.random().toString(36).slice(2, 8)}@example.com`;
  limitedCookie = await signUp(email);
  limitedUser = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, email: true } });
  limitedMembershipId = (await addMember(ctx.tenant.id, "ACCOUNTANT", limitedUser)).membership.id;
  await ctx.admin.clients.setMemberClients({ membershipId: limitedMembershipId, limited: true, clientIds: [alfaClientId] });
});
afterAll(() => server.close());

/** What a third-party app does: the member approves on the consent form, the app trades the code for tokens. */
async function userToken(cookie: string): Promise<string> {
  const { verifier, challenge } = pkcePair();
  const res = await fetch(`${server.url}/api/oauth/authorize`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin: new URL(process.env.APP_URL!).origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      response_type: "code",
      client_id: ctx.client.clientId,
      redirect_uri: REDIRECT,
      scope: "documents:read documents:write parse",
      state: "s",
      code_challenge: challenge,
      code_challenge_method: "S256",
      decision: "approve",
    }),
  });
  expect(res.status).toBe(303);
  const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
  const r = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }, { clientId: ctx.client.clientId, secret: ctx.secret });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.access_token;
}

async function listedIds(token: string): Promise<string[]> {
  const res = await api(server.url, "/api/v1/documents?limit=100", token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body!.data as { id: string }[]).map((d) => d.id).sort();
}

const json = { "content-type": "application/json" };

/** Every public-API read and write of one document; the statuses in order. */
async function everyCallOn(token: string, doc: { id: string; version: number }) {
  return {
    get: (await api(server.url, `/api/v1/documents/${doc.id}`, token)).status,
    status: (await api(server.url, `/api/v1/parse/${doc.id}`, token)).status,
    patch: (await api(server.url, `/api/v1/documents/${doc.id}`, token, { method: "PATCH", headers: { ...json, "if-match": `"${doc.version}"` }, body: JSON.stringify({ fields: { total: "1210.50" } }) })).status,
    review: (await api(server.url, `/api/v1/documents/${doc.id}/review`, token, { method: "POST", headers: json, body: '{"acknowledgeWarnings":true}' })).status,
    reprocess: (await api(server.url, `/api/v1/documents/${doc.id}/reprocess`, token, { method: "POST", headers: json })).status,
    delete: (await api(server.url, `/api/v1/documents/${doc.id}`, token, { method: "DELETE" })).status,
  };
}
const ALL_404 = { get: 404, status: 404, patch: 404, review: 404, reprocess: 404, delete: 404 };

describe("a user token of a member limited to some clients", () => {
  it("lists only that client's documents — the same ones the app's list shows the member; the owner's token lists them all", async () => {
    const token = await userToken(limitedCookie);
    const ids = await listedIds(token);
    expect(ids).toEqual([docs.alfa1.id, docs.alfa2.id].sort());
    const inApp = await callerFor(limitedUser, ctx.tenant.id).documents.list({});
    expect(inApp.total).toBe(ids.length);
    expect(inApp.items.map((d) => d.id).sort()).toEqual(ids);
    // A filter every document matches stays inside the limit too.
    const filtered = await api(server.url, "/api/v1/documents?proveedorCuit=30712345678&limit=100", token);
    expect((filtered.body!.data as { id: string }[]).map((d) => d.id).sort()).toEqual(ids);

    const ownerToken = await userToken(ctx.cookie);
    expect(await listedIds(ownerToken)).toEqual(Object.values(docs).map((d) => d.id).sort());
  });

  it("another client's document, or one of no client, is 404 on get, status, PATCH, review, reprocess and DELETE — and nothing changes", async () => {
    const token = await userToken(limitedCookie);
    for (const doc of [docs.beta, docs.none]) {
      expect(await everyCallOn(token, doc)).toEqual(ALL_404);
      const after = await db().document.findUniqueOrThrow({ where: { id: doc.id } });
      expect({ version: after.version, total: Number(after.total), status: after.status, reviewStatus: after.reviewStatus }).toEqual({ version: doc.version, total: 1000, status: "COMPLETED", reviewStatus: "NOT_READY" });
    }
    // The 404 is the same problem another tenant's id gets.
    const hidden = await api(server.url, `/api/v1/documents/${docs.beta.id}`, token);
    const foreign = await api(server.url, "/api/v1/documents/doc-de-otra-organizacion", token);
    expect({ ...hidden.body, instance: null }).toEqual({ ...foreign.body, instance: null });
  });

  it("its own client's documents are read and written as usual", async () => {
    const token = await userToken(limitedCookie);
    const got = await api(server.url, `/api/v1/documents/${docs.alfa1.id}`, token);
    expect(got.status).toBe(200);
    expect((got.body!.fields as { receptorCuit: string }).receptorCuit).toBe(ALFA);
    const patched = await api(server.url, `/api/v1/documents/${docs.alfa1.id}`, token, { method: "PATCH", headers: { ...json, "if-match": `"${docs.alfa1.version}"` }, body: JSON.stringify({ fields: { total: "1210.50" } }) });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await api(server.url, `/api/v1/parse/${docs.alfa1.id}`, token)).status).toBe(200);

    // Correcting the receptor to a client the member does not see: the write answers with what was
    // saved (as the review screen does); from then on the document is another client's, a 404.
    const moving = await completed(5, ALFA);
    const moved = await api(server.url, `/api/v1/documents/${moving.id}`, token, { method: "PATCH", headers: { ...json, "if-match": `"${moving.version}"` }, body: JSON.stringify({ fields: { receptorCuit: BETA } }) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((moved.body!.fields as { receptorCuit: string }).receptorCuit).toBe(BETA);
    expect((await api(server.url, `/api/v1/documents/${moving.id}`, token)).status).toBe(404);
    await db().document.delete({ where: { id: moving.id } });
  });

  it("the events log, the whole organization's, answers 403 saying why (es and en); the owner reads it", async () => {
    const token = await userToken(limitedCookie);
    const es = await api(server.url, "/api/v1/events", token);
    expect(es.status).toBe(403);
    expect(es.body).toMatchObject({ code: "FORBIDDEN", status: 403, detail: expect.stringContaining("solo algunos clientes") });
    const en = await api(server.url, "/api/v1/events", token, { headers: { "accept-language": "en" } });
    expect(en.body).toMatchObject({ code: "FORBIDDEN", detail: expect.stringContaining("only some of the organization's clients") });
    expect((await api(server.url, "/api/v1/events", await userToken(ctx.cookie))).status).toBe(200);
  });

  it("uploads through POST /parse as the app's upload does (the receptor is known only after parsing)", async () => {
    const token = await userToken(limitedCookie);
    const form = new FormData();
    form.append("file", new Blob([pdfBytes(`limitada-${Math.random()}`) as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), "limitada.pdf");
    const res = await api(server.url, "/api/v1/parse", token, { method: "POST", body: form });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  });

  it("the same bytes as another client's document: 409 that names no document (API and the app's upload); the owner gets the duplicate", async () => {
    const bytes = pdfBytes(`beta-dup-${Math.random()}`);
    const upload = async (url: string, headers: Record<string, string>) => {
      const form = new FormData();
      form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), "beta.pdf");
      const res = await fetch(url, { method: "POST", body: form, headers });
      return { status: res.status, text: await res.text() };
    };
    const ownerToken = await userToken(ctx.cookie);
    const first = await upload(`${server.url}/api/v1/parse`, { authorization: `Bearer ${ownerToken}` });
    expect(first.status, first.text).toBe(202);
    const id = (JSON.parse(first.text) as { id: string }).id;
    await db().document.update({ where: { id }, data: { receptorCuit: BETA } }); // what its parse would find

    const viaApi = await upload(`${server.url}/api/v1/parse`, { authorization: `Bearer ${await userToken(limitedCookie)}` });
    expect(viaApi.status, viaApi.text).toBe(409);
    expect(viaApi.text).toContain("cliente que no tenés asignado");
    expect(viaApi.text).not.toContain(id);
    const viaApp = await upload(`${server.url}/api/documents/upload`, { cookie: limitedCookie, "x-tenant-id": ctx.tenant.id });
    expect(viaApp.status, viaApp.text).toBe(409);
    expect(viaApp.text).not.toContain(id);
    expect(await db().document.count({ where: { tenantId: ctx.tenant.id, sha256: (await db().document.findUniqueOrThrow({ where: { id } })).sha256 } })).toBe(1);

    const again = await upload(`${server.url}/api/v1/parse`, { authorization: `Bearer ${ownerToken}` });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text)).toMatchObject({ id, duplicate: true });
  });

  it("lifting the limit shows every document again on the next call, with the same token", async () => {
    const token = await userToken(limitedCookie);
    await ctx.admin.clients.setMemberClients({ membershipId: limitedMembershipId, limited: false, clientIds: [] });
    try {
      expect((await listedIds(token)).length).toBeGreaterThanOrEqual(4);
      expect((await api(server.url, `/api/v1/documents/${docs.beta.id}`, token)).status).toBe(200);
    } finally {
      await ctx.admin.clients.setMemberClients({ membershipId: limitedMembershipId, limited: true, clientIds: [alfaClientId] });
    }
  });
});

describe("a client-credentials token acts as its creator's current membership", () => {
  it("an admin's client sees every client; the admin demoted to an accountant limited to one client, the same token sees only that client's documents", async () => {
    const { user, membership } = await addMember(ctx.tenant.id, "ADMIN");
    const made = await callerFor(user, ctx.tenant.id).apiClients.create({ name: `Cliente de ${user.name}`, scopes: ["documents:read", "documents:write", "parse"], redirectUris: [] });
    const token = (await clientCredentials(server.url, made.client.clientId, made.clientSecret)).access_token;
    const all = await listedIds(token);
    expect(all).toEqual(expect.arrayContaining(Object.values(docs).map((d) => d.id)));

    await ctx.admin.members.changeRole({ membershipId: membership.id, role: "ACCOUNTANT" });
    // Still an admin-free accountant without a limit: everything.
    expect(await listedIds(token)).toEqual(all);
    await ctx.admin.clients.setMemberClients({ membershipId: membership.id, limited: true, clientIds: [alfaClientId] });
    const limitedIds = await listedIds(token);
    expect(limitedIds).toEqual(expect.arrayContaining([docs.alfa1.id, docs.alfa2.id]));
    expect(limitedIds).not.toContain(docs.beta.id);
    expect(limitedIds).not.toContain(docs.none.id);
    expect(limitedIds.length).toBe((await callerFor(user, ctx.tenant.id).documents.list({})).total);
    expect(await everyCallOn(token, docs.beta)).toEqual(ALL_404);
    expect((await api(server.url, "/api/v1/events", token)).status).toBe(403);

    // Promoted back to admin: admins are never limited.
    await ctx.admin.members.changeRole({ membershipId: membership.id, role: "ADMIN" });
    expect(await listedIds(token)).toEqual(all);
  });

  it("a limited creator removed from the organization: their clients are revoked (their limit left with them), an unlimited one's keep reading", async () => {
    const { user, membership } = await addMember(ctx.tenant.id, "ADMIN");
    const made = await callerFor(user, ctx.tenant.id).apiClients.create({ name: `Cliente limitado ${user.name}`, scopes: ["documents:read"], redirectUris: [] });
    const token = (await clientCredentials(server.url, made.client.clientId, made.clientSecret)).access_token;
    await ctx.admin.members.changeRole({ membershipId: membership.id, role: "ACCOUNTANT" });
    await ctx.admin.clients.setMemberClients({ membershipId: membership.id, limited: true, clientIds: [alfaClientId] });
    expect(await listedIds(token)).not.toContain(docs.beta.id);

    const other = await addMember(ctx.tenant.id, "ADMIN");
    const kept = await callerFor(other.user, ctx.tenant.id).apiClients.create({ name: `Cliente sin límite ${other.user.name}`, scopes: ["documents:read"], redirectUris: [] });
    const keptToken = (await clientCredentials(server.url, kept.client.clientId, kept.clientSecret)).access_token;

    expect(await ctx.admin.members.remove({ id: membership.id })).toMatchObject({ revokedApiClients: 1 });
    expect(await ctx.admin.members.remove({ id: other.membership.id })).toMatchObject({ revokedApiClients: 0 });
    // Before: the removed creator's client read as VIEWER with no client limit — every client's documents.
    const after = await api(server.url, "/api/v1/documents?limit=100", token);
    expect(after.status, JSON.stringify(after.body)).toBe(401);
    expect((await api(server.url, `/api/v1/documents/${docs.beta.id}`, token)).status).toBe(401);
    expect(await db().apiClient.findUniqueOrThrow({ where: { id: made.client.id } })).toMatchObject({ revokedAt: expect.any(Date) });
    const fresh = await tokenCall(server.url, { grant_type: "client_credentials" }, { clientId: made.client.clientId, secret: made.clientSecret });
    expect(fresh.status).toBe(401);

    expect(await listedIds(keptToken)).toEqual(expect.arrayContaining([docs.beta.id]));
    expect(await db().apiClient.findUniqueOrThrow({ where: { id: kept.client.id } })).toMatchObject({ revokedAt: null });
  });
});
