/**
 * The delivery domain on the real database with a real receiver: outbox in the producer's
 * transaction, idempotent fan-out, one signed attempt per call, the attempt log and outcomes.
 */
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvent } from "@/server/events/outbox";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvent } from "@/server/webhooks/delivery/fan-out";
import { replayDeliveries } from "@/server/webhooks/backlog/backlog";
import { createTestDelivery, resendDelivery } from "@/server/webhooks/delivery/redeliver";
import { readLocalOutbox } from "@/server/mail/mailer";
import { callerFor, createEndpointRow, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "../webhooks/support/receiver";

let receiver: Receiver;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;

const failedEvent = () => createDomainEvent("document.failed", { documentoId: "doc_9", error: "PDF ilegible" });

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  receiver = await startReceiver();
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(() => receiver.close());

async function endpointFor(url: string, eventTypes: ("document.failed" | "sync.failed")[] = ["document.failed"]) {
  const { endpoint, secret, token } = await callerFor(owner, tenantId).webhooks.create({ url, eventTypes });
  return { id: endpoint.id, secret, token };
}

describe("outbox", () => {
  it("records the event with the change, and not at all when the change rolls back", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await tx.tenant.update({ where: { id: tenantId }, data: { name: "Cambio que se revierte" } });
        await recordDomainEvent(tx, tenantId, failedEvent());
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await db().domainEvent.count({ where: { tenantId } })).toBe(0);

    const event = await db().$transaction(async (tx) => {
      await tx.tenant.update({ where: { id: tenantId }, data: { name: "Estudio confirmado" } });
      return recordDomainEvent(tx, tenantId, failedEvent());
    });
    const row = await db().domainEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(JSON.parse(row.body)).toMatchObject({ type: "document.failed", version: 2, documentoId: "doc_9", error: "PDF ilegible" });
  });
});

describe("fan-out and attempts", () => {
  it("fans out to subscribed endpoints, idempotently; a disabled one gets its delivery HELD", async () => {
    const a = await endpointFor(receiver.url);
    const b = await endpointFor(`${receiver.url}?b`);
    await endpointFor(`${receiver.url}?other`, ["sync.failed"]);
    const disabled = await endpointFor(`${receiver.url}?off`);
    await callerFor(owner, tenantId).webhooks.setEnabled({ id: disabled.id, enabled: false });
    const otherTenant = await createTenantWith(await createUser());
    await createEndpointRow(otherTenant.id, receiver.url, ["document.failed"]);

    const event = await recordDomainEvent(db(), tenantId, failedEvent());
    const first = (await fanOutDomainEvent(event.id)).map((d) => d.deliveryId);
    const again = (await fanOutDomainEvent(event.id)).map((d) => d.deliveryId);
    expect(first).toHaveLength(2);
    expect(again.sort()).toEqual(first.sort());
    const rows = await db().webhookDelivery.findMany({ where: { eventId: event.id }, select: { endpointId: true, status: true } });
    expect(rows.filter((d) => d.status === "PENDING").map((d) => d.endpointId).sort()).toEqual([a.id, b.id].sort());
    expect(rows.filter((d) => d.status === "HELD").map((d) => d.endpointId)).toEqual([disabled.id]);
  });

  it("signs both header families, logs the attempt, and retries a 500 with the same bytes and id", async () => {
    await db().webhookEndpoint.deleteMany({ where: { tenantId } });
    const ep = await endpointFor(receiver.url);
    const event = await recordDomainEvent(db(), tenantId, failedEvent());
    const deliveryId = (await fanOutDomainEvent(event.id))[0]?.deliveryId;
    receiver.requests.length = 0;

    receiver.respond = (_req, res) => res.writeHead(500).end("caído");
    const first = await attemptDelivery(deliveryId!, 1);
    expect(first).toMatchObject({ action: "retry", nextAttempt: 2 });
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: "PENDING", attemptCount: 1, lastStatus: 500 });

    receiver.respond = (_req, res) => res.writeHead(204).end();
    expect(await attemptDelivery(deliveryId!, 2)).toEqual({ action: "delivered" });

    const [r1, r2] = receiver.requests;
    expect(r1!.body.equals(r2!.body)).toBe(true);
    expect(r1!.body.toString()).toBe((await db().domainEvent.findUniqueOrThrow({ where: { id: event.id } })).body);
    expect(r2!.headers["x-request-id"]).toBe(event.id);
    expect(r1!.headers["webhook-id"]).toBe(r2!.headers["webhook-id"]);
    expect(r2!.headers["x-webhook-attempt"]).toBe("2");
    expect(r2!.headers["x-webhook-token"]).toBe(ep.token);
    expect(new Webhook(ep.secret).verify(r2!.body.toString(), r2!.headers)).toMatchObject({ type: "document.failed" });
    expect(r2!.headers["x-signature"]).toBe(createHmac("sha256", ep.secret).update(r2!.body).digest("hex"));

    const attempts = await db().webhookAttempt.findMany({ where: { deliveryId }, orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 204],
    ]);
    expect(attempts[0]!.responseExcerpt).toBe("caído");
    expect(JSON.stringify(attempts[0]!.requestHeaders)).not.toContain(ep.token);
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: "SUCCEEDED", attemptCount: 2 });
  });

  it("a 410 disables the endpoint and fails the delivery", async () => {
    await db().webhookEndpoint.deleteMany({ where: { tenantId } });
    const ep = await endpointFor(receiver.url);
    const deliveryId = (await fanOutDomainEvent((await recordDomainEvent(db(), tenantId, failedEvent())).id))[0]?.deliveryId;
    receiver.respond = (_req, res) => res.writeHead(410).end();
    expect(await attemptDelivery(deliveryId!, 1)).toEqual({ action: "disable-endpoint" });
    expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("410") });
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({ status: "FAILED" });
  });
});

