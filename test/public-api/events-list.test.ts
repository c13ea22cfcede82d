/**
 * GET /api/v1/events: what a real webhook receiver got is what the events list returns (same
 * ids, same payloads), after a cursor, scoped to the client's tenant, needing a read scope.
 */
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvent } from "@/server/webhooks/delivery/fan-out";
import { EVENTS_SETTLE_MS } from "@/server/public-api/events";
import { startReceiver, type Receiver } from "../webhooks/support/receiver";
import { documentRow, ownerWithClient } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

type EventList = { data: { id: string; type: string; occurredAt: string; payload: Record<string, unknown> }[]; nextCursor: string | null };

let server: Awaited<ReturnType<typeof startApiServer>>;
let receiver: Receiver;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;
let token: string;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  server = await startApiServer();
  receiver = await startReceiver();
  ctx = await ownerWithClient({ planId: "empresa" });
  token = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret)).access_token;
});
afterAll(async () => {
  await receiver.close();
  await server.close();
});

describe("GET /api/v1/events", () => {
  it("returns exactly what the webhook receiver got, after the cursor, only for this tenant", async () => {
    await ctx.admin.webhooks.create({ url: receiver.url, eventTypes: ["document.updated"] });
    const before = (await api(server.url, "/api/v1/events", token)).body as EventList;
    expect(before.data).toEqual([]);

    const other = await ownerWithClient({ planId: "empresa" });
    const theirDoc = await documentRow(other.tenant.id, 1, { total: 5 });
    const theirToken = (await clientCredentials(server.url, other.client.clientId, other.secret)).access_token;
    const fix = (id: string, version: number, t: string, total: number) =>
      api(server.url, `/api/v1/documents/${id}`, t, { method: "PATCH", headers: { "content-type": "application/json", "if-match": `"${version}"` }, body: JSON.stringify({ fields: { total: total.toFixed(2) } }) });

    const doc = await documentRow(ctx.tenant.id, 1, { total: 1000 });
    expect((await fix(doc.id, doc.version, token, 1100)).status).toBe(200);
    expect((await fix(doc.id, doc.version + 1, token, 1200)).status).toBe(200);
    expect((await fix(theirDoc.id, theirDoc.version, theirToken, 6)).status).toBe(200);

    // Deliver the outbox events to the real receiver, as the fan-out function does.
    const outbox = await db().domainEvent.findMany({ where: { tenantId: ctx.tenant.id }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
    for (const e of outbox) for (const d of await fanOutDomainEvent(e.id)) expect(await attemptDelivery(d.deliveryId, 1)).toEqual({ action: "delivered" });
    const received = receiver.requests.map((r) => ({ id: r.headers["webhook-id"], payload: JSON.parse(r.body.toString("utf8")) as unknown }));
    expect(received).toHaveLength(2);

    await new Promise((r) => setTimeout(r, EVENTS_SETTLE_MS + 200));
    const first = (await api(server.url, "/api/v1/events?limit=1", token)).body as EventList;
    expect(first.data).toHaveLength(1);
    const rest = (await api(server.url, `/api/v1/events?after=${first.nextCursor}`, token)).body as EventList;
    const listed = [...first.data, ...rest.data];
    // The answers match the EventList schema the served OpenAPI document declares.
    const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { components: unknown };
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: "openapi", components: openapi.components });
    for (const page of [first, rest]) expect(ajv.getSchema("openapi#/components/schemas/EventList")!(page)).toBe(true);
    expect(listed.map((e) => ({ id: e.id, payload: e.payload }))).toEqual(received);
    expect(listed.map((e) => e.payload.total)).toEqual([1100, 1200]);

    // Nothing new: the same cursor comes back to poll from.
    const empty = (await api(server.url, `/api/v1/events?after=${rest.nextCursor}`, token)).body as EventList;
    expect(empty).toEqual({ data: [], nextCursor: rest.nextCursor });
    expect((await api(server.url, "/api/v1/events?after=basura", token)).status).toBe(400);
  }, 60_000);

  it("needs documents:read", async () => {
    const writer = await ownerWithClient({ scopes: ["parse"] });
    const t = (await clientCredentials(server.url, writer.client.clientId, writer.secret)).access_token;
    expect((await api(server.url, "/api/v1/events", t)).status).toBe(403);
  });
});
