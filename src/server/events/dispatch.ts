import "server-only";
import { createHash } from "node:crypto";
import { inngest } from "~/inngest/client";
import { domainEventRecorded, webhookDeliveryRequested } from "~/inngest/events";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { withSubscribers } from "@/server/webhooks/delivery/subscribers";

const log = logger.child({ module: "dispatch" });

type Recorded = { id: string; type: string; tenantId: string };
type Waiting = { events: Recorded[]; done: () => void };

const MAX_EVENTS_PER_SEND = 200;
/**
 * Sends in flight at once; commits arriving meanwhile wait and go together in the next one.
 * One measured best (bench/delivery): bigger groups mean fewer fan-out runs for the same events.
 */
const MAX_SENDS_IN_FLIGHT = 1;
/** A send slower than this (Inngest struggling) stops holding the waiting actions and the slot. */
const SEND_PATIENCE_MS = 5_000;

const queue: Waiting[] = [];
let inFlight = 0;
let scheduled = false;

/**
 * What an action calls once its transaction has committed: queues the events for the hand-off
 * below and returns at once, so the action waits only for its own commit. The hand-off follows
 * with a bounded lag — the next tick when no send is in flight, else right after the one in
 * flight (at most SEND_PATIENCE_MS) — and concurrent producers' events go in one send. A crash
 * in between loses nothing: the events stay undispatched in the outbox and the sweep sends them.
 */
export function dispatchAfterCommit(events: Recorded[]): void {
  void dispatchDomainEvents(events);
}

/**
 * Hands committed outbox events to Inngest and marks them dispatched. Group commit: when a send
 * is free, the commits of this tick go at once; while sends are busy, new commits queue and go
 * together in the next one — so a burst costs a few Inngest events (and fan-out runs), not one
 * per commit, and a lone commit waits for nothing. Only events some webhook endpoint subscribes
 * to are sent (the rest are marked dispatched: nothing consumes them). One Inngest event per
 * tenant and chunk, its id derived from the outbox ids (re-sending the same chunk is a no-op; a
 * different grouping after a crash only repeats fan-out, which is idempotent). Never throws: a failure leaves the
 * events to the outbox sweep, and the action that produced them has already succeeded.
 * Resolves once handed over (or given up to the sweep): for the sweep and tests; actions use
 * dispatchAfterCommit.
 */
export function dispatchDomainEvents(events: Recorded[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  return new Promise((done) => {
    queue.push({ events, done });
    schedule();
  });
}

function schedule() {
  if (scheduled || inFlight >= MAX_SENDS_IN_FLIGHT || queue.length === 0) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    void flush();
  });
}

async function flush() {
  if (inFlight >= MAX_SENDS_IN_FLIGHT || queue.length === 0) return;
  const waiting: Waiting[] = [];
  let count = 0;
  while (queue.length > 0 && count < MAX_EVENTS_PER_SEND * 5) {
    const next = queue.shift()!;
    waiting.push(next);
    count += next.events.length;
  }
  inFlight++;
  let patience: NodeJS.Timeout | undefined;
  try {
    // sendChunks never throws; a slow one finishes (and marks its events) on its own.
    await Promise.race([sendChunks(waiting.flatMap((w) => w.events)), new Promise((r) => (patience = setTimeout(r, SEND_PATIENCE_MS)))]);
  } finally {
    clearTimeout(patience);
    inFlight--;
    for (const w of waiting) w.done();
    schedule();
  }
}

async function sendChunks(events: Recorded[]) {
  try {
    // The webhook fan-out is the only consumer of these events: those no endpoint subscribes to
    // cost no Inngest event and no run (most tenants have no endpoint), only the mark below.
    const subscribed = await withSubscribers(events);
    const byTenant = new Map<string, Recorded[]>();
    for (const e of subscribed) byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
    const chunks = [...byTenant.values()].flatMap((list) => Array.from({ length: Math.ceil(list.length / MAX_EVENTS_PER_SEND) }, (_, i) => list.slice(i * MAX_EVENTS_PER_SEND, (i + 1) * MAX_EVENTS_PER_SEND)));
    if (chunks.length > 0) {
      await inngest.send(
        chunks.map((chunk) =>
          domainEventRecorded.create(
            { tenantId: chunk[0]!.tenantId, events: chunk.map(({ id, type }) => ({ id, type })), types: [...new Set(chunk.map((e) => e.type))] },
            { id: `domain-${createHash("sha256").update(chunk.map((e) => e.id).join(",")).digest("base64url")}` },
          ),
        ),
      );
    }
    await db().domainEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { dispatchedAt: new Date() } });
  } catch (err) {
    log.warn({ err, count: events.length }, "could not hand events to Inngest; the outbox sweep will retry");
  }
}

/** Starts delivery functions; the id makes a repeated request for the same attempt a no-op. */
export async function requestDeliveries(requests: { deliveryId: string; endpointId: string; tenantId: string; fromAttempt: number; delayMs?: number; generation?: number }[]): Promise<void> {
  if (requests.length === 0) return;
  await inngest.send(requests.map((r) => webhookDeliveryRequested.create(r, { id: `delivery-${r.deliveryId}-${r.fromAttempt}${r.generation ? `-g${r.generation}` : ""}` })));
}
