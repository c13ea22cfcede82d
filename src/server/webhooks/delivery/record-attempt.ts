import "server-only";
import type { WebhookEndpoint } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { formatInstant } from "@/lib/format";
import { alertDisabled, alertFailingStreak, alertRecovered, alertRetriesExhausted, FAILING_STREAK_ALERT } from "../alerts/endpoint-alerts";
import { tenantTimeZone } from "@/server/tenants/time-zone";
import { holdEndpointBacklog } from "../backlog/hold";
import type { AttemptResult } from "../attempt";
import { planNextStep, type NextStep } from "../plan";

const DISABLED_BY_RECEIVER = "El receptor pidió dejar de enviar (410 Gone o webhook-delivery: disable)";

export type AttemptRecord = { deliveryId: string; tenantId: string; endpoint: WebhookEndpoint; attempt: number; result: AttemptResult; at: Date };

export function attemptLogRow(r: AttemptRecord) {
  return {
    tenantId: r.tenantId,
    deliveryId: r.deliveryId,
    attempt: r.attempt,
    requestHeaders: r.result.requestHeaders,
    status: r.result.status,
    latencyMs: Math.round(r.result.latencyMs),
    errorClass: r.result.errorClass,
    errorMessage: r.result.message,
    // PostgreSQL text cannot hold NUL; a binary response must not make the log row unwritable.
    responseExcerpt: r.result.responseExcerpt.replaceAll("\u0000", "\uFFFD"),
  };
}

/**
 * After an attempt that did not succeed (its log row is already written): decide what comes
 * next and update the delivery and, when it must be, the endpoint (failing streak, disable).
 */
export async function recordUnsuccessfulAttempt(r: AttemptRecord): Promise<NextStep> {
  const plan = planNextStep(r.result, r.attempt);
  const summary = { attemptCount: r.attempt, lastStatus: r.result.status, lastError: r.result.message };
  const { failingStreak } = await db().webhookEndpoint.update({ where: { id: r.endpoint.id }, data: { failingStreak: { increment: 1 } }, select: { failingStreak: true } });
  if (await disableIfFailingTooLong(r.endpoint, r.at)) {
    // Held with the rest of the endpoint's backlog: delivered when an admin re-enables it.
    await db().webhookDelivery.update({ where: { id: r.deliveryId }, data: { ...summary, status: "HELD", nextAttemptAt: null } });
    return { action: "abort" };
  }
  switch (plan.action) {
    case "retry":
      await db().webhookDelivery.update({ where: { id: r.deliveryId }, data: { ...summary, nextAttemptAt: new Date(Date.now() + plan.delayMs) } });
      if (failingStreak >= FAILING_STREAK_ALERT) await alertFailingStreak(r.endpoint, failingStreak, r.result.message);
      break;
    case "disable-endpoint": {
      await finishDelivery(r.deliveryId, "FAILED", summary);
      const reason = `${DISABLED_BY_RECEIVER}: respondió ${r.result.status ?? "sin código"}`;
      const { count } = await db().webhookEndpoint.updateMany({ where: { id: r.endpoint.id, enabled: true }, data: { enabled: false, disabledAt: r.at, disabledReason: reason } });
      await holdEndpointBacklog(r.endpoint.id);
      if (count === 1) await alertDisabled(r.endpoint, reason, r.at);
      break;
    }
    case "give-up": {
      const { eventType } = await finishDelivery(r.deliveryId, "FAILED", summary);
      await alertRetriesExhausted(r.endpoint, eventType, r.result.message);
      break;
    }
    case "delivered":
    case "abort":
      await finishDelivery(r.deliveryId, plan.action === "delivered" ? "SUCCEEDED" : "FAILED", summary);
      break;
  }
  return plan;
}

export function finishDelivery(deliveryId: string, status: "SUCCEEDED" | "FAILED", data: { attemptCount?: number; lastStatus?: number | null; lastError?: string | null }) {
  return db().webhookDelivery.update({ where: { id: deliveryId }, data: { ...data, status, nextAttemptAt: null, completedAt: new Date() } });
}

/** A successful attempt: ends the failing streak and, if an alert was open, says it recovered. */
export async function recordSuccess(endpoint: WebhookEndpoint) {
  if (!endpoint.failingSince && endpoint.failingStreak === 0 && !endpoint.alertCondition) return;
  await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null, failingStreak: 0 } });
  await alertRecovered(endpoint);
}

/** Starts or extends the endpoint's failing streak; past the threshold, disables it and tells the admins. */
async function disableIfFailingTooLong(endpoint: WebhookEndpoint, now: Date): Promise<boolean> {
  if (!endpoint.failingSince) {
    await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince: now } });
    return false;
  }
  const hours = env().WEBHOOK_DISABLE_AFTER_HOURS;
  if (now.getTime() - endpoint.failingSince.getTime() < hours * 3_600_000) return false;
  const since = formatInstant(endpoint.failingSince, await tenantTimeZone(endpoint.tenantId));
  const reason = `falló sin interrupción desde el ${since} (más de ${hours} horas)`;
  const { count } = await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: reason } });
  await holdEndpointBacklog(endpoint.id);
  if (count === 1) await alertDisabled(endpoint, reason, now);
  return true;
}
