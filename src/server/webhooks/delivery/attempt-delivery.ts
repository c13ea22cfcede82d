import "server-only";
import type { Dispatcher } from "undici";
import type { WebhookEndpoint } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { deliverAttempt } from "../deliver";
import { openSecret, openToken } from "../endpoints/credentials";
import type { NextStep } from "../plan";
import type { SigningKeys } from "../signing";
import { attemptLogRow, finishDelivery, recordUnsuccessfulAttempt } from "./record-attempt";

export function signingKeys(endpoint: WebhookEndpoint, now: Date): SigningKeys {
  const current = { secret: openSecret(endpoint.id, endpoint.secretEnc), token: openToken(endpoint.id, endpoint.tokenEnc) };
  const until = endpoint.previousSecretExpiresAt;
  if (!until || until <= now || !endpoint.previousSecretEnc || !endpoint.previousTokenEnc) return { current };
  return { current, previous: { secret: openSecret(endpoint.id, endpoint.previousSecretEnc), token: openToken(endpoint.id, endpoint.previousTokenEnc), until } };
}

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
    dispatcher,
    now,
  }).then((result) => ({ result, at: now }));
}

/**
 * Attempt `attempt` of one delivery: exactly one signed HTTP request, recorded in the attempt
 * log, with the delivery's state updated. The body of one Inngest step; safe to re-run (a
 * re-run sends again — at-least-once — and overwrites that attempt's log row).
 */
export async function attemptDelivery(deliveryId: string, attempt: number, options: { dispatcher?: Dispatcher } = {}): Promise<NextStep> {
  const delivery = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true, event: true } });
  if (!delivery || delivery.status === "SUCCEEDED") return { action: "delivered" };
  if (delivery.status === "FAILED") return { action: "abort" };
  const { endpoint, event } = delivery;
  if (!endpoint.enabled) {
    await finishDelivery(deliveryId, "FAILED", { lastError: "Endpoint deshabilitado; la entrega queda para reenviar." });
    return { action: "abort" };
  }

  const { result, at } = await sendSigned(endpoint, event, attempt, options.dispatcher);
  const record = { deliveryId, tenantId: delivery.tenantId, endpoint, attempt, result, at };
  const row = attemptLogRow(record);
  await db().webhookAttempt.upsert({ where: { deliveryId_attempt: { deliveryId, attempt } }, create: row, update: row });

  if (result.outcome !== "SUCCESS") return recordUnsuccessfulAttempt(record);
  if (endpoint.failingSince) await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } });
  await finishDelivery(deliveryId, "SUCCEEDED", { attemptCount: attempt, lastStatus: result.status, lastError: null });
  return { action: "delivered" };
}
