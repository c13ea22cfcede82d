import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { ListDeliveriesInput } from "@/lib/schemas/deliveries";

/** `q` finds a delivery by its id, its message's id (webhook-id) or an id inside the payload. */
function searchWhere(q: string | undefined) {
  if (!q) return undefined;
  const quoted = JSON.stringify(q);
  return [{ id: q }, { eventId: q }, { event: { body: { contains: `"documentoId":${quoted}` } } }, { event: { body: { contains: `"connectorId":${quoted}` } } }];
}

/** The delivery log, newest first, keyset-paginated by id within createdAt. */
export async function listDeliveries(scope: TenantScope, input: ListDeliveriesInput) {
  const rows = await db().webhookDelivery.findMany({
    where: scoped(scope, {
      endpointId: input.endpointId,
      status: input.status,
      eventType: input.eventType,
      createdAt: input.from || input.to ? { gte: input.from, lte: input.to } : undefined,
      OR: searchWhere(input.q),
    }),
    include: { endpoint: { select: { url: true, description: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.eventType,
      status: d.status,
      attemptCount: d.attemptCount,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt,
      createdAt: d.createdAt,
      completedAt: d.completedAt,
      endpoint: { id: d.endpointId, url: d.endpoint.url, description: d.endpoint.description },
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
  };
}

/**
 * One delivery with every attempt (request headers are stored masked) and its body: the exact
 * bytes that were signed and sent (stored once, identical on every attempt), not re-serialized.
 */
export async function getDelivery(scope: TenantScope, id: string) {
  const d = await db().webhookDelivery.findFirst({
    where: scoped(scope, { id }),
    include: { event: { select: { body: true, occurredAt: true } }, endpoint: { select: { url: true } }, attempts: { orderBy: { attempt: "asc" } } },
  });
  if (!d) throw AppError.notFound("Entrega");
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attemptCount: d.attemptCount,
    nextAttemptAt: d.nextAttemptAt,
    url: d.endpoint.url,
    body: d.event.body,
    occurredAt: d.event.occurredAt,
    attempts: d.attempts.map((a) => ({
      attempt: a.attempt,
      at: a.createdAt,
      status: a.status,
      latencyMs: a.latencyMs,
      errorClass: a.errorClass,
      errorMessage: a.errorMessage,
      requestHeaders: a.requestHeaders as Record<string, string>,
      responseExcerpt: a.responseExcerpt,
    })),
  };
}
