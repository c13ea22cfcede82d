/** The app's real Inngest functions served over HTTP, on the embedded engine, in this process. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "inngest/node";
import { db } from "@/server/db/client";
import { inngest } from "~/inngest/client";
import { startEmbeddedEngine, syncApp } from "~/inngest/embedded";
import { functions } from "~/inngest/functions";

export async function startAppEngine() {
  const handler = serve({ client: inngest, functions });
  const app: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  const serveUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
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

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs of one of our functions for a tenant, once none is running. */
export async function finishedRuns(tenantId: string, fnId: string, count = 1) {
  return until(`${count} finished run(s) of ${fnId}`, async () => {
    const runs = await db().engineRun.findMany({ where: { tenantId, functionId: `contaflow-${fnId}` }, orderBy: { startedAt: "asc" } });
    return runs.length >= count && runs.every((r) => r.status !== "RUNNING") ? runs : null;
  });
}
