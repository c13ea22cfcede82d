/**
 * The embedded Inngest engine: started once per server process when no Inngest server is
 * configured. Listens on loopback, runs the worker, and syncs the app's functions.
 */
import type { Server } from "node:http";
import { db, dbMode } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { appServeUrl, enginePort } from "./config";
import { createEngineServer } from "./http-api";
import { Worker } from "./worker";

const log = logger.child({ module: "inngest-engine" });
/** `synced` settles once the app's functions are registered (or the sync gave up, logged). */
type Engine = { server: Server; worker: Worker; port: number; synced: Promise<void>; stop: () => Promise<void> };
const holder = globalThis as { __contaflowEngine?: Promise<Engine> };

export function startEmbeddedEngine(options: { port?: number; sync?: boolean } = {}): Promise<Engine> {
  holder.__contaflowEngine ??= (async () => {
    // PGlite is one process by construction: leases left by a killed process are stale now.
    // (On PostgreSQL the leases of a dead process are released by the live ones: see leases.ts.)
    if (dbMode() === "pglite") await db().engineQueueItem.updateMany({ where: { leaseUntil: { not: null } }, data: { leaseUntil: null, leasedBy: null } });
    const server = createEngineServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? enginePort(), "127.0.0.1", () => resolve((server.address() as { port: number }).port));
    });
    const worker = new Worker();
    worker.start();
    log.info({ port }, "embedded Inngest engine listening");
    const synced = options.sync === false ? Promise.resolve() : syncApp().catch((err: unknown) => log.error({ err }, "app sync failed"));
    return {
      server,
      synced,
      worker,
      port,
      stop: async () => {
        await worker.stop();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        holder.__contaflowEngine = undefined;
      },
    };
  })();
  return holder.__contaflowEngine;
}

/** PUT the app's serve endpoint (as the Inngest server's "sync" does) until it answers. */
export async function syncApp(url = appServeUrl(), deadline = Date.now() + 120_000): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { method: "PUT" });
      if (res.ok) {
        log.info({ url }, "app functions synced with the embedded engine");
        return;
      }
      // Some functions refused at sync: the rest are registered, and retrying changes nothing.
      if (res.status === 400) {
        log.error({ url, body: (await res.text()).slice(0, 2_000) }, "app synced; some functions were refused (see the runs page)");
        return;
      }
      log.warn({ status: res.status, body: (await res.text()).slice(0, 300) }, "app sync refused; retrying");
    } catch {
      /* the app is not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log.error({ url }, "could not sync the app with the embedded engine");
}