describe("delivery log", () => {
  it("lists deliveries with filters and shows one with its attempts", async () => {
    await db().webhookEndpoint.deleteMany({ where: { tenantId } });
    await endpointFor(receiver.url);
    const retried = (await fanOutDomainEvent((await recordDomainEvent(db(), tenantId, failedEvent())).id))[0]?.deliveryId;
    const failed = (await fanOutDomainEvent((await recordDomainEvent(db(), tenantId, failedEvent())).id))[0]?.deliveryId;
    receiver.respond = (_req, res) => res.writeHead(503).end();
    await attemptDelivery(retried!, 1);
    receiver.respond = (_req, res) => res.writeHead(200).end("ok");
    await attemptDelivery(retried!, 2);
    receiver.respond = (_req, res) => res.writeHead(400).end("no");
    await attemptDelivery(failed!, 10); // the last attempt of the schedule: gives up

    const caller = callerFor(owner, tenantId);
    expect((await caller.webhooks.deliveries({})).items.map((d) => d.id)).toEqual([failed, retried]);
    expect((await caller.webhooks.deliveries({ status: "SUCCEEDED" })).items.map((d) => d.id)).toEqual([retried]);
    expect((await caller.webhooks.deliveries({ status: "FAILED" })).items.map((d) => d.id)).toEqual([failed]);
    expect((await caller.webhooks.deliveries({ eventType: "sync.failed" })).items).toHaveLength(0);

    const page1 = await caller.webhooks.deliveries({ limit: 1 });
    expect(page1.items.map((d) => d.id)).toEqual([failed]);
    expect((await caller.webhooks.deliveries({ limit: 1, cursor: page1.nextCursor! })).items.map((d) => d.id)).toEqual([retried]);

    const stats = await caller.stats.webhooks();
    const today = stats.daily.at(-1)!;
    expect(today.succeeded).toBeGreaterThanOrEqual(1);
    expect(today.failed).toBeGreaterThanOrEqual(1);
    expect(stats.latency.at(-1)!.p95).toBeGreaterThanOrEqual(stats.latency.at(-1)!.p50);
    expect(stats.successRate).toBeGreaterThan(0);
    expect(stats.successRate).toBeLessThan(1);

    const detail = await caller.webhooks.delivery({ id: retried! });
    expect(detail.attempts.map((a) => a.status)).toEqual([503, 200]);
    expect(JSON.parse(detail.body)).toMatchObject({ type: "document.failed" });
  });
});

