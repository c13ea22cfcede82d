import { inngest } from "../../client";
import { domainEventRecorded, webhookDeliveryRequested } from "../../events";
import { fanOutDomainEvents } from "@/server/webhooks/delivery/fan-out";
import { attemptFirstDeliveries } from "@/server/webhooks/delivery/first-attempts";

/**
 * For a batch of committed domain events: one delivery per subscribed endpoint and the first
 * attempt of each (one signed request per delivery, concurrently, per-endpoint limited), in
 * one step — a retried step creates nothing twice and skips attempts already logged, and one
 * step instead of two saves the engine a round trip per batch. What needs more — retries on
 * the schedule, endpoints already failing — continues in its own `webhook-deliver` run, so
 * retries stay independent per delivery.
 */
export const webhookFanOut = inngest.createFunction(
  { id: "webhook-fan-out", name: "Webhooks: repartir eventos", triggers: [domainEventRecorded], retries: 10 },
  async ({ event, step }) => {
    const { deliveries, followUps } = await step.run("deliver-batch", async () => {
      const created = await fanOutDomainEvents(event.data.events.map((e) => e.id));
      return { deliveries: created.length, followUps: await attemptFirstDeliveries(created) };
    });
    if (followUps.length > 0) {
      await step.sendEvent(
        "continue-deliveries",
        followUps.map((f) => webhookDeliveryRequested.create(f, { id: `delivery-${f.deliveryId}-${f.fromAttempt}` })),
      );
    }
    return { deliveries, followUps: followUps.length };
  },
);
