import "server-only";
import { insertRows } from "@/server/db/bulk-insert";
import { db } from "@/server/db/client";
import { createId } from "@/server/ids";
import { matchesPayloadFilter, type FilterCondition } from "@/lib/webhooks/payload-filter";
import { endpointsFor, subscribes } from "./subscribers";

export type DeliveryRef = { deliveryId: string; endpointId: string; tenantId: string };

/**
 * One delivery per (event, endpoint subscribed to its type), for a batch of outbox events in a
 * few queries. A disabled endpoint gets its delivery too, HELD: nothing produced while it is off
 * is lost, and re-enabling offers to deliver the backlog. Idempotent: running it again (a retried
 * step, a replayed event) creates nothing new and returns the deliveries not attempted yet.
 * An endpoint's payload filter is applied here: an event it excludes gets no delivery at all, not
 * even a held one (nothing to send, nothing in the log), as if the endpoint had not subscribed to it.
 */
export async function fanOutDomainEvents(eventIds: string[]): Promise<DeliveryRef[]> {
  if (eventIds.length === 0) return [];
  const events = await db().domainEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, tenantId: true, type: true, body: true } });
  if (events.length === 0) return [];
  const endpoints = await endpointsFor(events);
  const rows = events.flatMap((event) => {
    let payload: unknown;
    const passes = (filter: FilterCondition[]) => filter.length === 0 || matchesPayloadFilter((payload ??= JSON.parse(event.body)), filter);
    return endpoints
      .filter((e) => subscribes(e, event))
      .filter((e) => passes(e.filter as FilterCondition[]))
      .map((e) => ({ id: createId(), tenantId: event.tenantId, endpointId: e.id, eventId: event.id, eventType: event.type, enabled: e.enabled }));
  });
  const live = rows.filter((r) => r.enabled).map(({ enabled: _e, ...r }) => r);
  const held = rows.filter((r) => !r.enabled).map(({ enabled: _e, ...r }) => ({ ...r, status: "HELD" as const }));
  await insertRows(db(), "WebhookDelivery", { id: "text", tenantId: "text", endpointId: "text", eventId: "text", eventType: "text" }, live, { onConflictDoNothing: true });
  if (held.length > 0) await db().webhookDelivery.createMany({ data: held, skipDuplicates: true });
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
