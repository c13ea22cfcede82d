/**
 * /api/v1/webhooks over real HTTP: the same domain functions as the Webhooks screen — SSRF guard
 * on the URL, secret shown only on create/rotate, rotation grace rules, admin-only, scoped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { addMember, callerFor } from "../support/factories";
import { ownerWithClient } from "./support/fixtures";
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

const call = (path: string, method: string, body?: unknown, t = token) =>
  api(server.url, path, t, { method, headers: { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe("/api/v1/webhooks", () => {
  it("creates, lists, edits, rotates and deletes with the UI's rules", async () => {
    const ssrf = await call("/api/v1/webhooks", "POST", { url: "http://127.0.0.1:9/hook", eventTypes: ["document.updated"] });
    expect(ssrf.status, JSON.stringify(ssrf.body)).toBe(400);
    expect(await db().webhookEndpoint.count({ where: { tenantId: ctx.tenant.id } })).toBe(0);

    const created = await call("/api/v1/webhooks", "POST", { url: "https://93.184.215.14/hook", eventTypes: ["document.updated"] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { endpoint, secret } = created.body as { endpoint: { id: string; secretHint: string }; secret: string };
    expect(secret).toEqual(expect.any(String));
    expect(created.headers.get("location")).toBe(new URL(`/api/v1/webhooks/${endpoint.id}`, env().APP_URL).toString());

    const listed = (await call("/api/v1/webhooks", "GET")).body as { data: Record<string, unknown>[] };
    expect(listed.data.map((e) => e.id)).toEqual([endpoint.id]);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const edited = await call(`/api/v1/webhooks/${endpoint.id}`, "PATCH", { url: "https://93.184.215.14/otro", eventTypes: ["document.processed"] });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ url: "https://93.184.215.14/otro", eventTypes: ["document.processed"] });

    const refused = await call(`/api/v1/webhooks/${endpoint.id}/rotate`, "POST", { graceHours: 0, contractHeaders: "keep-previous" });
    expect(refused.status).toBe(400);
    const rotated = await call(`/api/v1/webhooks/${endpoint.id}/rotate`, "POST", { graceHours: 24, contractHeaders: "keep-previous" });
    expect(rotated.status).toBe(200);
    expect((rotated.body as { secret: string }).secret).not.toBe(secret);

    expect((await call(`/api/v1/webhooks/${endpoint.id}`, "DELETE")).status).toBe(200);
    expect((await call(`/api/v1/webhooks/${endpoint.id}`, "GET")).status).toBe(404);
  });

  it("a client-credentials token acts as the client's creator: once that admin is demoted, no webhook management", async () => {
    const { user: adminUser, membership } = await addMember(ctx.tenant.id, "ADMIN");
    const made = await callerFor(adminUser, ctx.tenant.id).apiClients.create({ name: "Hecho por un admin", scopes: ["webhooks:manage"], redirectUris: [] });
    const t = (await clientCredentials(server.url, made.client.clientId, made.clientSecret)).access_token;
    expect((await call("/api/v1/webhooks", "GET", undefined, t)).status).toBe(200);

    await ctx.admin.members.changeRole({ membershipId: membership.id, role: "ACCOUNTANT" });
    const refused = await call("/api/v1/webhooks", "GET", undefined, t);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "FORBIDDEN", detail: expect.stringContaining("ya no es administrador") });
    expect((await call("/api/v1/webhooks", "POST", { url: "https://93.184.215.14/hook", eventTypes: ["document.updated"] }, t)).status).toBe(403);

    // Promoted again, the same client works again; a creator who left the organization counts as not an admin.
    await ctx.admin.members.changeRole({ membershipId: membership.id, role: "ADMIN" });
    expect((await call("/api/v1/webhooks", "GET", undefined, t)).status).toBe(200);
    await db().membership.delete({ where: { id: membership.id } });
    expect((await call("/api/v1/webhooks", "GET", undefined, t)).status).toBe(403);
  });

  it("needs webhooks:manage", async () => {
    const reader = await ownerWithClient({ scopes: ["documents:read"] });
    const t = (await clientCredentials(server.url, reader.client.clientId, reader.secret)).access_token;
    expect((await call("/api/v1/webhooks", "GET", undefined, t)).status).toBe(403);
  });
});
