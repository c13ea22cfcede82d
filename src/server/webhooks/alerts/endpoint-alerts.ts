import "server-only";
import type { WebhookEndpoint } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { notifyTenantAdmins } from "@/server/notifications/notify-admins";
import { formatInstant } from "@/lib/format";
import { tenantTimeZone } from "@/server/tenants/time-zone";

/**
 * Operator alerts per endpoint, in-app and by e-mail to the admins, deduplicated: each condition
 * is sent once and not again until it changes. Conditions escalate FAILING → EXHAUSTED →
 * DISABLED; a success after any of them sends RECOVERED and clears the state. `REENABLED` (an
 * admin turned the endpoint back on) is a quiet state: the next failure or success alerts again.
 * The open condition lives in `WebhookEndpoint.alertCondition`; every change is a compare-and-set,
 * so concurrent attempts send an alert once.
 */
export type AlertCondition = "FAILING" | "EXHAUSTED" | "DISABLED";
const RANK: Record<AlertCondition, number> = { FAILING: 1, EXHAUSTED: 2, DISABLED: 3 };

/** Consecutive unsuccessful attempts that make a failing streak worth telling. */
export const FAILING_STREAK_ALERT = 5;

type Endpoint = Pick<WebhookEndpoint, "id" | "tenantId" | "url" | "description">;

const nameOf = (e: Endpoint) => e.description || e.url;

/** Raises `condition` unless it (or a graver one) is already open; true when the alert was sent. */
async function raise(endpoint: Endpoint, condition: AlertCondition, notice: { title: string; body: string }): Promise<boolean> {
  const lower = (Object.keys(RANK) as AlertCondition[]).filter((c) => RANK[c] < RANK[condition]);
  const { count } = await db().webhookEndpoint.updateMany({
    where: { id: endpoint.id, OR: [{ alertCondition: null }, { alertCondition: { in: [...lower, "REENABLED"] } }] },
    data: { alertCondition: condition },
  });
  if (count === 0) return false;
  await notifyTenantAdmins(endpoint.tenantId, { kind: `webhook.endpoint.${condition.toLowerCase()}`, link: "/webhooks", ...notice });
  return true;
}

export function alertFailingStreak(endpoint: Endpoint, streak: number, lastError: string | null) {
  return raise(endpoint, "FAILING", {
    title: "Un endpoint de webhooks está fallando",
    body: `${nameOf(endpoint)} falló ${streak} intentos seguidos${lastError ? ` (último error: ${lastError})` : ""}. Seguimos reintentando según el calendario; cuando el receptor vuelva podés «entregar ahora» lo que espera.`,
  });
}

export function alertRetriesExhausted(endpoint: Endpoint, eventType: string, lastError: string | null) {
  return raise(endpoint, "EXHAUSTED", {
    title: "Se agotaron los reintentos de un webhook",
    body: `${nameOf(endpoint)}: una entrega de ${eventType} agotó todos sus reintentos${lastError ? ` (último error: ${lastError})` : ""}. Podés reenviar lo fallido desde la herramienta de reenvío.`,
  });
}

export async function alertDisabled(endpoint: Endpoint, reason: string, at: Date) {
  const when = formatInstant(at, await tenantTimeZone(endpoint.tenantId));
  return raise(endpoint, "DISABLED", {
    title: "Deshabilitamos un endpoint de webhooks",
    body: `${nameOf(endpoint)} quedó deshabilitado el ${when}. Motivo: ${reason}. Los eventos nuevos quedan retenidos, no se pierden: al volver a habilitarlo podés entregar lo retenido.`,
  });
}

/** A success: clears any open condition; tells the admins when a real one (not REENABLED) was open. */
export async function alertRecovered(endpoint: Endpoint): Promise<boolean> {
  const { count: quiet } = await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, alertCondition: "REENABLED" }, data: { alertCondition: null } });
  if (quiet > 0) return false;
  const { count } = await db().webhookEndpoint.updateMany({ where: { id: endpoint.id, alertCondition: { in: Object.keys(RANK) } }, data: { alertCondition: null } });
  if (count === 0) return false;
  await notifyTenantAdmins(endpoint.tenantId, {
    kind: "webhook.endpoint.recovered",
    title: "Un endpoint de webhooks se recuperó",
    body: `${nameOf(endpoint)} volvió a recibir entregas correctamente.`,
    link: "/webhooks",
  });
  return true;
}
