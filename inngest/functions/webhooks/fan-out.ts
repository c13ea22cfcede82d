import { inngest } from "../../client";
import { domainEventRecorded, webhookDeliveryRequested } from "../../events";
import { fanOutDomainEvents } from "@/server/webhooks/delivery/fan-out";
import { attemptFirstDeliveries } from "@/server/webhooks/delivery/first-attempts";

/**
 * For a batch of committed domain events: one delivery per subscribed endpoint, then the first
 * attempt of each (one signed request per delivery, concurrently, per-endpoint limited). What
 * needs more — retries on the schedule, endpoints already failing — continues in its own
 * `webhook-deliver` run, so retries stay independent per delivery.
 */
export const webhookFanOut = inngest.createFunction(
  { id: "webhook-fan-out", name: "Webhooks: repartir eventos", triggers: [domainEventRecorded], retries: 10 },
  async ({ event, step }) => {
    const deliveries = await step.run("create-deliveries", () => fanOutDomainEvents(event.data.events.map((e) => e.id)));
    if (deliveries.length === 0) return { deliveries: 0, followUps: 0 };
    const followUps = await step.run("first-attempts", () => attemptFirstDeliveries(deliveries));
    if (followUps.length > 0) {
      await step.sendEvent(
        "continue-deliveries",
        followUps.map((f) => webhookDeliveryRequested.create(f, { id: `delivery-${f.deliveryId}-${f.fromAttempt}` })),
      );
    }
    return { deliveries: deliveries.length, followUps: followUps.length };
  },
);
