/**
 * bench/delivery: webhook deliveries/s to a local receiver and commit → first-attempt latency
 * (p50/p99), through the real pipeline — outbox commit, dispatch, the embedded Inngest engine,
 * fan-out with batched first attempts, signed HTTP — on PostgreSQL. Next to it, in the same run,
 * a bare loop that signs and POSTs the same bodies to the same receiver with the same agent and
 * concurrency: the floor of what delivery can cost. The ratio is the figure.
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions=react-server bench/delivery/run.ts
 * Three phases: throughput (a saturating burst: events committed 50 per transaction with
 * recordDomainEvents, as fast as they commit; its commit→first-attempt includes the queueing of
 * the burst), at the target (1,000 events/s offered, paced, in actions of 10 events: the
 * latency at the target rate) and latency (single-event actions, as the app's are, from
 * BENCH_PRODUCERS concurrent users, default 16). BENCH_EVENTS: 5000.
 * Prints the figures and writes bench/results/delivery-postgresql.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";

const admin = process.env.BENCH_DATABASE_URL;
if (!admin) {
  console.error("Set BENCH_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.");
  process.exit(2);
}
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 16);

async function freePort() {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

async function freshDatabase() {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query('DROP DATABASE IF EXISTS "contaflow_bench_delivery" WITH (FORCE)');
  await client.query('CREATE DATABASE "contaflow_bench_delivery"');
  await client.end();
  const url = new URL(admin!);
  url.pathname = "/contaflow_bench_delivery";
  return url.toString();
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function startReceiver(): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "bench/delivery/receiver.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      const m = /READY (\d+)/.exec(d.toString());
      if (m) resolve({ proc, url: `http://127.0.0.1:${m[1]}` });
    });
    proc.on("exit", (code) => reject(new Error(`receiver exited (${code})`)));
  });
}

async function receiverStats(url: string) {
  return (await (await fetch(`${url}/stats`)).json()) as { requests: number; ids: Record<string, number> };
}

/** Runs `count` jobs with `concurrency` workers. */
async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await job(next++);
  }));
}

