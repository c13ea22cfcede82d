/**
 * Conformance harness: the embedded engine in this process, and an app serving functions
 * with the real SDK (`inngest/node`) on another loopback port — real HTTP both ways, signed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { localEventKey, localSigningKey } from "~/inngest/embedded/config";
import { startEmbeddedEngine, syncApp } from "~/inngest/embedded";
import { freePort } from "~/bench/support/ports";

/** The benches' own: one way to pick a loopback port for the app and the engine processes. */
export { freePort } from "~/bench/support/ports";

/** The suites that run twice: with the SDK's checkpointing (the default) and with one call per step. */
export const CHECKPOINTING_MODES = [
  { mode: "checkpointing on", checkpointing: true },
  { mode: "checkpointing off", checkpointing: false },
] as const;

/**
 * `checkpointing` sets INNGEST_ENGINE_CHECKPOINTING for the engine (the SDK client keeps its
 * default, on, as the app's does: the engine decides). `calls` counts the engine's calls to the app.
 */
export async function startHarness(build: (client: Inngest) => InngestFunction.Any[], options: { streaming?: boolean; checkpointing?: boolean } = {}) {
  process.env.INNGEST_ENGINE_BACKOFF_MS ??= "50";
  process.env.INNGEST_ENGINE_CHECKPOINTING = options.checkpointing === false ? "0" : "1";
  resetEnvCache();
  const enginePort = await freePort();
  const client = new Inngest({ id: "conformance", baseUrl: `http://127.0.0.1:${enginePort}`, signingKey: localSigningKey(), eventKey: localEventKey(), isDev: false });
  const functions = build(client);
  const handler = serve({ client, functions, ...(options.streaming ? { streaming: true } : {}) });
  const calls = { count: 0 };
  const app: Server = createServer((req, res) => {
    if (req.method === "POST") calls.count++;
    void handler(req, res);
  });
  await new Promise<void>((r) => app.listen(0, "127.0.0.1", r));
  const serveUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  process.env.INNGEST_SERVE_URL = serveUrl;
  const engine = await startEmbeddedEngine({ port: enginePort, sync: false });
  await syncApp(serveUrl, Date.now() + 10_000);
  return {
    client,
    engine,
    calls,
    eventKey: localEventKey(),
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

/** Between the two modes of a suite in one file: no runs, waits or events of the previous mode left. */
export async function clearEngineRuns() {
  await db().engineRun.deleteMany({});
  await db().engineEvent.deleteMany({});
  await db().engineDedupe.deleteMany({});
  await db().engineDebounce.deleteMany({});
  await db().engineBatch.deleteMany({});
  await db().engineRateState.deleteMany({});
}
