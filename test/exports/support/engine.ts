/**
 * The app's export, sync and webhook functions on the embedded engine, in this test process:
 * the real Inngest client (pointed at an engine port chosen here, BEFORE the client module
 * loads — import this file first), the real SDK serving them over loopback HTTP, signed.
 */
import { createServer as createNetServer } from "node:net";

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

delete process.env.INNGEST_BASE_URL;
delete process.env.INNGEST_EVENT_KEY;
process.env.INNGEST_ENGINE_PORT = String(await freePort());
process.env.INNGEST_ENGINE_BACKOFF_MS ??= "50";
process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";

export async function startExportsEngine() {
  const [{ createServer }, { serve }, { inngest }, { exportDocument }, { executePush }, { syncRun }, { webhookFanOut }, { webhookDeliver }, { startEmbeddedEngine, syncApp }] = await Promise.all([
    import("node:http"),
    import("inngest/node"),
    import("~/inngest/client"),
    import("~/inngest/functions/exports/export-document"),
    import("~/inngest/functions/exports/execute-push"),
    import("~/inngest/functions/sync/sync-run"),
    import("~/inngest/functions/webhooks/fan-out"),
    import("~/inngest/functions/webhooks/deliver"),
    import("~/inngest/embedded"),
  ]);
  const handler = serve({ client: inngest, functions: [executePush, exportDocument, syncRun, webhookFanOut, webhookDeliver] });
  const app = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  const serveUrl = `http://127.0.0.1:${(app.address() as { port: number }).port}/api/inngest`;
  process.env.INNGEST_SERVE_URL = serveUrl;
  const engine = await startEmbeddedEngine({ port: Number(process.env.INNGEST_ENGINE_PORT), sync: false });
  await syncApp(serveUrl, Date.now() + 15_000);
  return {
    async stop() {
      await engine.stop();
      await new Promise<void>((r) => app.close(() => r()));
    },
  };
}

export const engineReady = startExportsEngine();
