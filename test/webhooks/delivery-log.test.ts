/**
 * The delivery log as an admin reads it: filtered by endpoint, status and event type, found by
 * webhook-id / delivery id / documentoId, with the next attempt time of a pending retry, and a
 * detail whose body is the exact bytes the receiver got (not re-serialized).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvents } from "@/server/events/outbox";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvents } from "@/server/webhooks/delivery/fan-out";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "./support/receiver";

let ok: Receiver;
let failing: Receiver;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  ok = await startReceiver();
  failing = await startReceiver((_req, res) => res.writeHead(500).end("caído"));
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(async () => {
  await ok.close();
  await failing.close();
});

describe("delivery log", () => {
  it("filters by endpoint and status, finds by id, shows the next attempt and the exact bytes", async () => {
    const api = callerFor(owner, tenantId).webhooks;
    const a = (await api.create({ url: ok.url, description: "A", eventTypes: ["document.failed", "sync.failed"] })).endpoint;
    const b = (await api.create({ url: failing.url, description: "B", eventTypes: ["document.failed"] })).endpoint;
    const events = [
      createDomainEvent("document.failed", { documentoId: "doc_buscado", error: "ilegible — «acentos» y ñ" }),
      createDomainEvent("sync.failed", { connectorId: "con_7", error: "caído" }),
    ];
    const recorded = await db().$transaction((tx) => recordDomainEvents(tx, tenantId, events));
    const refs = await fanOutDomainEvents(recorded.map((r) => r.id));
    for (const r of refs) await attemptDelivery(r.deliveryId, 1);

    const onlyB = await api.deliveries({ endpointId: b.id });
    expect(onlyB.items.map((d) => d.endpoint.id)).toEqual([b.id]);
    const pending = onlyB.items[0]!;
    expect(pending.status).toBe("PENDING");
    expect(new Date(pending.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    expect((await api.deliveries({ endpointId: a.id, eventType: "sync.failed" })).items).toHaveLength(1);
    expect((await api.deliveries({ status: "SUCCEEDED" })).items.every((d) => d.endpoint.id === a.id)).toBe(true);

    // By webhook-id (the message id the receiver logs): one delivery per endpoint.
    const byMessage = await api.deliveries({ q: recorded[0]!.id });
    expect(byMessage.items.map((d) => d.endpoint.id).sort()).toEqual([a.id, b.id].sort());
    expect((await api.deliveries({ q: pending.id })).items.map((d) => d.id)).toEqual([pending.id]);
    expect((await api.deliveries({ q: "doc_buscado", endpointId: a.id })).items.map((d) => d.eventId)).toEqual([recorded[0]!.id]);
    expect((await api.deliveries({ q: "con_7" })).items.map((d) => d.eventType)).toEqual(["sync.failed"]);
    expect((await api.deliveries({ q: "doc_inexistente" })).items).toEqual([]);

    const detail = await api.delivery({ id: pending.id });
    expect(detail.nextAttemptAt).toEqual(pending.nextAttemptAt);
    const sent = failing.requests.find((r) => r.headers["webhook-id"] === recorded[0]!.id)!;
    expect(Buffer.from(detail.body, "utf8").equals(sent.body)).toBe(true);
    expect(detail.attempts[0]!.requestHeaders["webhook-id"]).toBe(recorded[0]!.id);
  });

  it("does not show another tenant's deliveries, even by id", async () => {
    const stranger = await createUser();
    const other = (await createTenantWith(stranger)).id;
    const [mine] = (await callerFor(owner, tenantId).webhooks.deliveries({})).items;
    expect((await callerFor(stranger, other).webhooks.deliveries({ q: mine!.eventId })).items).toEqual([]);
    await expect(callerFor(stranger, other).webhooks.delivery({ id: mine!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
