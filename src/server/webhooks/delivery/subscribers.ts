import "server-only";
import { db } from "@/server/db/client";

type Recorded = { id: string; type: string; tenantId: string };

/**
 * The outbox events some endpoint of their tenant subscribes to (enabled or not: a disabled one
 * holds its deliveries), in one query for the whole batch. Read
 * after the events committed, so every endpoint that existed when an event was produced is seen;
 * an endpoint created later starts with the events produced after it, as with any webhook
 * service. Payload filters are applied at fan-out, not here.
 */
export async function withSubscribers<T extends Recorded>(events: T[]): Promise<T[]> {
  if (events.length === 0) return [];
  const endpoints = await db().webhookEndpoint.findMany({
    where: { tenantId: { in: [...new Set(events.map((e) => e.tenantId))] }, eventTypes: { hasSome: [...new Set(events.map((e) => e.type))] } },
    select: { tenantId: true, eventTypes: true },
  });
  const wanted = new Set(endpoints.flatMap((e) => e.eventTypes.map((type) => `${e.tenantId}\u0000${type}`)));
  return events.filter((e) => wanted.has(`${e.tenantId}\u0000${e.type}`));
}
