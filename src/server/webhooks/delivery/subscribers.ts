import "server-only";
import { db } from "@/server/db/client";

type Subscribable = { tenantId: string; type: string };

/**
 * The endpoints of these events' tenants subscribed to any of their types — enabled or not (a
 * disabled one holds its deliveries) — in one query. The fan-out creates deliveries from them;
 * dispatch asks the same to skip events nobody subscribes to.
 */
export function endpointsFor(events: Subscribable[]) {
  return db().webhookEndpoint.findMany({
    where: { tenantId: { in: [...new Set(events.map((e) => e.tenantId))] }, eventTypes: { hasSome: [...new Set(events.map((e) => e.type))] } },
    select: { id: true, tenantId: true, eventTypes: true, enabled: true, filter: true },
  });
}

/** Whether the endpoint subscribes to the event: one of its tenant's, of a type it chose. */
export function subscribes(endpoint: { tenantId: string; eventTypes: string[] }, event: Subscribable): boolean {
  return endpoint.tenantId === event.tenantId && endpoint.eventTypes.includes(event.type);
}

/**
 * The outbox events some endpoint subscribes to. Read after the events committed, so every
 * endpoint that existed when an event was produced is seen; an endpoint created later starts with
 * the events produced after it, as with any webhook service. Payload filters are applied at
 * fan-out, not here.
 */
export async function withSubscribers<T extends Subscribable>(events: T[]): Promise<T[]> {
  if (events.length === 0) return [];
  const endpoints = await endpointsFor(events);
  return events.filter((event) => endpoints.some((endpoint) => subscribes(endpoint, event)));
}
