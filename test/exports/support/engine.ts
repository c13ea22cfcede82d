/** The app's export, sync and webhook functions on the embedded engine in this test process (import this file first). */
import { startInProcessEngine } from "../../support/in-process-engine";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

export function startExportsEngine() {
  return startInProcessEngine(async () => [
    (await import("~/inngest/functions/exports/execute-push")).executePush,
    (await import("~/inngest/functions/exports/export-document")).exportDocument,
    (await import("~/inngest/functions/sync/sync-run")).syncRun,
    (await import("~/inngest/functions/webhooks/fan-out")).webhookFanOut,
    (await import("~/inngest/functions/webhooks/deliver")).webhookDeliver,
  ]);
}

export const engineReady = startExportsEngine();
