import "server-only";
import type { Dispatcher } from "undici";
import type { WebhookEndpoint } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { deliverAttempt } from "../deliver";
import type { NextStep } from "../plan";
import { signingKeys } from "../rotation/endpoint-keys";
import { holdDelivery } from "../backlog/hold";
import { waitForSendSlot } from "./rate-limit";
import { attemptLogRow, finishDelivery, recordSuccess, recordUnsuccessfulAttempt } from "./record-attempt";

/** Signs now and sends one attempt of an event to an endpoint. */
export function sendSigned(endpoint: WebhookEndpoint, event: { id: string; type: string; body: string }, attempt: number, dispatcher?: Dispatcher) {
  const now = new Date();
  return deliverAttempt({
    url: endpoint.url,
    messageId: event.id,
    eventType: event.type,
    attempt,
    body: Buffer.from(event.body, "utf8"),
    keys: signingKeys(endpoint, now),
    timeoutMs: endpoint.timeoutMs,
    extraHeaders: endpoint.customHeaders as Record<string, string>,
    dispatcher,
    now,
  }).then((result) => ({ result, at: now }));
}

/**
 * Attempt `attempt` of one delivery: exactly one signed HTTP request, recorded in the attempt
 * log, with the delivery's state updated. The body of one Inngest step; safe to re-run (a
 * re-run sends again — at-least-once — and overwrites that attempt's log row).
 */
/** The endpoint's rate limit has no slot soon: sleep `delayMs` (durably) and attempt again. */
export type Throttled = { action: "throttled"; delayMs: number };

export async function attemptDelivery(deliveryId: string, attempt: number, options: { dispatcher?: Dispatcher; generation?: number } = {}): Promise<NextStep | Throttled> {
  const delivery = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true, event: true } });
  if (!delivery || delivery.status === "SUCCEEDED") return { action: "delivered" };
  if (delivery.status === "FAILED" || delivery.status === "HELD") return { action: "abort" };
  // An admin restarted this delivery ("entregar ahora", resend): the newer run owns it now.
  if ((options.generation ?? 0) !== delivery.generation) return { action: "abort" };
  const { endpoint, event } = delivery;
  if (!endpoint.enabled) {
    await holdDelivery(deliveryId);
    return { action: "abort" };
  }

  const slot = await waitForSendSlot(endpoint);
  if (!slot.reserved) return { action: "throttled", delayMs: slot.retryInMs };
  const { result, at } = await sendSigned(endpoint, event, attempt, options.dispatcher);
  const record = { deliveryId, tenantId: delivery.tenantId, endpoint, attempt, result, at };
  const row = attemptLogRow(record);
  await db().webhookAttempt.upsert({ where: { deliveryId_attempt: { deliveryId, attempt } }, create: row, update: row });

  if (result.outcome !== "SUCCESS") return recordUnsuccessfulAttempt(record);
  await recordSuccess(endpoint);
  await finishDelivery(deliveryId, "SUCCEEDED", { attemptCount: attempt, lastStatus: result.status, lastError: null });
  return { action: "delivered" };
}
