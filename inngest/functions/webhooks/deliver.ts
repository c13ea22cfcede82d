import { inngest } from "../../client";
import { webhookDeliveryRequested } from "../../events";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";

/**
 * Delivers one webhook: one HTTP attempt per step, durable sleeps between attempts following
 * the schedule (≈3 days, jittered). Step retries only cover our own failures (database down);
 * the receiver's failures are the schedule's business and are logged per attempt.
 */
export const webhookDeliver = inngest.createFunction(
  {
    id: "webhook-deliver",
    name: "Webhooks: entregar",
    triggers: [webhookDeliveryRequested],
    retries: 5,
    concurrency: { limit: 10, key: "event.data.endpointId" },
  },
  async ({ event, step }) => {
    let attempt = event.data.fromAttempt;
    if (event.data.delayMs) await step.sleep(`wait-before-${attempt}`, event.data.delayMs);
    for (;;) {
      const next = await step.run(`attempt-${attempt}`, () => attemptDelivery(event.data.deliveryId, attempt));
      if (next.action !== "retry") return { ...next, attempts: attempt - event.data.fromAttempt + 1 };
      await step.sleep(`wait-before-${next.nextAttempt}`, next.delayMs);
      attempt = next.nextAttempt;
    }
  },
);
