/**
 * bench/webhook-rate-limit: does an endpoint's "deliveries per second" limit hold at the receiver,
 * through the real pipeline — outbox commit, dispatch, the embedded Inngest engine, fan-out (a
 * rate-limited endpoint takes the slow lane), `webhook-deliver` runs reserving send slots in
 * PostgreSQL, signed HTTP — with a burst far above the limit committed at once?
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions=react-server bench/webhook-rate-limit/run.ts
 * For each limit in BENCH_RATES (default "10,40"), BENCH_SECONDS (default 10) worth of events are
 * committed in one go; the receiver (its own process) keeps the arrival time of each message.
 * Figures: overall arrival rate and the most arrivals in any sliding 1 s window; the limit holds
 * when neither exceeds it by more than 10 % (`holds`); `reachesLimit` says whether the overall
 * rate came within 10 % below it. Writes bench/results/webhook-rate-limit.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freshDatabase } from "../support/postgres";
import { freePort } from "../support/ports";
import { startBench, writeBenchResults } from "../support/results";

const admin = process.env.BENCH_DATABASE_URL;
if (!admin) {
  console.error("Set BENCH_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.");
  process.exit(2);
}
const RATES = (process.env.BENCH_RATES ?? "10,40").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOLERANCE = 0.1;
/** The code a result of this bench speaks for (test/bench/results-fresh.test.ts). */
const MEASURES = ["bench/webhook-rate-limit", "src/server/webhooks", "src/server/events", "inngest/embedded", "inngest/functions/webhooks"];

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

/** The receiver's count: every request, the rejected ones (a signature that did not verify), first verified arrival per message. */
async function arrivals(url: string) {
  const stats = (await (await fetch(`${url}/stats`)).json()) as { requests: number; rejected: number; first: Record<string, number> };
  return { requests: stats.requests, rejected: stats.rejected, times: Object.values(stats.first).sort((a, b) => a - b) };
}

/** The most arrivals inside any window [t, t + 1 s) that starts at an arrival. */
function maxInOneSecond(times: number[]) {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (j < times.length && times[j]! < times[i]! + 1000) j++;
    max = Math.max(max, j - i);
  }
  return max;
}

