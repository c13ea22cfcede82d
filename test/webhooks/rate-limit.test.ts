/**
 * The per-endpoint rate limit on the real database with a real receiver: send slots are evenly
 * spaced across concurrent callers, a slot too far away is not reserved (the run sleeps), and the
 * batched first attempts send what fits their budget and defer the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvents } from "@/server/events/outbox";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvents } from "@/server/webhooks/delivery/fan-out";
import { attemptFirstDeliveries } from "@/server/webhooks/delivery/first-attempts";
import { reserveSendSlot } from "@/server/webhooks/delivery/rate-limit";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "./support/receiver";

let receiver: Receiver;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  receiver = await startReceiver();
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(() => receiver.close());

async function limitedEndpoint(perSecond: number) {
  return (await callerFor(owner, tenantId).webhooks.create({ url: receiver.url, eventTypes: ["document.failed"], rateLimitPerSecond: perSecond })).endpoint.id;
}

async function deliveriesFor(n: number) {
  const events = Array.from({ length: n }, (_, i) => createDomainEvent("document.failed", { documentoId: `doc_${i}`, error: "ilegible" }));
  const recorded = await db().$transaction((tx) => recordDomainEvents(tx, tenantId, events));
  return fanOutDomainEvents(recorded.map((r) => r.id));
}

describe("per-endpoint rate limit", () => {
  it("spaces concurrent reservations 1/rate apart and refuses slots beyond the wait window", async () => {
    const id = await limitedEndpoint(10);
    const decisions = await Promise.all(Array.from({ length: 15 }, () => reserveSendSlot(id, 10, 1_000)));
    const waits = decisions.filter((d) => d.reserved).map((d) => (d as { slotAt: number }).slotAt).sort((a, b) => a - b);
    expect(waits.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < waits.length; i++) expect(waits[i]! - waits[i - 1]!).toBeGreaterThanOrEqual(95);
    // Whatever the machine's speed, no slot is ever closer than 1/rate to another, and the
    // window bounds how far ahead slots are handed out (at most 1 s / 100 ms + 1).
    expect(waits.at(-1)! - waits[0]!).toBeGreaterThanOrEqual((waits.length - 1) * 99);
    // One per second and a 500 ms window: the first goes at once, the second must wait outside.
    const slow = await limitedEndpoint(1);
    expect(await reserveSendSlot(slow, 1, 500)).toMatchObject({ reserved: true });
    const refused = await reserveSendSlot(slow, 1, 500);
    expect(refused.reserved).toBe(false);
    expect((refused as { retryInMs: number }).retryInMs).toBeGreaterThanOrEqual(200);
    expect((refused as { retryInMs: number }).retryInMs).toBeLessThanOrEqual(2000);
  });

  it("holds the rate for concurrent delivery attempts to a real receiver", async () => {
    const id = await limitedEndpoint(10);
    const refs = (await deliveriesFor(21)).filter((r) => r.endpointId === id);
    // Warm-up (connection, code paths): the first request of a process is slower to leave, which
    // would bunch the next ones at the receiver; production runs are warm.
    await attemptDelivery(refs.shift()!.deliveryId, 1);
    receiver.requests.length = 0;
    const arrivals: number[] = [];
    receiver.respond = (_req, res) => (arrivals.push(Date.now()), res.writeHead(204).end());
    // Like 10 concurrent engine runs: each attempts, and on "throttled" sleeps and tries again.
    const pending = refs.map((r) => r.deliveryId);
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let deliveryId = pending.shift(); deliveryId; deliveryId = pending.shift()) {
          for (;;) {
            const next = await attemptDelivery(deliveryId, 1);
            if (next.action !== "throttled") break;
            await new Promise((r) => setTimeout(r, next.delayMs));
          }
        }
      }),
    );
    expect(arrivals).toHaveLength(20);
    arrivals.sort((a, b) => a - b);
    // 20 evenly spaced sends at 10/s span ≈ 1.9 s (overall rate within 10 %). In any one second
    // at most 10 + 1 at the window's edge, + 1 for arrival jitter on a busy machine (sends are
    // spaced exactly; the network and the event loop are not).
    expect(19 / ((arrivals.at(-1)! - arrivals[0]!) / 1000)).toBeLessThanOrEqual(11);
    for (const start of arrivals) expect(arrivals.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(12);
    receiver.respond = (_req, res) => res.writeHead(204).end();
  });

  it("sends a rate-limited endpoint's first attempts in the batch while slots fit its budget, defers the rest", async () => {
    const id = await limitedEndpoint(2);
    const refs = (await deliveriesFor(14)).filter((r) => r.endpointId === id);
    receiver.requests.length = 0;
    const followUps = await attemptFirstDeliveries(refs);
    // 2/s within the batch's 5 s budget: about 10 sent, evenly spaced; the rest wait outside.
    const sent = receiver.requests.length;
    expect(sent).toBeGreaterThanOrEqual(8);
    expect(sent).toBeLessThanOrEqual(11);
    expect(followUps).toHaveLength(14 - sent);
    for (const f of followUps) expect(f).toMatchObject({ fromAttempt: 1, delayMs: expect.any(Number) });
    // Each waits until the queue ahead drains, counted from when the batch hands it over.
    for (const f of followUps) expect(f.delayMs).toBeLessThanOrEqual(5_000);
  });

  it("refuses a limit outside 1–1000 per second", async () => {
    const api = callerFor(owner, tenantId).webhooks;
    await expect(api.create({ url: receiver.url, eventTypes: ["document.failed"], rateLimitPerSecond: 0 })).rejects.toThrow("Mínimo 1 entrega por segundo");
    await expect(api.create({ url: receiver.url, eventTypes: ["document.failed"], rateLimitPerSecond: 5000 })).rejects.toThrow("Máximo 1000 entregas por segundo");
    await expect(api.create({ url: receiver.url, eventTypes: ["document.failed"], rateLimitPerSecond: 2.5 })).rejects.toThrow("Número entero");
  });
});
