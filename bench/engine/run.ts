/**
 * bench/engine: steps/s, runs/s and step round-trip latency of the embedded engine at 1 and 100
 * concurrent runs (3 steps each), with the SDK's checkpointing on and off, app and engine over
 * real loopback HTTP, signed. Each setting: one unmeasured burst (its rate is reported as the
 * first burst's), then 10 runs one at a time or 5 bursts of 100 measured.
 *   npx tsx --conditions=react-server bench/engine/run.ts            # PGlite (temp folder)
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx … # PostgreSQL
 * Prints a table and writes bench/results/engine-<database>.json through bench/support/results.ts:
 * a `headline` (steps/s at 100 concurrent runs, checkpointing on and off), the commit, node, CPU,
 * cores, load before/after and the code it measures (the freshness test fails once that code
 * changes after the run). Refuses to run when the 1-minute load exceeds the cores, unless
 * BENCH_ALLOW_LOAD=1 (then the file says `underLoad: true`).
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { dropDatabase, freshDatabase as freshPostgres } from "../support/postgres";
import { startBench, writeBenchResults } from "../support/results";

process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "contaflow-bench-"));
process.env.LOG_LEVEL = "warn";
const admin = process.env.BENCH_DATABASE_URL;
const BENCH_DB = `contaflow_bench_engine_${process.pid}`;

/** The engine's database: a fresh PostgreSQL one (BENCH_DATABASE_URL) or PGlite; its name and version. */
async function freshDatabase(): Promise<{ database: "postgresql" | "pglite"; version: string }> {
  if (!admin) {
    const { PGlite } = await import("@electric-sql/pglite");
    const probe = new PGlite();
    const version = (await probe.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version ?? "?";
    await probe.close();
    return { database: "pglite", version: `pglite (PostgreSQL ${version})` };
  }
  // A name of its own: other benches on the same server must not drop this one's database.
  const { url, version } = await freshPostgres(admin, BENCH_DB);
  process.env.DATABASE_URL = url;
  return { database: "postgresql", version };
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
  startBench();
  const { database, version } = await freshDatabase();
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
  const { resetEnvCache } = await import("@/env");
  const { localEventKey, localSigningKey } = await import("~/inngest/embedded/config");
  const { startEmbeddedEngine, syncApp } = await import("~/inngest/embedded");

  const probe = createServer();
  const enginePort = await listen(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  const client = new Inngest({ id: "bench", baseUrl: `http://127.0.0.1:${enginePort}`, signingKey: localSigningKey(), eventKey: localEventKey(), isDev: false });
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

  type Row = { checkpointing: boolean; concurrency: number; runs: number; seconds: number; stepsPerSecond: number; runsPerSecond: number; stepP50Ms: number; stepP95Ms: number; coldStepsPerSecond: number };
  /** Sends `rounds` bursts of `concurrency` events, each once the previous burst's runs ended; seconds taken. */
  async function runRounds(concurrency: number, rounds: number): Promise<number> {
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
    return (performance.now() - started) / 1000;
  }
  const results: Row[] = [];
  for (const checkpointing of [true, false]) {
    // Read by the engine at each call (src/env.ts): the same engine, the other protocol.
    process.env.INNGEST_ENGINE_CHECKPOINTING = checkpointing ? "1" : "0";
    resetEnvCache();
    for (const concurrency of [1, 100]) {
      // One unmeasured round first (its figure is kept as `coldStepsPerSecond`): the first burst
      // after a switch pays for JIT and connection warm-up; the measured rounds are the steady rate.
      const cold = await runRounds(concurrency, 1);
      await db().engineStepLog.deleteMany({});
      const rounds = concurrency === 1 ? 10 : 5;
      const seconds = await runRounds(concurrency, rounds);
      const runs = concurrency * rounds;
      const failed = await db().engineRun.count({ where: { status: { not: "COMPLETED" } } });
      if (failed > 0) throw new Error(`${failed} runs did not complete`);
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
      const row: Row = {
        checkpointing,
        concurrency,
        runs,
        seconds: +seconds.toFixed(2),
        stepsPerSecond: +((runs * 3) / seconds).toFixed(1),
        runsPerSecond: +(runs / seconds).toFixed(1),
        stepP50Ms: percentile(gaps, 50),
        stepP95Ms: percentile(gaps, 95),
        coldStepsPerSecond: +((concurrency * 3) / cold).toFixed(1),
      };
      results.push(row);
      console.log(`checkpointing ${checkpointing ? "on " : "off"} concurrency ${String(concurrency).padStart(3)}: ${row.stepsPerSecond} steps/s, ${row.runsPerSecond} runs/s (${runs} runs in ${row.seconds} s), step round-trip p50 ${row.stepP50Ms} ms, p95 ${row.stepP95Ms} ms; unmeasured first round ${row.coldStepsPerSecond} steps/s`);
    }
  }
  await engine.stop();
  await new Promise<void>((r) => app.close(() => r()));
  if (admin) {
    const { closeDatabase } = await import("@/server/db/client");
    await closeDatabase();
    await dropDatabase(admin, BENCH_DB);
  }
  const at100 = (checkpointing: boolean) => results.find((r) => r.checkpointing === checkpointing && r.concurrency === 100)!.stepsPerSecond;
  const written = writeBenchResults(`engine-${database}`, {
    headline: { stepsPerSecond: at100(true), stepsPerSecondWithoutCheckpointing: at100(false), firstBurstStepsPerSecond: results.find((r) => r.checkpointing && r.concurrency === 100)!.coldStepsPerSecond, concurrentRuns: 100, stepsPerRun: 3, database },
    measures: ["inngest/embedded", "src/server/db", "bench/engine"],
    database: version,
    stepsPerRun: 3,
    results,
  });
  console.log(`written ${written}`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