async function main() {
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "contaflow-bench-delivery-"));
  process.env.LOG_LEVEL = "warn";
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  process.env.DATABASE_URL = await freshDatabase();
  process.env.APP_PORT = String(await freePort());
  process.env.INNGEST_ENGINE_PORT = String(await freePort());
  process.env.INNGEST_SERVE_URL = `http://127.0.0.1:${process.env.APP_PORT}/api/inngest`;

  const { applyMigrations, pgFactory } = await import("@/server/db/migrator");
  const { factory, close } = await pgFactory(process.env.DATABASE_URL);
  await applyMigrations(factory);
  await close();

  const receiver = await startReceiver();
  process.on("exit", () => receiver.proc.kill());
  const [{ serve }, { inngest }, { functions }, { db }, { startEmbeddedEngine, syncApp }, { recordDomainEvent, recordDomainEvents }, { createDomainEvent, serializeEventBody }, { dispatchDomainEvents }, { createId }, { newCredentials }, { deliverAttempt }, { deliveryAgent }] =
    await Promise.all([
      import("inngest/node"),
      import("~/inngest/client"),
      import("~/inngest/functions"),
      import("@/server/db/client"),
      import("~/inngest/embedded"),
      import("@/server/events/outbox"),
      import("@/server/events/build"),
      import("@/server/events/dispatch"),
      import("@/server/ids"),
      import("@/server/webhooks/endpoints/credentials"),
      import("@/server/webhooks/deliver"),
      import("@/server/webhooks/attempt"),
    ]);

  const tenant = await db().tenant.create({ data: { name: "Bench", slug: `bench-${Date.now()}`, planId: "empresa" } });
  const endpointId = createId();
  const { plain, columns } = newCredentials(endpointId);
  await db().webhookEndpoint.create({ data: { id: endpointId, tenantId: tenant.id, url: `${receiver.url}/hook`, eventTypes: ["document.failed"], ...columns } });
  const sample = (i: number) => createDomainEvent("document.failed", { documentoId: `doc_${i}`, error: "No se pudieron extraer datos suficientes del documento." });

  // 1) The floor: sign and POST the same bodies, same agent, same concurrency as the fan-out step.
  const { FIRST_ATTEMPT_CONCURRENCY_PER_ENDPOINT: concurrency } = await import("@/server/webhooks/delivery/first-attempts");
  const bodies = Array.from({ length: EVENTS }, (_, i) => serializeEventBody(sample(i)));
  const started = performance.now();
  await pool(EVENTS, concurrency, async (i) => {
    const result = await deliverAttempt({ url: `${receiver.url}/hook`, messageId: randomUUID(), eventType: "document.failed", attempt: 1, body: bodies[i]!, keys: { current: plain }, dispatcher: deliveryAgent(), now: new Date() });
    if (result.outcome !== "SUCCESS") throw new Error(`bare POST failed: ${result.message}`);
  });
  const bareSeconds = (performance.now() - started) / 1000;
  const bare = { deliveries: EVENTS, seconds: +bareSeconds.toFixed(2), deliveriesPerSecond: Math.round(EVENTS / bareSeconds) };
  console.log(`bare signed-POST loop: ${bare.deliveriesPerSecond} deliveries/s (${EVENTS} in ${bare.seconds} s, concurrency ${concurrency})`);
  await fetch(`${receiver.url}/reset`, { method: "POST" });

  // 2) The pipeline, in one process as in production: actions commit + dispatch, the engine
  //    runs the app's functions over loopback HTTP, fan-out delivers.
  const handler = serve({ client: inngest, functions });
  const app = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(Number(process.env.APP_PORT), "127.0.0.1", r));
  const engine = await startEmbeddedEngine({ sync: false });
  await syncApp(process.env.INNGEST_SERVE_URL, Date.now() + 20_000);

  /** Commits `count` events, `perTx` per transaction, by `producers` concurrent actions; waits for all. */
  async function phase(name: string, count: number, perTx: number, producers: number, offeredPerSecond?: number) {
    await fetch(`${receiver.url}/reset`, { method: "POST" });
    const committedAt = new Map<string, number>();
    const actionMs: number[] = [];
    const startedAt = Date.now();
    const t0 = performance.now();
    await pool(Math.ceil(count / perTx), producers, async (batch) => {
      // Paced (open loop): batch k commits at its time slot, whatever the pipeline is doing.
      if (offeredPerSecond) await new Promise((r) => setTimeout(r, t0 + (batch * perTx * 1000) / offeredPerSecond - performance.now()));
      const began = performance.now();
      const events = Array.from({ length: Math.min(count, (batch + 1) * perTx) - batch * perTx }, (_, k) => sample(batch * perTx + k));
      // A batch action records its events in one INSERT; a single action, as the app's do, with one.
      const recorded = await db().$transaction(async (tx) => (perTx === 1 ? [await recordDomainEvent(tx, tenant.id, events[0]!)] : recordDomainEvents(tx, tenant.id, events)));
      const at = Date.now();
      for (const r of recorded) committedAt.set(r.id, at);
      await dispatchDomainEvents(recorded);
      actionMs.push(performance.now() - began);
    });
    const commitSeconds = (performance.now() - t0) / 1000;
    let stats = await receiverStats(receiver.url);
    const deadline = Date.now() + 300_000;
    while (Object.keys(stats.ids).length < count) {
      if (Date.now() > deadline) throw new Error(`${name}: only ${Object.keys(stats.ids).length} of ${count} delivered after 5 minutes`);
      await new Promise((r) => setTimeout(r, 20));
      stats = await receiverStats(receiver.url);
    }
    const seconds = (Math.max(...Object.values(stats.ids)) - startedAt) / 1000;
    const latencies = Object.entries(stats.ids).map(([id, at]) => at - (committedAt.get(id) ?? at));
    const row = {
      events: count,
      eventsPerTransaction: perTx,
      producers,
      offeredPerSecond: offeredPerSecond ?? "as fast as committed",
      commitsPerSecond: Math.round(count / commitSeconds),
      seconds: +seconds.toFixed(2),
      deliveriesPerSecond: Math.round(count / seconds),
      commitToFirstAttemptP50Ms: percentile(latencies, 50),
      commitToFirstAttemptP99Ms: percentile(latencies, 99),
      /** What the producing action waits for: its transaction plus the hand-off to Inngest. */
      actionP50Ms: Math.round(percentile(actionMs, 50)),
      duplicateRequests: stats.requests - count,
    };
    console.log(
      `${name}: ${row.deliveriesPerSecond} deliveries/s (${count} events, ${perTx}/transaction, ${producers} concurrent actions committing ${row.commitsPerSecond}/s); commit → first attempt p50 ${row.commitToFirstAttemptP50Ms} ms, p99 ${row.commitToFirstAttemptP99Ms} ms; action p50 ${row.actionP50Ms} ms; duplicates ${row.duplicateRequests}`,
    );
    return row;
  }

  // Throughput: events committed in batches (an import, a bulk export), as fast as they come.
  const throughput = await phase("throughput", EVENTS, 50, 4);
  // At the target rate: 1,000 events/s offered in actions of 10 (paced, not as fast as possible).
  const atTarget = await phase("at 1,000/s", EVENTS, 10, 64, 1000);
  // Latency: single-event actions from concurrent users.
  const latency = await phase("latency", Math.min(EVENTS, 1000), 1, PRODUCERS);
  const runs = await db().engineRun.count({ where: { functionId: { endsWith: "webhook-fan-out" } } });
  const ratio = +(throughput.deliveriesPerSecond / bare.deliveriesPerSecond).toFixed(2);
  console.log(`pipeline / bare loop: ${ratio} (${runs} fan-out runs in all)`);

  await engine.stop();
  app.close();
  receiver.proc.kill();
  const out = { benchmark: "delivery", date: new Date().toISOString(), database: "postgresql", machine: "2 cores (shared)", fanOutRuns: runs, bare, throughput, atTarget, latency, ratio, targets: { deliveriesPerSecond: 1000, commitToFirstAttemptP99Ms: 250 } };
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/delivery-postgresql.json", `${JSON.stringify(out, null, 2)}\n`);
  console.log("written bench/results/delivery-postgresql.json");
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
