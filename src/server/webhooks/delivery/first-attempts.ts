import "server-only";
import pLimit from "p-limit";
import type { Dispatcher } from "undici";
import { insertRows } from "@/server/db/bulk-insert";
import { db, type Tx } from "@/server/db/client";
import { createId } from "@/server/ids";
import { sendSigned } from "./attempt-delivery";
import { waitForSendSlot } from "./rate-limit";
import type { DeliveryRef } from "./fan-out";
import { nextRetryDelay } from "../retry-schedule";
import { holdDelivery } from "../backlog/hold";
import { attemptLogRow, recordSuccess, recordUnsuccessfulAttempt, type AttemptRecord } from "./record-attempt";

/** In-flight first attempts per endpoint within one batch, so one receiver cannot hog the step. */
export const FIRST_ATTEMPT_CONCURRENCY_PER_ENDPOINT = 16;
/** A batch step stops starting attempts after this; the rest go to their own delivery runs. */
const BATCH_BUDGET_MS = 5_000;

const ATTEMPT_LOG_COLUMNS = {
  id: "text",
  tenantId: "text",
  deliveryId: "text",
  attempt: "integer",
  requestHeaders: "jsonb",
  status: "integer",
  latencyMs: "integer",
  errorClass: "text",
  errorMessage: "text",
  responseExcerpt: "text",
} as const;

/** What the batch leaves for per-delivery runs: a retry after `delayMs`, or a first attempt there. */
export type FollowUp = DeliveryRef & { fromAttempt: number; delayMs: number };

/**
 * The fast path of delivery: attempt 1 of a batch of fresh deliveries, concurrently, with a
 * few queries for the whole batch (load, one log insert, one status update). Every delivery
 * still gets exactly one signed HTTP request here, logged like any other attempt; what needs
 * more (a retry, an endpoint that is already failing, whatever did not start within the
 * budget) is returned as a follow-up for the per-delivery function. Safe to re-run as an
 * Inngest step: deliveries that already have attempt 1 logged are not sent again.
 */
