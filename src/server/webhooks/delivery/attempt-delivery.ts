import "server-only";
import type { Dispatcher } from "undici";
import type { WebhookEndpoint } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { notifyTenantAdmins } from "@/server/notifications/notify-admins";
import { deliverAttempt } from "../deliver";
import { openSecret, openToken } from "../endpoints/credentials";
import { planNextStep, type NextStep } from "../plan";
import type { SigningKeys } from "../signing";

function signingKeys(endpoint: WebhookEndpoint, now: Date): SigningKeys {
  const current = { secret: openSecret(endpoint.id, endpoint.secretEnc), token: openToken(endpoint.id, endpoint.tokenEnc) };
  const until = endpoint.previousSecretExpiresAt;
  if (!until || until <= now || !endpoint.previousSecretEnc || !endpoint.previousTokenEnc) return { current };
  return { current, previous: { secret: openSecret(endpoint.id, endpoint.previousSecretEnc), token: openToken(endpoint.id, endpoint.previousTokenEnc), until } };
}

const DISABLED_BY_RECEIVER = "El receptor pidió dejar de enviar (410 Gone o webhook-delivery: disable)";

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
    await finish(deliveryId, "FAILED", { lastError: "Endpoint deshabilitado; la entrega queda para reenviar." });
    return { action: "abort" };
  }

  const now = new Date();
  const result = await deliverAttempt({
    url: endpoint.url,
    messageId: event.id,
    eventType: event.type,
    attempt,
    body: Buffer.from(event.body, "utf8"),
    keys: signingKeys(endpoint, now),
    timeoutMs: endpoint.timeoutMs,
    dispatcher: options.dispatcher,
    now,
  });
  const plan = planNextStep(result, attempt);
  const log = {
    requestHeaders: result.requestHeaders,
    status: result.status,
    latencyMs: Math.round(result.latencyMs),
    errorClass: result.errorClass,
    errorMessage: result.message,
    responseExcerpt: result.responseExcerpt,
  };
  await db().webhookAttempt.upsert({
    where: { deliveryId_attempt: { deliveryId, attempt } },
    create: { tenantId: delivery.tenantId, deliveryId, attempt, ...log },
    update: log,
  });

  const summary = { attemptCount: attempt, lastStatus: result.status, lastError: result.message };
  if (plan.action === "delivered") {
    if (endpoint.failingSince) await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } });
  } else if (await disableIfFailingTooLong(endpoint, now)) {
    await finish(deliveryId, "FAILED", summary);
    return { action: "abort" };
  }
  switch (plan.action) {
    case "delivered":
      await finish(deliveryId, "SUCCEEDED", summary);
      break;
    case "retry":
      await db().webhookDelivery.update({ where: { id: deliveryId }, data: { ...summary, nextAttemptAt: new Date(Date.now() + plan.delayMs) } });
      break;
    case "disable-endpoint":
      await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledAt: now, disabledReason: DISABLED_BY_RECEIVER } });
      await finish(deliveryId, "FAILED", summary);
      break;
    case "give-up":
    case "abort":
      await finish(deliveryId, "FAILED", summary);
      break;
  }
  return plan;
}

function finish(deliveryId: string, status: "SUCCEEDED" | "FAILED", data: { attemptCount?: number; lastStatus?: number | null; lastError?: string | null }) {
  return db().webhookDelivery.update({ where: { id: deliveryId }, data: { ...data, status, nextAttemptAt: null, completedAt: new Date() } });
}

/** Starts or extends the endpoint's failing streak; past the threshold, disables it and tells the admins. */
async function disableIfFailingTooLong(endpoint: WebhookEndpoint, now: Date): Promise<boolean> {
  if (!endpoint.failingSince) {
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: now } });
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
