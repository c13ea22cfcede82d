import "server-only";
import type { WebhookEndpoint } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { notifyTenantAdmins } from "@/server/notifications/notify-admins";
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
  if (await disableIfFailingTooLong(r.endpoint, r.at)) {
    await finishDelivery(r.deliveryId, "FAILED", summary);
    return { action: "abort" };
  }
  switch (plan.action) {
    case "retry":
      await db().webhookDelivery.update({ where: { id: r.deliveryId }, data: { ...summary, nextAttemptAt: new Date(Date.now() + plan.delayMs) } });
      break;
    case "disable-endpoint":
      await db().webhookEndpoint.update({ where: { id: r.endpoint.id }, data: { enabled: false, disabledAt: r.at, disabledReason: DISABLED_BY_RECEIVER } });
      await finishDelivery(r.deliveryId, "FAILED", summary);
      break;
    case "delivered":
    case "give-up":
    case "abort":
      await finishDelivery(r.deliveryId, plan.action === "delivered" ? "SUCCEEDED" : "FAILED", summary);
      break;
  }
  return plan;
}

export function finishDelivery(deliveryId: string, status: "SUCCEEDED" | "FAILED", data: { attemptCount?: number; lastStatus?: number | null; lastError?: string | null }) {
  return db().webhookDelivery.update({ where: { id: deliveryId }, data: { ...data, status, nextAttemptAt: null, completedAt: new Date() } });
}

/** Starts or extends the endpoint's failing streak; past the threshold, disables it and tells the admins. */
async function disableIfFailingTooLong(endpoint: WebhookEndpoint, now: Date): Promise<boolean> {
  if (!endpoint.failingSince) {
    await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince: now } });
    return false;
  }
  const hours = env().WEBHOOK_DISABLE_AFTER_HOURS;
  if (now.getTime() - endpoint.failingSince.getTime() < hours * 3_600_000) return false;
  const { count } = await db().webhookEndpoint.updateMany({
    where: { id: endpoint.id, enabled: true },
    data: { enabled: false, disabledAt: now, disabledReason: `Falló sin interrupción durante más de ${Math.round(hours / 24)} días` },
  });
  if (count === 1) {
    await notifyTenantAdmins(endpoint.tenantId, {
      kind: "webhook.endpoint.disabled",
      title: "Deshabilitamos un endpoint de webhooks",
      body: `${endpoint.description || endpoint.url} falló sin interrupción desde el ${endpoint.failingSince.toLocaleString("es-AR", { timeZone: "America/Argentina/Buenos_Aires" })}. Revisalo y volvé a habilitarlo; podés reenviar lo fallido desde esa fecha.`,
      link: "/webhooks",
    });
  }
  return true;
}
