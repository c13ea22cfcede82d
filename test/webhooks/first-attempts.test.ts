/**
 * The batched first attempt (fan-out's fast path) on the real database with real receivers:
 * one signed request per delivery, logged; failures become scheduled follow-ups; an endpoint
 * that is already failing goes to the slow lane; a re-run of the step sends nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvents } from "@/server/events/outbox";
import { fanOutDomainEvents } from "@/server/webhooks/delivery/fan-out";
import { attemptFirstDeliveries } from "@/server/webhooks/delivery/first-attempts";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "./support/receiver";

let ok: Receiver;
let flaky: Receiver;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  ok = await startReceiver();
  // Fails every third request with a 503 and Retry-After.
  flaky = await startReceiver((_req, res) => (flaky.requests.length % 3 === 0 ? res.writeHead(503, { "retry-after": "120" }).end() : res.writeHead(200).end("ok")));
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(async () => {
  await ok.close();
  await flaky.close();
});

async function endpoint(url: string) {
  return (await callerFor(owner, tenantId).webhooks.create({ url, eventTypes: ["document.failed"] })).endpoint.id;
}

async function recordEvents(n: number) {
  const events = Array.from({ length: n }, (_, i) => createDomainEvent("document.failed", { documentoId: `doc_${i}`, error: "ilegible" }));
  const recorded = await db().$transaction((tx) => recordDomainEvents(tx, tenantId, events));
  return recorded.map((r) => r.id);
}

describe("batched first attempts", () => {
  it("sends one signed request per delivery, logs each, schedules the failures", async () => {
    const okId = await endpoint(ok.url);
    const flakyId = await endpoint(flaky.url);
    const eventIds = await recordEvents(30);
    const deliveries = await fanOutDomainEvents(eventIds);
    expect(deliveries).toHaveLength(60);

    const followUps = await attemptFirstDeliveries(deliveries);
    expect(ok.requests).toHaveLength(30);
    expect(flaky.requests).toHaveLength(30);
    expect(new Set(ok.requests.map((r) => r.headers["webhook-id"])).size).toBe(30);
    expect(ok.requests.every((r) => r.headers["webhook-signature"]?.startsWith("v1,") && r.headers["x-signature"]?.length === 64)).toBe(true);

    const failedAtFlaky = flaky.requests.filter((_, i) => (i + 1) % 3 === 0).length;
    expect(followUps).toHaveLength(failedAtFlaky);
    expect(followUps.every((f) => f.endpointId === flakyId && f.fromAttempt === 2 && f.delayMs >= 120_000)).toBe(true);

    const byStatus = await db().webhookDelivery.groupBy({ by: ["endpointId", "status"], where: { tenantId }, _count: { _all: true } });
    expect(byStatus.find((g) => g.endpointId === okId && g.status === "SUCCEEDED")?._count._all).toBe(30);
    expect(byStatus.find((g) => g.endpointId === flakyId && g.status === "PENDING")?._count._all).toBe(failedAtFlaky);
    expect(await db().webhookAttempt.count({ where: { tenantId, attempt: 1 } })).toBe(60);
    // Successes of different status codes, settled together: each keeps its own code.
    const settled = await db().webhookDelivery.findMany({ where: { tenantId, status: "SUCCEEDED" }, select: { endpointId: true, lastStatus: true, attemptCount: true, completedAt: true } });
    expect(settled).toHaveLength(60 - failedAtFlaky);
    expect(settled.every((d) => d.attemptCount === 1 && d.completedAt instanceof Date)).toBe(true);
    expect(new Set(settled.filter((d) => d.endpointId === okId).map((d) => d.lastStatus))).toEqual(new Set([204]));
    expect(new Set(settled.filter((d) => d.endpointId === flakyId).map((d) => d.lastStatus))).toEqual(new Set([200]));
    const retried = await db().webhookDelivery.findFirstOrThrow({ where: { id: followUps[0]!.deliveryId } });
    expect(retried).toMatchObject({ attemptCount: 1, lastStatus: 503 });
    expect(retried.nextAttemptAt).toBeInstanceOf(Date);

    // The step re-run after a crash: everything already attempted is not sent again.
    const again = await attemptFirstDeliveries(deliveries);
    expect(again).toEqual([]);
    expect(ok.requests).toHaveLength(30);
    expect(flaky.requests).toHaveLength(30);
  });

  it("leaves an endpoint that is already failing to its own delivery runs", async () => {
    await db().webhookEndpoint.updateMany({ where: { tenantId }, data: { enabled: false } });
    const failingId = await endpoint(`${ok.url}?failing`);
    await db().webhookEndpoint.update({ where: { id: failingId }, data: { failingSince: new Date() } });
    const before = ok.requests.length;
    const deliveries = await fanOutDomainEvents(await recordEvents(3));
    const followUps = await attemptFirstDeliveries(deliveries);
    expect(ok.requests.length).toBe(before);
    expect(followUps).toEqual(deliveries.map((d) => ({ ...d, fromAttempt: 1, delayMs: 0 })));
  });

  it("after a crash between the attempt log and the status update, settles from the log without sending again", async () => {
    await db().webhookEndpoint.updateMany({ where: { tenantId }, data: { enabled: false } });
    await endpoint(`${ok.url}?crash`);
    const deliveries = await fanOutDomainEvents(await recordEvents(2));
    const [delivered, failed] = deliveries;
    // What the crashed step left: attempt 1 logged (a 200 and a 500), the deliveries untouched.
    await db().webhookAttempt.createMany({
      data: [
        { tenantId, deliveryId: delivered!.deliveryId, attempt: 1, requestHeaders: {}, status: 200, latencyMs: 3 },
        { tenantId, deliveryId: failed!.deliveryId, attempt: 1, requestHeaders: {}, status: 500, latencyMs: 3, errorClass: "HTTP_5XX" },
      ],
    });
    const before = ok.requests.length;
    const followUps = await attemptFirstDeliveries(deliveries);
    expect(ok.requests.length).toBe(before);
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivered!.deliveryId } })).toMatchObject({ status: "SUCCEEDED", attemptCount: 1 });
    expect(followUps).toEqual([{ ...failed, fromAttempt: 2, delayMs: expect.any(Number) }]);
    expect(followUps[0]!.delayMs).toBeGreaterThanOrEqual(4_500);
  });
});
