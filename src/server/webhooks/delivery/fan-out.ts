import "server-only";
import { insertRows } from "@/server/db/bulk-insert";
import { db } from "@/server/db/client";
import { createId } from "@/server/ids";

export type DeliveryRef = { deliveryId: string; endpointId: string; tenantId: string };

/**
 * One delivery per (event, enabled endpoint subscribed to its type), for a batch of outbox
 * events in a few queries. Idempotent: running it again (a retried step, a replayed event)
 * creates nothing new and returns the deliveries that have not been attempted yet.
 */
export async function fanOutDomainEvents(eventIds: string[]): Promise<DeliveryRef[]> {
  if (eventIds.length === 0) return [];
  const events = await db().domainEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, tenantId: true, type: true } });
  if (events.length === 0) return [];
  const endpoints = await db().webhookEndpoint.findMany({
    where: { tenantId: { in: [...new Set(events.map((e) => e.tenantId))] }, enabled: true, eventTypes: { hasSome: [...new Set(events.map((e) => e.type))] } },
    select: { id: true, tenantId: true, eventTypes: true },
  });
  const rows = events.flatMap((event) =>
    endpoints
      .filter((e) => e.tenantId === event.tenantId && e.eventTypes.includes(event.type))
      .map((e) => ({ id: createId(), tenantId: event.tenantId, endpointId: e.id, eventId: event.id, eventType: event.type })),
  );
  await insertRows(db(), "WebhookDelivery", { id: "text", tenantId: "text", endpointId: "text", eventId: "text", eventType: "text" }, rows, { onConflictDoNothing: true });
  const deliveries = await db().webhookDelivery.findMany({
    where: { eventId: { in: events.map((e) => e.id) }, status: "PENDING", attemptCount: 0 },
    select: { id: true, endpointId: true, tenantId: true },
    orderBy: { createdAt: "asc" },
  });
  return deliveries.map((d) => ({ deliveryId: d.id, endpointId: d.endpointId, tenantId: d.tenantId }));
}

export function fanOutDomainEvent(eventId: string): Promise<DeliveryRef[]> {
  return fanOutDomainEvents([eventId]);
}
