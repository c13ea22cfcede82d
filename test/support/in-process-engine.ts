/**
 * The app's own Inngest functions on the embedded engine, in this test process: the real Inngest
 * client (pointed at an engine port chosen here, BEFORE the client module loads — import this
 * module before anything that imports ~/inngest/client), the real SDK serving the functions over
 * loopback HTTP, signed calls both ways. `load` imports the functions after the port is set.
 */
import { createServer as createNetServer } from "node:net";
import type { InngestFunction } from "inngest";

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
// src/env.ts may have been read already (database set-up): read these settings again.
(await import("@/env")).resetEnvCache();

export async function startInProcessEngine(load: () => Promise<InngestFunction.Any[]>) {
  const [{ createServer }, { serve }, { inngest }, { startEmbeddedEngine, syncApp }, functions] = await Promise.all([
    import("node:http"),
    import("inngest/node"),
    import("~/inngest/client"),
    import("~/inngest/embedded"),
    load(),
  ]);
  const handler = serve({ client: inngest, functions });
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
