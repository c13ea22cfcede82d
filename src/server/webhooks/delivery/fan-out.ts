import "server-only";
import { db } from "@/server/db/client";

/**
 * One delivery per (event, enabled endpoint subscribed to its type). Idempotent: running it
 * again (a retried step, a replayed event) creates nothing new and returns the same ids.
 */
export async function fanOutDomainEvent(eventId: string): Promise<{ deliveryId: string; endpointId: string; tenantId: string }[]> {
  const event = await db().domainEvent.findUnique({ where: { id: eventId }, select: { id: true, tenantId: true, type: true } });
  if (!event) return [];
  const endpoints = await db().webhookEndpoint.findMany({
    where: { tenantId: event.tenantId, enabled: true, eventTypes: { has: event.type } },
    select: { id: true },
  });
  if (endpoints.length > 0) {
    await db().webhookDelivery.createMany({
      data: endpoints.map((e) => ({ tenantId: event.tenantId, endpointId: e.id, eventId: event.id, eventType: event.type })),
      skipDuplicates: true,
    });
  }
  const deliveries = await db().webhookDelivery.findMany({ where: { eventId, status: "PENDING", attemptCount: 0 }, select: { id: true, endpointId: true, tenantId: true } });
  return deliveries.map((d) => ({ deliveryId: d.id, endpointId: d.endpointId, tenantId: d.tenantId }));
}
