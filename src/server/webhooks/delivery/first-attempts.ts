import "server-only";
import pLimit from "p-limit";
import type { Dispatcher } from "undici";
import { db } from "@/server/db/client";
import { sendSigned } from "./attempt-delivery";
import type { DeliveryRef } from "./fan-out";
import { attemptLogRow, finishDelivery, recordUnsuccessfulAttempt, type AttemptRecord } from "./record-attempt";

/** In-flight first attempts per endpoint within one batch, so one receiver cannot hog the step. */
export const FIRST_ATTEMPT_CONCURRENCY_PER_ENDPOINT = 16;
/** A batch step stops starting attempts after this; the rest go to their own delivery runs. */
const BATCH_BUDGET_MS = 5_000;

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
  const deliveries = await db().webhookDelivery.findMany({
    where: { id: { in: refs.map((r) => r.deliveryId) }, status: "PENDING", attemptCount: 0, attempts: { none: { attempt: 1 } } },
    include: { endpoint: true, event: { select: { id: true, type: true, body: true } } },
  });
  const followUps: FollowUp[] = [];
  const ref = (d: (typeof deliveries)[number]): DeliveryRef => ({ deliveryId: d.id, endpointId: d.endpointId, tenantId: d.tenantId });

  const disabled = deliveries.filter((d) => !d.endpoint.enabled);
  for (const d of disabled) await finishDelivery(d.id, "FAILED", { lastError: "Endpoint deshabilitado; la entrega queda para reenviar." });
  // An endpoint already failing gets the slow lane: its own runs, under its concurrency limit.
  const failing = deliveries.filter((d) => d.endpoint.enabled && d.endpoint.failingSince);
  followUps.push(...failing.map((d) => ({ ...ref(d), fromAttempt: 1, delayMs: 0 })));

  const healthy = deliveries.filter((d) => d.endpoint.enabled && !d.endpoint.failingSince);
  const limits = new Map<string, ReturnType<typeof pLimit>>();
  const deadline = Date.now() + BATCH_BUDGET_MS;
  const settled = await Promise.all(
    healthy.map((d) => {
      let limit = limits.get(d.endpointId);
      if (!limit) limits.set(d.endpointId, (limit = pLimit(FIRST_ATTEMPT_CONCURRENCY_PER_ENDPOINT)));
      return limit(async (): Promise<AttemptRecord | null> => {
        if (Date.now() > deadline) return null;
        const { result, at } = await sendSigned(d.endpoint, d.event, 1, options.dispatcher);
        return { deliveryId: d.id, tenantId: d.tenantId, endpoint: d.endpoint, attempt: 1, result, at };
      });
    }),
  );
  const records = settled.filter((r): r is AttemptRecord => r !== null);
  followUps.push(...healthy.filter((_, i) => settled[i] === null).map((d) => ({ ...ref(d), fromAttempt: 1, delayMs: 0 })));

  await db().webhookAttempt.createMany({ data: records.map(attemptLogRow), skipDuplicates: true });
  const succeeded = records.filter((r) => r.result.outcome === "SUCCESS");
  for (const status of new Set(succeeded.map((r) => r.result.status))) {
    const group = succeeded.filter((r) => r.result.status === status);
    await db().webhookDelivery.updateMany({
      where: { id: { in: group.map((r) => r.deliveryId) } },
      data: { status: "SUCCEEDED", attemptCount: 1, lastStatus: status, lastError: null, nextAttemptAt: null, completedAt: new Date() },
    });
  }
  for (const r of records.filter((r) => r.result.outcome !== "SUCCESS")) {
    const plan = await recordUnsuccessfulAttempt(r);
    if (plan.action === "retry") followUps.push({ deliveryId: r.deliveryId, endpointId: r.endpoint.id, tenantId: r.tenantId, fromAttempt: plan.nextAttempt, delayMs: plan.delayMs });
  }
  return followUps;
}
