import "server-only";
import { inngest } from "~/inngest/client";
import { domainEventRecorded, webhookDeliveryRequested } from "~/inngest/events";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";

const log = logger.child({ module: "dispatch" });

/**
 * Hands committed outbox events to Inngest (event id = outbox id, so re-sending is harmless)
 * and marks them dispatched. Never throws: a failure leaves them for the outbox sweep, and the
 * action that produced them has already succeeded.
 */
export async function dispatchDomainEvents(events: { id: string; type: string; tenantId: string }[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await inngest.send(events.map((e) => domainEventRecorded.create({ eventId: e.id, type: e.type, tenantId: e.tenantId }, { id: `domain-${e.id}` })));
    await db().domainEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { dispatchedAt: new Date() } });
  } catch (err) {
    log.warn({ err, count: events.length }, "could not hand events to Inngest; the outbox sweep will retry");
  }
}

/** Starts delivery functions; the id makes a repeated request for the same attempt a no-op. */
export async function requestDeliveries(requests: { deliveryId: string; endpointId: string; tenantId: string; fromAttempt: number }[]): Promise<void> {
  if (requests.length === 0) return;
  await inngest.send(requests.map((r) => webhookDeliveryRequested.create(r, { id: `delivery-${r.deliveryId}-${r.fromAttempt}` })));
}