describe("endpoints failing for days", () => {
  it("a success clears the failing streak; a failure days into it disables the endpoint and tells the admins", async () => {
    await db().webhookEndpoint.deleteMany({ where: { tenantId } });
    const ep = await endpointFor(receiver.url);
    const deliver = async (status: number) => {
      const id = (await fanOutDomainEvent((await recordDomainEvent(db(), tenantId, failedEvent())).id))[0]?.deliveryId;
      receiver.respond = (_req, res) => res.writeHead(status).end();
      return attemptDelivery(id!, 1);
    };

    expect(await deliver(500)).toMatchObject({ action: "retry" });
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).failingSince).toBeInstanceOf(Date);
    expect(await deliver(200)).toEqual({ action: "delivered" });
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).failingSince).toBeNull();

    await db().webhookEndpoint.update({ where: { id: ep.id }, data: { failingSince: new Date(Date.now() - 6 * 24 * 3_600_000) } });
    expect(await deliver(503)).toEqual({ action: "abort" });
    const disabled = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    // Held, not failed: the first retry still waiting and the attempt that tipped it over.
    expect(await db().webhookDelivery.count({ where: { endpointId: ep.id, status: "HELD" } })).toBe(2);
    expect(disabled).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/^falló sin interrupción desde el \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d GMT-03:00 \(America\/Argentina\/Buenos_Aires\)/) });

    const notices = await callerFor(owner, tenantId).notifications.list();
    expect(notices[0]).toMatchObject({ kind: "webhook.endpoint.disabled", link: "/webhooks" });
    expect(readLocalOutbox(owner.email).at(-1)?.subject).toBe("Contaflow: Deshabilitamos un endpoint de webhooks");
    expect(notices[0]!.body).toContain("GMT-03:00 (America/Argentina/Buenos_Aires)");
    for (const n of notices) await callerFor(owner, tenantId).notifications.dismiss({ id: n.id });
    expect(await callerFor(owner, tenantId).notifications.list()).toHaveLength(0);
  });
});

describe("resend, replay and test events", () => {
  it("reopens finished deliveries with attempts numbered after the logged ones", async () => {
    await db().webhookEndpoint.deleteMany({ where: { tenantId } });
    const ep = await endpointFor(receiver.url);
    const scope = { tenantId, userId: owner.id, role: "OWNER" as const };
    const ok = (await fanOutDomainEvent((await recordDomainEvent(db(), tenantId, failedEvent())).id))[0]?.deliveryId;
    receiver.respond = (_req, res) => res.writeHead(204).end();
    await attemptDelivery(ok!, 1);

    const again = await resendDelivery(scope, ok!);
    expect(again).toEqual({ deliveryId: ok, endpointId: ep.id, tenantId, fromAttempt: 2, generation: 1 });
    await expect(resendDelivery(scope, ok!)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await attemptDelivery(ok!, again.fromAttempt, { generation: again.generation })).toEqual({ action: "delivered" });

    const bad = (await fanOutDomainEvent((await recordDomainEvent(db(), tenantId, failedEvent())).id))[0]?.deliveryId;
    receiver.respond = (_req, res) => res.writeHead(422).end();
    await attemptDelivery(bad!, 10);
    const replay = await replayDeliveries(scope, { endpointId: ep.id, from: new Date(Date.now() - 60_000), statuses: ["FAILED"] });
    expect(replay).toEqual([{ deliveryId: bad, endpointId: ep.id, tenantId, fromAttempt: 11, generation: 1 }]);
    expect(await replayDeliveries(scope, { endpointId: ep.id, from: new Date(Date.now() + 60_000), statuses: ["FAILED"] })).toEqual([]);
  });

  it("sends a test event of any type to one endpoint only", async () => {
    await db().webhookEndpoint.deleteMany({ where: { tenantId } });
    const target = await endpointFor(receiver.url, ["sync.failed"]);
    await endpointFor(`${receiver.url}?other`, ["sync.failed"]);
    const scope = { tenantId, userId: owner.id, role: "ADMIN" as const };
    const request = await createTestDelivery(scope, target.id, "export.completed");
    const delivery = await db().webhookDelivery.findUniqueOrThrow({ where: { id: request.deliveryId }, include: { event: true } });
    expect(delivery).toMatchObject({ endpointId: target.id, eventType: "export.completed" });
    expect(delivery.event.dispatchedAt).toBeInstanceOf(Date);
    expect(JSON.parse(delivery.event.body)).toMatchObject({ type: "export.completed", version: 1 });
    expect(await fanOutDomainEvent(delivery.eventId)).toEqual([{ deliveryId: request.deliveryId, endpointId: target.id, tenantId }]);
  });
});
