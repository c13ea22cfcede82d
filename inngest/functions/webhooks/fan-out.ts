import { inngest } from "../../client";
import { domainEventRecorded, webhookDeliveryRequested } from "../../events";
import { fanOutDomainEvent } from "@/server/webhooks/delivery/fan-out";

/** One delivery per subscribed endpoint, each delivered by its own run (retries stay independent). */
export const webhookFanOut = inngest.createFunction(
  { id: "webhook-fan-out", name: "Webhooks: repartir evento", triggers: [domainEventRecorded], retries: 10 },
  async ({ event, step }) => {
    const deliveries = await step.run("create-deliveries", () => fanOutDomainEvent(event.data.eventId));
    if (deliveries.length > 0) {
      await step.sendEvent(
        "request-deliveries",
        deliveries.map((d) => webhookDeliveryRequested.create({ ...d, fromAttempt: 1 }, { id: `delivery-${d.deliveryId}-1` })),
      );
    }
    return { deliveries: deliveries.length };
  },
);