export async function attemptFirstDeliveries(refs: DeliveryRef[], options: { dispatcher?: Dispatcher } = {}): Promise<FollowUp[]> {
  if (refs.length === 0) return [];
  const fresh = await db().webhookDelivery.findMany({
    where: { id: { in: refs.map((r) => r.deliveryId) }, status: "PENDING", attemptCount: 0 },
    include: { endpoint: true, event: { select: { id: true, type: true, body: true } }, attempts: { where: { attempt: 1 }, select: { status: true } } },
  });
  const ref = (d: (typeof fresh)[number]): DeliveryRef => ({ deliveryId: d.id, endpointId: d.endpointId, tenantId: d.tenantId });
  // A re-run after a crash between the attempt log and the status update: never send again.
  const followUps: FollowUp[] = await settleLoggedAttempts(fresh.filter((d) => d.attempts.length > 0).map((d) => ({ ...ref(d), status: d.attempts[0]!.status })));
  const deliveries = fresh.filter((d) => d.attempts.length === 0);

  const disabled = deliveries.filter((d) => !d.endpoint.enabled);
  for (const d of disabled) await holdDelivery(d.id);
  // An endpoint already failing gets the slow lane: its own runs, under its concurrency limit.
  const slowLane = (e: (typeof deliveries)[number]["endpoint"]) => Boolean(e.failingSince);
  const failing = deliveries.filter((d) => d.endpoint.enabled && slowLane(d.endpoint));
  followUps.push(...failing.map((d) => ({ ...ref(d), fromAttempt: 1, delayMs: 0 })));

  const healthy = deliveries.filter((d) => d.endpoint.enabled && !slowLane(d.endpoint));
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const deadline = Date.now() + BATCH_BUDGET_MS;
  const settled = await Promise.all(
    healthy.map((d) => {
      let limit = limits.get(d.endpointId);
      if (!limit) limits.set(d.endpointId, (limit = pLimit(FIRST_ATTEMPT_CONCURRENCY_PER_ENDPOINT)));
      return limit(async (): Promise<AttemptRecord | number | null> => {
        if (Date.now() > deadline) return null;
        // A rate-limited endpoint: send when its slot comes within the budget, else a follow-up
        // that sleeps until the queue ahead has drained (returned as the epoch ms to wake at:
        // the follow-up only leaves when the whole batch is done).
        const slot = await waitForSendSlot(d.endpoint, Math.max(0, deadline - Date.now()));
        if (!slot.reserved) return Date.now() + slot.retryInMs;
        const { result, at } = await sendSigned(d.endpoint, d.event, 1, options.dispatcher);
        return { deliveryId: d.id, tenantId: d.tenantId, endpoint: d.endpoint, attempt: 1, result, at };
      });
    }),
  );
  const records = settled.filter((r): r is AttemptRecord => r !== null && typeof r === "object");
  const wakeDelay = (wakeAt: number | null) => (wakeAt === null ? 0 : Math.max(0, wakeAt - Date.now()));
  followUps.push(...healthy.flatMap((d, i) => (settled[i] === null || typeof settled[i] === "number" ? [{ ...ref(d), fromAttempt: 1, delayMs: wakeDelay(settled[i] as number | null) }] : [])));

  // The batch's attempt log and its successes in one transaction: one commit for the whole
  // batch, and no window where an attempt is logged but its delivery not settled.
  const succeeded = records.filter((r) => r.result.outcome === "SUCCESS");
  await db().$transaction(async (tx) => {
    await insertRows(tx, "WebhookAttempt", ATTEMPT_LOG_COLUMNS, records.map((r) => ({ id: createId(), ...attemptLogRow(r) })), { onConflictDoNothing: true });
    await markDeliveredAtFirstAttempt(tx, succeeded.map((r) => ({ deliveryId: r.deliveryId, status: r.result.status })));
  });
  for (const endpoint of new Map(succeeded.map((r) => [r.endpoint.id, r.endpoint])).values()) await recordSuccess(endpoint);
  for (const r of records.filter((r) => r.result.outcome !== "SUCCESS")) {
    const plan = await recordUnsuccessfulAttempt(r);
    if (plan.action === "retry") followUps.push({ deliveryId: r.deliveryId, endpointId: r.endpoint.id, tenantId: r.tenantId, fromAttempt: plan.nextAttempt, delayMs: plan.delayMs });
  }
  return followUps;
}

/** Deliveries whose attempt 1 is logged but not applied: 2xx → succeeded; else attempt 2 on the schedule. */
async function settleLoggedAttempts(logged: (DeliveryRef & { status: number | null })[]): Promise<FollowUp[]> {
  const succeeded = logged.filter((d) => d.status !== null && d.status >= 200 && d.status < 300);
  await markDeliveredAtFirstAttempt(db(), succeeded);
  return logged.filter((d) => !succeeded.includes(d)).map(({ status: _status, ...d }) => ({ ...d, fromAttempt: 2, delayMs: nextRetryDelay({ failedAttempt: 1 }) ?? 0 }));
}

/** Deliveries whose attempt 1 got a 2xx: done, in one UPDATE whatever their status codes. */
async function markDeliveredAtFirstAttempt(tx: Tx, delivered: { deliveryId: string; status: number | null }[]) {
  if (delivered.length === 0) return;
  await tx.$executeRaw`
    UPDATE "WebhookDelivery" d
    SET status = 'SUCCEEDED', "attemptCount" = 1, "lastStatus" = x.status, "lastError" = NULL, "nextAttemptAt" = NULL, "completedAt" = now()
    FROM jsonb_to_recordset(${JSON.stringify(delivered.map((d) => ({ id: d.deliveryId, status: d.status })))}::jsonb) AS x(id text, status integer)
    WHERE d.id = x.id`;
}
