/**
 * bench/engine: runs/s and step round-trip latency of the embedded engine at 1, 10 and 100
 * concurrent runs (3 steps each), app and engine over real loopback HTTP, signed.
 *   npx tsx --conditions=react-server bench/engine/run.ts            # PGlite (temp folder)
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx … # PostgreSQL
 * Prints a table and writes bench/results/engine.json.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Inngest } from "inngest";
import { serve } from "inngest/node";

process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "contaflow-bench-"));
process.env.LOG_LEVEL = "warn";
const admin = process.env.BENCH_DATABASE_URL;

async function freshDatabase() {
  if (!admin) return "pglite";
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS "contaflow_bench" WITH (FORCE)');
  await client.query('CREATE DATABASE "contaflow_bench"');
  await client.end();
  const url = new URL(admin);
  url.pathname = "/contaflow_bench";
  process.env.DATABASE_URL = url.toString();
  return "postgresql";
}

async function listen(server: ReturnType<typeof createServer>) {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return (server.address() as AddressInfo).port;
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main() {
  const database = await freshDatabase();
  const { db } = await import("@/server/db/client");
  const { applyMigrations, pgFactory, pgliteFactory } = await import("@/server/db/migrator");
  if (database === "postgresql") {
    const { factory, close } = await pgFactory(process.env.DATABASE_URL!);
    await applyMigrations(factory);
    await close();
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const dir = join(process.env.DATA_DIR!, "pglite");
    mkdirSync(dir, { recursive: true });
    const pglite = await PGlite.create(dir);
    await applyMigrations(await pgliteFactory(pglite));
    await pglite.close();
  }
  const { localSigningKey } = await import("~/inngest/embedded/config");
  const { startEmbeddedEngine, syncApp } = await import("~/inngest/embedded");

  const probe = createServer();
  const enginePort = await listen(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  const client = new Inngest({ id: "bench", checkpointing: false, baseUrl: `http://127.0.0.1:${enginePort}`, signingKey: localSigningKey(), eventKey: "embedded", isDev: false });
  const fn = client.createFunction({ id: "three-steps", triggers: [{ event: "bench/run" }] }, async ({ step }) => {
    const a = await step.run("a", () => 1);
    const b = await step.run("b", () => a + 1);
    return step.run("c", () => b + 1);
  });
  const handler = serve({ client, functions: [fn] });
  const app = createServer((req, res) => void handler(req, res));
  const appPort = await listen(app);
  process.env.INNGEST_SERVE_URL = `http://127.0.0.1:${appPort}/api/inngest`;
  const engine = await startEmbeddedEngine({ port: enginePort, sync: false });
  await syncApp(process.env.INNGEST_SERVE_URL, Date.now() + 10_000);

  const results: { concurrency: number; runs: number; seconds: number; runsPerSecond: number; stepP50Ms: number; stepP95Ms: number }[] = [];
  for (const concurrency of [1, 10, 100]) {
    const rounds = concurrency === 1 ? 20 : concurrency === 10 ? 3 : 1;
    await db().engineRun.deleteMany({});
    const started = performance.now();
    for (let round = 0; round < rounds; round++) {
      await client.send(Array.from({ length: concurrency }, (_, i) => ({ name: "bench/run", data: { i, round } })));
      for (;;) {
        const open = await db().engineRun.count({ where: { status: "RUNNING" } });
        const total = await db().engineRun.count();
        if (open === 0 && total === concurrency * (round + 1)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const runs = concurrency * rounds;
    const logs = await db().engineStepLog.findMany({ orderBy: [{ runId: "asc" }, { at: "asc" }], select: { runId: true, at: true } });
    const starts = new Map((await db().engineRun.findMany({ select: { id: true, startedAt: true } })).map((r) => [r.id, r.startedAt.getTime()]));
    const gaps: number[] = [];
    let prev: { runId: string; at: number } | null = null;
    for (const l of logs) {
      const at = l.at.getTime();
      gaps.push(prev && prev.runId === l.runId ? at - prev.at : at - (starts.get(l.runId) ?? at));
      prev = { runId: l.runId, at };
    }
    await db().engineStepLog.deleteMany({});
    const row = { concurrency, runs, seconds: +seconds.toFixed(2), runsPerSecond: +(runs / seconds).toFixed(1), stepP50Ms: percentile(gaps, 50), stepP95Ms: percentile(gaps, 95) };
    results.push(row);
    console.log(`concurrency ${String(concurrency).padStart(3)}: ${row.runsPerSecond} runs/s (${runs} runs in ${row.seconds} s), step round-trip p50 ${row.stepP50Ms} ms, p95 ${row.stepP95Ms} ms`);
  }
  await engine.stop();
  await new Promise<void>((r) => app.close(() => r()));
  const out = { benchmark: "engine", date: new Date().toISOString(), database, stepsPerRun: 3, machine: "2 cores (shared)", results };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(`bench/results/engine-${database}.json`, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`written bench/results/engine-${database}.json`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
