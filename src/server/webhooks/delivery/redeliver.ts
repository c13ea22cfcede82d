import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { createDomainEvent } from "@/server/events/build";
import { eventCatalog, type EventType } from "@/server/events/catalog";
import { recordDomainEvent } from "@/server/events/outbox";
import { scoped, type TenantScope } from "@/server/tenants/scope";

/** A delivery to (re)start: its attempts continue numbering after the ones already logged. */
export type DeliveryRequest = { deliveryId: string; endpointId: string; tenantId: string; fromAttempt: number };

function reopen(delivery: { id: string; endpointId: string; tenantId: string; attemptCount: number }): Promise<DeliveryRequest> {
  return db()
    .webhookDelivery.update({ where: { id: delivery.id }, data: { status: "PENDING", completedAt: null, nextAttemptAt: new Date() } })
    .then(() => ({ deliveryId: delivery.id, endpointId: delivery.endpointId, tenantId: delivery.tenantId, fromAttempt: delivery.attemptCount + 1 }));
}

/** "Reenviar": the same message (same id, same bytes) to the same endpoint, once more. */
export async function resendDelivery(scope: TenantScope, id: string): Promise<DeliveryRequest> {
  const delivery = await db().webhookDelivery.findFirst({ where: scoped(scope, { id }), include: { endpoint: { select: { enabled: true } } } });
  if (!delivery) throw AppError.notFound("Entrega");
  if (!delivery.endpoint.enabled) throw new AppError("CONFLICT", "El endpoint está deshabilitado: habilitalo antes de reenviar");
  if (delivery.status === "PENDING") throw new AppError("CONFLICT", "La entrega todavía está en curso");
  return reopen(delivery);
}

/** "Reenviar todo lo fallido desde <fecha>" for one endpoint, e.g. after re-enabling it. */
export async function replayFailedSince(scope: TenantScope, endpointId: string, since: Date): Promise<DeliveryRequest[]> {
  const endpoint = await db().webhookEndpoint.findFirst({ where: scoped(scope, { id: endpointId }), select: { enabled: true } });
  if (!endpoint) throw AppError.notFound("Endpoint");
  if (!endpoint.enabled) throw new AppError("CONFLICT", "El endpoint está deshabilitado: habilitalo antes de reenviar");
  const failed = await db().webhookDelivery.findMany({
    where: scoped(scope, { endpointId, status: "FAILED" as const, createdAt: { gte: since } }),
    select: { id: true, endpointId: true, tenantId: true, attemptCount: true },
    orderBy: { createdAt: "asc" },
  });
  return Promise.all(failed.map(reopen));
}

/** "Enviar evento de prueba": the catalogue's sample of `type`, to this endpoint only. */
export async function createTestDelivery(scope: TenantScope, endpointId: string, type: EventType): Promise<DeliveryRequest> {
  const endpoint = await db().webhookEndpoint.findFirst({ where: scoped(scope, { id: endpointId }), select: { id: true, enabled: true } });
  if (!endpoint) throw AppError.notFound("Endpoint");
  if (!endpoint.enabled) throw new AppError("CONFLICT", "El endpoint está deshabilitado: habilitalo para enviar una prueba");
  const { type: _t, version: _v, timestamp: _ts, ...sample } = eventCatalog[type].sample as Record<string, unknown>;
  const event = createDomainEvent(type, sample as never);
  const delivery = await db().$transaction(async (tx) => {
    const recorded = await recordDomainEvent(tx, scope.tenantId, event);
    // Only this endpoint: the event is marked dispatched so the outbox sweep never fans it out.
    await tx.domainEvent.update({ where: { id: recorded.id }, data: { dispatchedAt: new Date() } });
    return tx.webhookDelivery.create({ data: { tenantId: scope.tenantId, endpointId, eventId: recorded.id, eventType: type } });
  });
  return { deliveryId: delivery.id, endpointId, tenantId: scope.tenantId, fromAttempt: 1 };
}
