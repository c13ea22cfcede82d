import "server-only";
import type { WebhookDeliveryStatus } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { DeliveryRequest } from "../delivery/redeliver";

type Reopenable = { id: string; endpointId: string; tenantId: string; attemptCount: number; generation: number };
const REOPEN_SELECT = { id: true, endpointId: true, tenantId: true, attemptCount: true, generation: true } as const;

/**
 * Puts a delivery back in flight under a new generation: its attempts continue numbering after
 * the ones logged, and any older run still sleeping on the schedule stops when it wakes.
 */
export async function reopenDeliveries(rows: Reopenable[], statuses: WebhookDeliveryStatus[]): Promise<DeliveryRequest[]> {
  const requests: DeliveryRequest[] = [];
  for (const d of rows) {
    // Compare-and-set: a delivery that changed meanwhile (delivered, reopened twice) is skipped.
    const { count } = await db().webhookDelivery.updateMany({
      where: { id: d.id, generation: d.generation, status: { in: statuses } },
      data: { status: "PENDING", completedAt: null, nextAttemptAt: new Date(), generation: d.generation + 1 },
    });
    if (count === 1) requests.push({ deliveryId: d.id, endpointId: d.endpointId, tenantId: d.tenantId, fromAttempt: d.attemptCount + 1, generation: d.generation + 1 });
  }
  return requests;
}

async function ownEndpoint(scope: TenantScope, endpointId: string) {
  const endpoint = await db().webhookEndpoint.findFirst({ where: scoped(scope, { id: endpointId }), select: { enabled: true } });
  if (!endpoint) throw AppError.notFound("Endpoint");
  return endpoint;
}

async function enabledEndpoint(scope: TenantScope, endpointId: string) {
  const endpoint = await ownEndpoint(scope, endpointId);
  if (!endpoint.enabled) throw new AppError("CONFLICT", "El endpoint está deshabilitado: habilitalo antes de entregar");
}

/** "entregar lo retenido (n eventos desde …)": what the endpoint kept while it was disabled. */
export async function heldSummary(scope: TenantScope, endpointId: string) {
  await ownEndpoint(scope, endpointId);
  const agg = await db().webhookDelivery.aggregate({ where: scoped(scope, { endpointId, status: "HELD" as const }), _count: { _all: true }, _min: { createdAt: true } });
  return { count: agg._count._all, since: agg._min.createdAt };
}

/** Delivers every HELD delivery of an enabled endpoint, oldest first. */
export async function deliverHeld(scope: TenantScope, endpointId: string): Promise<DeliveryRequest[]> {
  await enabledEndpoint(scope, endpointId);
  const held = await db().webhookDelivery.findMany({ where: scoped(scope, { endpointId, status: "HELD" as const }), select: REOPEN_SELECT, orderBy: { createdAt: "asc" } });
  return reopenDeliveries(held, ["HELD"]);
}

/** The replay tool: HELD and/or FAILED deliveries of one endpoint created within [from, to]. */
export async function replayDeliveries(scope: TenantScope, input: { endpointId: string; from: Date; to?: Date; statuses: ("HELD" | "FAILED")[] }): Promise<DeliveryRequest[]> {
  if (input.to && input.to < input.from) throw AppError.field("to", "La fecha final es anterior a la inicial");
  await enabledEndpoint(scope, input.endpointId);
  const rows = await db().webhookDelivery.findMany({
    where: scoped(scope, { endpointId: input.endpointId, status: { in: input.statuses }, createdAt: { gte: input.from, ...(input.to ? { lte: input.to } : {}) } }),
    select: REOPEN_SELECT,
    orderBy: { createdAt: "asc" },
  });
  return reopenDeliveries(rows, input.statuses);
}

/**
 * "entregar ahora": after a receiver outage, the deliveries still waiting on the retry schedule
 * (5 min, 30 min, 2 h…) are attempted now instead; their sleeping runs stop when they wake.
 */
export async function deliverWaitingNow(scope: TenantScope, endpointId: string): Promise<DeliveryRequest[]> {
  await enabledEndpoint(scope, endpointId);
  const waiting = await db().webhookDelivery.findMany({
    where: scoped(scope, { endpointId, status: "PENDING" as const, attemptCount: { gt: 0 }, nextAttemptAt: { gt: new Date() } }),
    select: REOPEN_SELECT,
    orderBy: { createdAt: "asc" },
  });
  return reopenDeliveries(waiting, ["PENDING"]);
}

/** How many deliveries of the endpoint wait on the retry schedule, and the next one due. */
export async function waitingSummary(scope: TenantScope, endpointId: string) {
  await ownEndpoint(scope, endpointId);
  const agg = await db().webhookDelivery.aggregate({
    where: scoped(scope, { endpointId, status: "PENDING" as const, attemptCount: { gt: 0 }, nextAttemptAt: { gt: new Date() } }),
    _count: { _all: true },
    _min: { nextAttemptAt: true },
  });
  return { count: agg._count._all, nextAt: agg._min.nextAttemptAt };
}