async function main() {
  startBench();
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "contaflow-bench-rate-"));
  process.env.LOG_LEVEL = "warn";
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  const database = await freshDatabase(admin!, "contaflow_bench_rate_limit");
  process.env.DATABASE_URL = database.url;
  process.env.APP_PORT = String(await freePort());
  process.env.INNGEST_ENGINE_PORT = String(await freePort());
  process.env.INNGEST_SERVE_URL = `http://127.0.0.1:${process.env.APP_PORT}/api/inngest`;

  const { applyMigrations, pgFactory } = await import("@/server/db/migrator");
  const { factory, close } = await pgFactory(database.url);
  await applyMigrations(factory);
  await close();

  const receiver = await startReceiver();
  process.on("exit", () => receiver.proc.kill());
  const [{ serve }, { inngest }, { functions }, { db }, { startEmbeddedEngine, syncApp }, { recordDomainEvents }, { createDomainEvent }, { dispatchDomainEvents }, { createId }, { newCredentials }] = await Promise.all([
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
  ]);
  const handler = serve({ client: inngest, functions });
  const app = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => app.listen(Number(process.env.APP_PORT), "127.0.0.1", r));
  const engine = await startEmbeddedEngine({ sync: false });
  await syncApp(process.env.INNGEST_SERVE_URL, Date.now() + 20_000);
  const tenant = await db().tenant.create({ data: { name: "Bench", slug: `bench-${Date.now()}`, planId: "empresa" } });

  const results = [];
  for (const rate of RATES) {
    await db().webhookEndpoint.updateMany({ where: { tenantId: tenant.id }, data: { enabled: false } });
    const endpointId = createId();
    const { plain, columns } = newCredentials(endpointId);
    const name = `rate-${rate}`;
    await db().webhookEndpoint.create({
      data: { id: endpointId, tenantId: tenant.id, url: `${receiver.url}/hook/${name}`, eventTypes: ["document.failed"], rateLimitPerSecond: rate, ...columns },
    });
    // The receiver (bench/delivery/receiver.ts) verifies both signature families with these and counts the first verified arrival per message.
    await fetch(`${receiver.url}/config`, { method: "POST", body: JSON.stringify({ [name]: plain }) });
    await fetch(`${receiver.url}/reset`, { method: "POST" });
    const count = rate * SECONDS;
    const committedAt = Date.now();
    for (let i = 0; i < count; i += 50) {
      const events = Array.from({ length: Math.min(50, count - i) }, (_, k) => createDomainEvent("document.failed", { documentoId: `doc_${rate}_${i + k}`, error: "No se pudieron extraer datos suficientes del documento." }));
      const recorded = await db().$transaction((tx) => recordDomainEvents(tx, tenant.id, events));
      await dispatchDomainEvents(recorded);
    }
    const committedSeconds = (Date.now() - committedAt) / 1000;
    let got = await arrivals(receiver.url);
    const deadline = Date.now() + (SECONDS * 4 + 60) * 1000;
    while (got.times.length < count) {
      if (got.rejected > 0) throw new Error(`limit ${rate}/s: the receiver rejected ${got.rejected} requests (signature did not verify)`);
      if (Date.now() > deadline) throw new Error(`limit ${rate}/s: only ${got.times.length} of ${count} delivered in time`);
      await new Promise((r) => setTimeout(r, 200));
      got = await arrivals(receiver.url);
    }
    const span = (got.times.at(-1)! - got.times[0]!) / 1000;
    const overall = (count - 1) / span;
    const maxWindow = maxInOneSecond(got.times);
    const row = {
      limitPerSecond: rate,
      events: count,
      committedInSeconds: +committedSeconds.toFixed(2),
      offeredPerSecond: Math.round(count / committedSeconds),
      deliveredInSeconds: +span.toFixed(2),
      overallPerSecond: +overall.toFixed(2),
      maxInAnyOneSecond: maxWindow,
      duplicateRequests: got.requests - count,
      /** Where delivery paused: the longest gaps between arrivals, with how many had arrived. */
      longestGapsMs: got.times
        .slice(1)
        .map((t, i) => ({ afterArrivals: i + 1, ms: t - got.times[i]! }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 3),
      holds: overall <= rate * (1 + TOLERANCE) && maxWindow <= rate * (1 + TOLERANCE),
      reachesLimit: overall >= rate * (1 - TOLERANCE),
    };
    console.log(
      `limit ${rate}/s: ${count} events committed in ${row.committedInSeconds} s (${row.offeredPerSecond}/s offered) → delivered at ${row.overallPerSecond}/s overall, at most ${maxWindow} in any 1 s; ${row.holds ? "holds" : "EXCEEDED"} within 10 %, ${row.reachesLimit ? "reaches" : "does NOT reach"} the limit; duplicates ${row.duplicateRequests}`,
    );
    results.push(row);
  }

  await engine.stop();
  app.close();
  receiver.proc.kill();
  const worst = results.reduce((a, b) => (b.maxInAnyOneSecond / b.limitPerSecond > a.maxInAnyOneSecond / a.limitPerSecond ? b : a));
  const path = writeBenchResults("webhook-rate-limit", {
    headline: { holdsWithin10Percent: results.every((r) => r.holds), worstLimitPerSecond: worst.limitPerSecond, worstMaxInAnyOneSecond: worst.maxInAnyOneSecond },
    measures: MEASURES,
    database: database.version,
    tolerance: TOLERANCE,
    secondsPerRate: SECONDS,
    results,
  });
  console.log(`written ${path}`);
  process.exit(results.every((r) => r.holds) ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
