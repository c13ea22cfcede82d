/**
 * The hand-off from the outbox to Inngest, against a real HTTP server standing in for the
 * Event API: commits that arrive while a send is in flight go together in the next one, and an
 * Event API that hangs holds neither the actions nor later sends (the events stay for the sweep),
 * and events no endpoint subscribes to are marked dispatched without a send.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { dispatchAfterCommit, dispatchDomainEvents } from "@/server/events/dispatch";
import { recordDomainEvent } from "@/server/events/outbox";
import { createEndpointRow, createTenantWith, createUser } from "../support/factories";

// The Inngest client sends to the embedded engine's port, read when it is first imported:
// point it, before any import, at the stand-in Event API below.
const port = vi.hoisted(() => {
  const chosen = 20_000 + Math.floor(Math.random() * 20_000);
  process.env.INNGEST_ENGINE_PORT = String(chosen);
  return chosen;
});

type Sent = { names: string[]; outboxIds: string[] };
const sent: Sent[] = [];
let hang = false;
const held: ServerResponse[] = [];

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string; name: string; data: { events: { id: string }[] } }[];
}

const eventApi = createServer((req, res) => {
  void readBody(req).then(async (events) => {
    sent.push({ names: events.map((e) => e.name), outboxIds: events.flatMap((e) => e.data.events.map((x) => x.id)) });
    if (hang) return void held.push(res);
    await new Promise((r) => setTimeout(r, 150)); // a send takes a while: commits meanwhile queue up
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
  });
});

let tenantId: string;

beforeAll(async () => {
  await new Promise<void>((r) => eventApi.listen(port, "127.0.0.1", r));
  tenantId = (await createTenantWith(await createUser())).id;
  await createEndpointRow(tenantId, "https://receptor.example/hooks", ["document.failed"]);
});
afterAll(async () => {
  for (const res of held) res.destroy();
  await new Promise((r) => eventApi.close(r));
});

function commit(n: number, tenant = tenantId) {
  return db().$transaction((tx) => recordDomainEvent(tx, tenant, createDomainEvent("document.failed", { documentoId: `doc_${n}`, error: "ilegible" })));
}

describe("dispatch to Inngest", () => {
  it("groups the commits that arrive while a send is in flight", async () => {
    const first = await commit(1);
    const sending = dispatchDomainEvents([first]);
    await new Promise((r) => setTimeout(r, 30));
    const later = await Promise.all([commit(2), commit(3), commit(4)]);
    await Promise.all([sending, ...later.map((e) => dispatchDomainEvents([e]))]);

    expect(sent.map((s) => s.outboxIds)).toEqual([[first.id], later.map((e) => e.id)]);
    expect(sent.every((s) => s.names.every((n) => n === "domain/event.recorded"))).toBe(true);
    const rows = await db().domainEvent.findMany({ where: { id: { in: [first, ...later].map((e) => e.id) } } });
    expect(rows.every((r) => r.dispatchedAt instanceof Date)).toBe(true);
  });

  it("an action waits only for its own commit: the hand-off follows, concurrent producers' events in one send", async () => {
    sent.length = 0;
    const blocker = await commit(10);
    const inFlight = dispatchDomainEvents([blocker]); // a send in flight (150 ms)
    await expect.poll(() => sent.length).toBe(1);
    const producers = await Promise.all([11, 12, 13].map(async (n) => {
      const event = await commit(n);
      const began = performance.now();
      dispatchAfterCommit([event]);
      return { event, returnedInMs: performance.now() - began };
    }));
    expect(producers.every((p) => p.returnedInMs < 5)).toBe(true); // nothing awaited behind the send in flight
    await inFlight;
    await expect.poll(() => sent.length).toBe(2);
    expect(sent[1]!.outboxIds.sort()).toEqual(producers.map((p) => p.event.id).sort());
    await expect.poll(async () => (await db().domainEvent.count({ where: { id: { in: producers.map((p) => p.event.id) }, dispatchedAt: { not: null } } }))).toBe(3);
  });

  it("stops waiting for an Event API that hangs: the action goes on, the next send goes out, the sweep keeps the events", async () => {
    hang = true;
    sent.length = 0;
    const stuck = await commit(5);
    const started = Date.now();
    await dispatchDomainEvents([stuck]);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(4_500);
    expect(waited).toBeLessThan(9_000);

    const next = await commit(6);
    const nextDispatch = dispatchDomainEvents([next]);
    await expect.poll(() => sent.length, { timeout: 2_000 }).toBe(2);
    expect(sent[1]!.outboxIds).toEqual([next.id]);
    // Not handed over, so not marked: the outbox sweep sends it again later.
    expect((await db().domainEvent.findUniqueOrThrow({ where: { id: stuck.id } })).dispatchedAt).toBeNull();
    hang = false;
    for (const res of held.splice(0)) res.destroy();
    await nextDispatch;
  }, 20_000);

  it("sends only events some endpoint subscribes to — a disabled endpoint too — and marks the rest dispatched without a send", async () => {
    sent.length = 0;
    const owner = await createUser();
    const noEndpoint = (await createTenantWith(owner)).id;
    const otherType = (await createTenantWith(owner)).id;
    await createEndpointRow(otherType, "https://receptor.example/otro", ["document.processed"]);
    const disabled = (await createTenantWith(owner)).id;
    const off = await createEndpointRow(disabled, "https://receptor.example/apagado", ["document.failed"]);
    await db().webhookEndpoint.update({ where: { id: off.id }, data: { enabled: false } });

    const unwanted = [await commit(20, noEndpoint), await commit(21, otherType)];
    const wanted = [await commit(22, disabled), await commit(23)];
    await dispatchDomainEvents([...unwanted, ...wanted]);

    expect(sent.flatMap((s) => s.outboxIds).sort()).toEqual(wanted.map((e) => e.id).sort());
    const rows = await db().domainEvent.findMany({ where: { id: { in: [...unwanted, ...wanted].map((e) => e.id) } } });
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.dispatchedAt instanceof Date)).toBe(true);

    // Nothing to send at all: no request, still marked (the outbox sweep must not pick them up again).
    sent.length = 0;
    const lone = await commit(24, noEndpoint);
    await dispatchDomainEvents([lone]);
    expect(sent).toHaveLength(0);
    expect((await db().domainEvent.findUniqueOrThrow({ where: { id: lone.id } })).dispatchedAt).toBeInstanceOf(Date);
  });
});
