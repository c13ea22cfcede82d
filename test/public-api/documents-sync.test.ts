/**
 * Incremental sync on GET /api/v1/documents: updatedSince walks changes oldest first by
 * (updatedAt, id) — ties broken by id — and the last cursor finds later changes; exportState
 * filter and field; version and corrections exposed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { SYNC_SETTLE_MS } from "@/server/public-api/documents";
import { documentRow, ownerWithClient } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

type Listed = { data: { id: string; version: number; exportState: string; corrections: number; updatedAt: string }[]; nextCursor: string | null };

let server: Awaited<ReturnType<typeof startApiServer>>;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;
let token: string;

beforeAll(async () => {
  server = await startApiServer();
  ctx = await ownerWithClient({ planId: "empresa" });
  token = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret)).access_token;
});
afterAll(() => server.close());

const list = async (q: string) => (await api(server.url, `/api/v1/documents?${q}`, token)).body as Listed;
const settle = () => new Promise((r) => setTimeout(r, SYNC_SETTLE_MS + 200));

describe("incremental sync", () => {
  it("pages changes by (updatedAt, id) with ties broken by id, and the last cursor finds later changes", async () => {
    const t0 = new Date(Date.now() - 60_000);
    const same = new Date(Date.now() - 30_000);
    const a = await documentRow(ctx.tenant.id, 1);
    const b = await documentRow(ctx.tenant.id, 2);
    const c = await documentRow(ctx.tenant.id, 3);
    await db().document.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { updatedAt: same } });
    await db().document.update({ where: { id: c.id }, data: { updatedAt: new Date(Date.now() - 20_000) } });
    const tied = [a.id, b.id].sort();

    const since = `updatedSince=${encodeURIComponent(t0.toISOString())}`;
    const p1 = await list(`${since}&limit=1`);
    const p2 = await list(`${since}&limit=1&cursor=${p1.nextCursor}`);
    const p3 = await list(`${since}&limit=1&cursor=${p2.nextCursor}`);
    expect([...p1.data, ...p2.data, ...p3.data].map((d) => d.id)).toEqual([...tied, c.id]);
    const caughtUp = await list(`${since}&cursor=${p3.nextCursor}`);
    expect(caughtUp).toEqual({ data: [], nextCursor: p3.nextCursor });

    // A correction later: the saved cursor returns exactly that document, with its new version.
    const r = await api(server.url, `/api/v1/documents/${a.id}`, token, { method: "PATCH", headers: { "content-type": "application/json", "if-match": `"${a.version}"` }, body: JSON.stringify({ fields: { total: "99.00" } }) });
    expect(r.status).toBe(200);
    expect((await list(`${since}&cursor=${p3.nextCursor}`)).data).toEqual([]); // not settled yet
    await settle();
    const later = await list(`${since}&cursor=${p3.nextCursor}`);
    expect(later.data.map((d) => ({ id: d.id, version: d.version, corrections: d.corrections }))).toEqual([{ id: a.id, version: a.version + 1, corrections: 1 }]);

    // A cursor of the other ordering is refused.
    const normal = await list("limit=1");
    expect((await api(server.url, `/api/v1/documents?${since}&cursor=${normal.nextCursor}`, token)).status).toBe(400);
  }, 60_000);

  it("filters and shows the export state", async () => {
    const never = await documentRow(ctx.tenant.id, 10);
    const current = await documentRow(ctx.tenant.id, 11, { lastExportedAt: new Date(), exportedVersion: 1, version: 1 });
    const outdated = await documentRow(ctx.tenant.id, 12, { lastExportedAt: new Date(), exportedVersion: 1, version: 2 });
    const ids = (l: Listed) => l.data.map((d) => d.id);
    expect(ids(await list("exportState=EXPORTED&limit=100"))).toEqual([current.id]);
    expect(ids(await list("exportState=OUTDATED&limit=100"))).toEqual([outdated.id]);
    expect(ids(await list("exportState=NOT_EXPORTED&limit=100"))).toContain(never.id);
    expect(ids(await list("exportState=NOT_EXPORTED&limit=100"))).not.toContain(current.id);
    const got = (await api(server.url, `/api/v1/documents/${outdated.id}`, token)).body as Listed["data"][number];
    expect(got).toMatchObject({ exportState: "OUTDATED", version: 2, corrections: 0 });
    expect((await api(server.url, "/api/v1/documents?exportState=SI", token)).status).toBe(400);
  });
});
