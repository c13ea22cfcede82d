/** The app's webhook functions (fan-out, delivery) on the embedded engine in this test process (import this file first). */
import { startInProcessEngine } from "../../support/in-process-engine";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

export const webhookEngineReady = startInProcessEngine(async () => [
  (await import("~/inngest/functions/webhooks/fan-out")).webhookFanOut,
  (await import("~/inngest/functions/webhooks/deliver")).webhookDeliver,
]);
