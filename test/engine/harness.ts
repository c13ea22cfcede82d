/**
 * Conformance harness: the embedded engine in this process, and an app serving functions
 * with the real SDK (`inngest/node`) on another loopback port — real HTTP both ways, signed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { db } from "@/server/db/client";
import { localSigningKey } from "~/inngest/embedded/config";
import { startEmbeddedEngine, syncApp } from "~/inngest/embedded";

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function startHarness(build: (client: Inngest) => InngestFunction.Any[]) {
  process.env.INNGEST_ENGINE_BACKOFF_MS ??= "50";
  const enginePort = await freePort();
  const client = new Inngest({ id: "conformance", checkpointing: false, baseUrl: `http://127.0.0.1:${enginePort}`, signingKey: localSigningKey(), eventKey: "embedded", isDev: false });
  const functions = build(client);
  const handler = serve({ client, functions });
  const app: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  const serveUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  process.env.INNGEST_SERVE_URL = serveUrl;
  const engine = await startEmbeddedEngine({ port: enginePort, sync: false });
  await syncApp(serveUrl, Date.now() + 10_000);
  return {
    client,
    engine,
    async stop() {
      await engine.stop();
      await new Promise<void>((r) => app.close(() => r()));
    },
  };
}

/** Polls until the run started by `eventId` for `fnId` ends; returns the run with its steps log. */
export async function runFor(fnSlug: string, predicate: (run: { status: string; event: unknown }) => boolean = () => true, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await db().engineRun.findMany({ where: { functionId: `conformance-${fnSlug}` }, orderBy: { startedAt: "asc" }, include: { history: { orderBy: { at: "asc" } } } });
    const done = runs.filter((r) => r.status !== "RUNNING" && predicate(r));
    if (done.length > 0) return done[0]!;
    if (Date.now() > deadline) throw new Error(`no finished run of ${fnSlug}: ${JSON.stringify(runs.map((r) => ({ s: r.status, p: r.pending })))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
