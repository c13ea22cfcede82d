/**
 * Nothing is lost while an endpoint is disabled (issue 24 §2), on the embedded engine with the
 * app's own fan-out and delivery functions and a real receiver: events produced while disabled —
 * by an admin or by a 410 — are HELD; after re-enabling, «entregar lo retenido» delivers every one
 * (receiver count = events produced). «entregar ahora» attempts at once what waits on the retry
 * schedule, and the run that was sleeping for it does not send it again.
 */
import { webhookEngineReady } from "./support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { dispatchDomainEvents } from "@/server/events/dispatch";
import { recordDomainEvents } from "@/server/events/outbox";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startVerifyingReceiver } from "./support/verifying-receiver";

let engine: Awaited<typeof webhookEngineReady>;
let owner: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  engine = await webhookEngineReady;
  resetEnvCache();
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
}, 60_000);
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
  await engine?.stop();
});

async function produce(n: number, tag: string) {
  const events = Array.from({ length: n }, (_, i) => createDomainEvent("document.failed", { documentoId: `${tag}_${i}`, error: "ilegible" }));
  const recorded = await db().$transaction((tx) => recordDomainEvents(tx, tenantId, events));
  await dispatchDomainEvents(recorded);
  return recorded.map((r) => r.id);
}

async function until<T>(what: string, check: () => Promise<T | null | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await db().webhookDelivery.findMany({ where: { tenantId }, select: { status: true, attemptCount: true, generation: true, lastError: true, endpointId: true } }))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function endpointWithReceiver() {
  const r = await startVerifyingReceiver({ secret: "", token: "" });
  closers.push(() => r.receiver.close());
  const created = await callerFor(owner, tenantId).webhooks.create({ url: r.receiver.url, eventTypes: ["document.failed"] });
  r.save(created);
  const ids = () => new Set(r.verdicts.filter((v) => v.standard && v.contract).map((v) => v.id));
  return { r, id: created.endpoint.id, ids };
}

const heldCount = (endpointId: string) => db().webhookDelivery.count({ where: { endpointId, status: "HELD" } });

describe("backlog of a disabled endpoint", () => {
  it("disabled by an admin: events produced meanwhile are held and delivered after re-enabling", { timeout: 90_000 }, async () => {
    const { r, id, ids } = await endpointWithReceiver();
    const caller = callerFor(owner, tenantId);
    const before = await produce(2, "antes");
    await until("the first events", async () => ids().size === 2);

    await caller.webhooks.setEnabled({ id, enabled: false });
    const during = await produce(5, "durante");
    await until("5 held deliveries", async () => (await heldCount(id)) === 5);
    expect(r.receiver.requests).toHaveLength(2);

    await caller.webhooks.setEnabled({ id, enabled: true });
    const backlog = await caller.webhooks.backlog({ id });
    expect(backlog.held.count).toBe(5);
    expect(backlog.held.since).toBeInstanceOf(Date);
    expect(await caller.webhooks.deliverHeld({ id })).toEqual({ count: 5 });
    await until("every event produced", async () => ids().size === 7);
    expect([...ids()].sort()).toEqual([...before, ...during].sort());
    expect((await caller.webhooks.backlog({ id })).held.count).toBe(0);
  });

  it("disabled by a 410: what follows is held, not lost, and the replay tool covers held and failed in a window", { timeout: 90_000 }, async () => {
    const { r, id, ids } = await endpointWithReceiver();
    const caller = callerFor(owner, tenantId);
    r.answer(410);
    const gone = await produce(1, "gone");
    await until("the 410 to disable the endpoint", async () => !(await db().webhookEndpoint.findUniqueOrThrow({ where: { id } })).enabled);
    const during = await produce(3, "tras410");
    await until("3 held deliveries", async () => (await heldCount(id)) === 3);

    r.answer(null);
    await caller.webhooks.setEnabled({ id, enabled: true });
    const from = new Date(Date.now() - 60_000);
    expect(await caller.webhooks.replay({ id, from, to: new Date(from.getTime() - 1) }).catch((e: Error) => e.message)).toContain("anterior");
    expect(await caller.webhooks.replay({ id, from, statuses: ["HELD", "FAILED"] })).toEqual({ count: 4 });
    await until("the 410'd event and the held ones", async () => ids().size === 4);
    expect([...ids()].sort()).toEqual([...gone, ...during].sort());
  });

  it("«entregar ahora» sends what waits on the retry schedule at once, and only once", { timeout: 90_000 }, async () => {
    const { r, id, ids } = await endpointWithReceiver();
    const caller = callerFor(owner, tenantId);
    r.answer(503); // throttled: the next try waits ≥ 60 s
    const [eventId] = await produce(1, "caida");
    await until("a delivery waiting on the schedule", async () => (await caller.webhooks.backlog({ id })).waiting.count === 1);

    r.answer(null);
    expect(await caller.webhooks.deliverNow({ id })).toEqual({ count: 1 });
    await until("the delivery", async () => ids().has(eventId!) && (await db().webhookDelivery.count({ where: { endpointId: id, status: "SUCCEEDED" } })) === 1, 30_000);
    expect(await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: id } })).toMatchObject({ status: "SUCCEEDED", attemptCount: 2, generation: 1 });
    expect(r.receiver.requests).toHaveLength(2);
  });

  it("a run of an older generation (the one sleeping on the schedule) stops instead of sending again", async () => {
    const { r, id } = await endpointWithReceiver();
    const caller = callerFor(owner, tenantId);
    await caller.webhooks.setEnabled({ id, enabled: false });
    await produce(1, "gen");
    await until("a held delivery", async () => (await heldCount(id)) === 1);
    await caller.webhooks.setEnabled({ id, enabled: true });
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { endpointId: id } });
    // What «entregar lo retenido» does, without waiting for its run: reopen under generation 1.
    await db().webhookDelivery.update({ where: { id: delivery.id }, data: { status: "PENDING", generation: 1 } });
    expect(await attemptDelivery(delivery.id, 1)).toEqual({ action: "abort" });
    expect(r.receiver.requests).toHaveLength(0);
    expect(await attemptDelivery(delivery.id, 1, { generation: 1 })).toEqual({ action: "delivered" });
    expect(r.receiver.requests).toHaveLength(1);
  });
});
