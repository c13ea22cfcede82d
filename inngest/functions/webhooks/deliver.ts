import { inngest } from "../../client";
import { webhookDeliveryRequested } from "../../events";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";

/**
 * Delivers one webhook: one HTTP attempt per step, durable sleeps between attempts following
 * the schedule (≈3 days, jittered). Step retries only cover our own failures (database down);
 * the receiver's failures are the schedule's business and are logged per attempt. An endpoint's
 * rate limit (delivery/rate-limit.ts) may defer an attempt: the run sleeps and tries again.
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
    for (let deferred = 0; ; ) {
      // A throttled attempt runs again after its sleep; the generation check in attemptDelivery
      // stops this run there if an admin restarted the delivery meanwhile ("entregar ahora").
      const id = deferred === 0 ? `attempt-${attempt}` : `attempt-${attempt}-after-limit-${deferred}`;
      const next = await step.run(id, () => attemptDelivery(event.data.deliveryId, attempt, { generation: event.data.generation }));
      if (next.action === "throttled") {
        await step.sleep(`rate-limit-${attempt}-${++deferred}`, next.delayMs);
        continue;
      }
      deferred = 0;
      if (next.action !== "retry") return { ...next, attempts: attempt - event.data.fromAttempt + 1 };
      await step.sleep(`wait-before-${next.nextAttempt}`, next.delayMs);
      attempt = next.nextAttempt;
    }
  },
);
