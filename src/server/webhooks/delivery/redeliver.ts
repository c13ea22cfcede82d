import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { createDomainEvent } from "@/server/events/build";
import { eventCatalog, type EventType } from "@/server/events/catalog";
import { recordDomainEvent } from "@/server/events/outbox";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { reopenDeliveries } from "../backlog/backlog";

/** A delivery to (re)start: its attempts continue numbering after the ones already logged. */
export type DeliveryRequest = { deliveryId: string; endpointId: string; tenantId: string; fromAttempt: number; generation?: number };

/** "Reenviar": the same message (same id, same bytes) to the same endpoint, once more. */
export async function resendDelivery(scope: TenantScope, id: string): Promise<DeliveryRequest> {
  const delivery = await db().webhookDelivery.findFirst({ where: scoped(scope, { id }), include: { endpoint: { select: { enabled: true } } } });
  if (!delivery) throw AppError.notFound("Entrega");
  if (!delivery.endpoint.enabled) throw new AppError("CONFLICT", "El endpoint está deshabilitado: habilitalo antes de reenviar");
  if (delivery.status === "PENDING") throw new AppError("CONFLICT", "La entrega todavía está en curso");
  const [request] = await reopenDeliveries([delivery], ["FAILED", "HELD", "SUCCEEDED"]);
  if (!request) throw new AppError("CONFLICT", "La entrega cambió mientras tanto: recargá y volvé a intentarlo");
  return request;
}

/** Test ids: `doc_test_…`, `con_test_…`; real ids are `c<base36>` (ids.ts), so they can never collide. */
const TEST_ID_FIELDS = { documentoId: "doc", connectorId: "con", externalId: "ext" } as const;

/** The catalogue's sample of `type` marked as a test: `test: true` and fresh ids that are not real. */
export function testEventData(type: EventType): Record<string, unknown> {
  const { type: _t, version: _v, timestamp: _ts, ...sample } = eventCatalog[type].sample as Record<string, unknown>;
  const suffix = randomBytes(6).toString("hex");
  for (const [field, prefix] of Object.entries(TEST_ID_FIELDS)) if (field in sample) sample[field] = `${prefix}_test_${suffix}`;
  return { ...sample, test: true };
}

/** "Enviar evento de prueba": a test-marked sample of `type`, to this endpoint only. */
export async function createTestDelivery(scope: TenantScope, endpointId: string, type: EventType): Promise<DeliveryRequest> {
  const endpoint = await db().webhookEndpoint.findFirst({ where: scoped(scope, { id: endpointId }), select: { id: true, enabled: true } });
  if (!endpoint) throw AppError.notFound("Endpoint");
  if (!endpoint.enabled) throw new AppError("CONFLICT", "El endpoint está deshabilitado: habilitalo para enviar una prueba");
  const event = createDomainEvent(type, testEventData(type) as never);
  const delivery = await db().$transaction(async (tx) => {
    const recorded = await recordDomainEvent(tx, scope.tenantId, event);
    // Only this endpoint: the event is marked dispatched so the outbox sweep never fans it out.
    await tx.domainEvent.update({ where: { id: recorded.id }, data: { dispatchedAt: new Date() } });
    return tx.webhookDelivery.create({ data: { tenantId: scope.tenantId, endpointId, eventId: recorded.id, eventType: type } });
  });
  return { deliveryId: delivery.id, endpointId, tenantId: scope.tenantId, fromAttempt: 1 };
}
