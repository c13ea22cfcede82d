import "server-only";
import { db } from "@/server/db/client";

/** How long a delivery run may wait in-process for its slot; further away, it sleeps durably. */
export const MAX_SLOT_WAIT_MS = 5_000;

/** `slotAt`: the reserved send time (epoch ms, database clock). */
export type SlotDecision = { reserved: true; waitMs: number; slotAt: number } | { reserved: false; retryInMs: number };

/**
 * Per-endpoint deliveries/s, enforced in the database so it holds across runs, processes and
 * engines: each send reserves the endpoint's next slot, `1/perSecond` after the previous one
 * (a GCRA without burst: sends are evenly spaced, never more than `perSecond` in any second).
 * One atomic statement per send; the database clock decides, so workers' clocks cannot drift
 * it. A slot further than `maxWaitMs` away is not reserved: the caller sleeps and asks again.
 */
export async function reserveSendSlot(endpointId: string, perSecond: number, maxWaitMs = MAX_SLOT_WAIT_MS): Promise<SlotDecision> {
  const stepMs = 1000 / perSecond;
  const rows = await db().$queryRaw<{ waitMs: number; slotAt: number }[]>`
    INSERT INTO "WebhookRateSlot" ("endpointId", "nextAt")
    VALUES (${endpointId}, clock_timestamp() + make_interval(secs => ${stepMs / 1000}::float8))
    ON CONFLICT ("endpointId") DO UPDATE
      SET "nextAt" = GREATEST("WebhookRateSlot"."nextAt", clock_timestamp()) + make_interval(secs => ${stepMs / 1000}::float8)
      WHERE "WebhookRateSlot"."nextAt" <= clock_timestamp() + make_interval(secs => ${maxWaitMs / 1000}::float8)
    RETURNING GREATEST(0, EXTRACT(EPOCH FROM ("nextAt" - make_interval(secs => ${stepMs / 1000}::float8) - clock_timestamp())) * 1000)::float8 AS "waitMs",
      (EXTRACT(EPOCH FROM ("nextAt" - make_interval(secs => ${stepMs / 1000}::float8))) * 1000)::float8 AS "slotAt"`;
  if (rows[0]) return { reserved: true, waitMs: rows[0].waitMs, slotAt: rows[0].slotAt };
  const [slot] = await db().$queryRaw<{ aheadMs: number }[]>`
    SELECT (EXTRACT(EPOCH FROM ("nextAt" - clock_timestamp())) * 1000)::float8 AS "aheadMs" FROM "WebhookRateSlot" WHERE "endpointId" = ${endpointId}`;
  // Wake when the queue ahead has drained to half the in-process window, spread over up to 1 s
  // so the deferred runs do not all wake (and contend) at once.
  return { reserved: false, retryInMs: Math.max(200, Math.ceil((slot?.aheadMs ?? 0) - maxWaitMs / 2 + Math.random() * 1000)) };
}

/**
 * The send itself: records its start only if the previous send started at least 1/perSecond ago,
 * else says how long to wait. Reserved slots are evenly spaced, but timers fire late on a busy
 * event loop and several late waiters would go out together; this keeps the spacing at the
 * moment of sending. Returns 0 when the send may start now.
 */
async function claimSend(endpointId: string, perSecond: number): Promise<number> {
  const stepSecs = 1 / perSecond;
  const [row] = await db().$queryRaw<{ claimed: boolean; waitMs: number }[]>`
    WITH claim AS (
      UPDATE "WebhookRateSlot" SET "lastSentAt" = clock_timestamp()
      WHERE "endpointId" = ${endpointId} AND ("lastSentAt" IS NULL OR "lastSentAt" <= clock_timestamp() - make_interval(secs => ${stepSecs}::float8))
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM claim) AS claimed,
      COALESCE((SELECT EXTRACT(EPOCH FROM ("lastSentAt" + make_interval(secs => ${stepSecs}::float8) - clock_timestamp())) * 1000 FROM "WebhookRateSlot" WHERE "endpointId" = ${endpointId}), 0)::float8 AS "waitMs"`;
  return row?.claimed ? 0 : Math.max(1, Math.ceil(row?.waitMs ?? 1));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for a reserved slot, then for the send to be clear; at once when the endpoint has no limit. */
export async function waitForSendSlot(endpoint: { id: string; rateLimitPerSecond: number | null }, maxWaitMs = MAX_SLOT_WAIT_MS): Promise<SlotDecision> {
  if (!endpoint.rateLimitPerSecond) return { reserved: true, waitMs: 0, slotAt: Date.now() };
  const decision = await reserveSendSlot(endpoint.id, endpoint.rateLimitPerSecond, maxWaitMs);
  if (!decision.reserved) return decision;
  if (decision.waitMs > 0) await sleep(decision.waitMs);
  for (let wait = await claimSend(endpoint.id, endpoint.rateLimitPerSecond); wait > 0; wait = await claimSend(endpoint.id, endpoint.rateLimitPerSecond)) await sleep(wait);
  return decision;
}
