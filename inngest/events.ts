/**
 * The typed catalogue of Inngest events the app sends and its functions listen to: one zod
 * schema per event. (Webhook payloads — document.processed, … — are the domain catalogue in
 * src/server/events/catalog.ts; these are the internal events that move work along.)
 */
import { eventType } from "inngest";
import { z } from "zod";

/** A domain event was committed to the outbox: fan it out to webhook endpoints. */
export const domainEventRecorded = eventType("domain/event.recorded", {
  schema: z.object({ eventId: z.string().min(1), type: z.string().min(1), tenantId: z.string().min(1) }),
});

/** Deliver (or continue delivering) one webhook delivery, starting at `fromAttempt`. */
export const webhookDeliveryRequested = eventType("webhook/delivery.requested", {
  schema: z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1), tenantId: z.string().min(1), fromAttempt: z.number().int().positive() }),
});
