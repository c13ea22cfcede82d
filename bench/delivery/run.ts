/**
 * bench/delivery: webhook deliveries/s from the actions users take, through the app as users
 * start it, on PostgreSQL.
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions=react-server bench/delivery/run.ts
 * (`npm run build` first; scripts/start.mjs builds if there is no build.)
 *
 * The app runs as `node scripts/start.mjs` with its own DATA_DIR, PORT and DATABASE_URL: the
 * embedded engine calls the app's own /api/inngest route. The producer is the review screen's
 * correction (tRPC `documents.correct`, signed in with a session cookie): one transaction, one
 * `document.updated` event, as every real producer. Each event goes to 1 or 4 endpoints of a
 * receiver process that verifies BOTH signature families and counts unique (endpoint, id).
 * Per endpoint count: a saturating phase (BENCH_PRODUCERS concurrent users, default 32, each on
 * its own documents, BENCH_ACTIONS actions, default 2000) and a paced one at 80 % of the
 * saturated action rate (commit → first attempt there). Every committed event must arrive at
 * every endpoint, and every verified arrival must be a committed event: otherwise the run fails.
 * Next to it, a bare loop that signs and POSTs the same kind of bodies to the same receiver.
 * "commit" is the event row's occurredAt (set inside the action's transaction, so just before
 * its commit: the latency is, if anything, overstated).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { freshDatabase } from "../support/postgres";
import { freePort } from "../support/ports";
import { startBench, writeBenchResults } from "../support/results";

const admin = process.env.BENCH_DATABASE_URL;
if (!admin) {
  console.error("Set BENCH_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.");
  process.exit(2);
}
const ACTIONS = Number(process.env.BENCH_ACTIONS ?? 2000);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 32);
const ARRIVAL_TIMEOUT_MS = 120_000;
const EVENT = "document.updated";

const start = startBench();

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function spawnReady(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ proc: ChildProcess; match: RegExpExecArray }> {
  const proc = spawn(args[0]!, args.slice(1), { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = ready.exec(output);
      if (m) resolve({ proc, match: m });
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    proc.on("exit", (code) => reject(new Error(`${args.join(" ")} exited (${code}):\n${output.slice(-3000)}`)));
  });
}

/** Runs `count` jobs with `concurrency` workers; worker w gets its index for ownership. */
async function pool(count: number, concurrency: number, job: (i: number, worker: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async (_, w) => {
    while (next < count) await job(next++, w);
  }));
}

async function main() {
  const database = await freshDatabase(admin!, "contaflow_bench_delivery");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const appEnv = {
    ...process.env,
    DATA_DIR: mkdtempSync(join(tmpdir(), "contaflow-bench-delivery-")),
    PORT: String(port),
    APP_URL: base,
    DATABASE_URL: database.url,
    INNGEST_ENGINE_PORT: String(await freePort()),
    OUTBOUND_ALLOWLIST: "127.0.0.1",
    LOG_LEVEL: "warn",
  };
  // This process sets up rows with the app's own modules: same database, same data folder (keys).
  Object.assign(process.env, { DATA_DIR: appEnv.DATA_DIR, DATABASE_URL: appEnv.DATABASE_URL, APP_URL: base, OUTBOUND_ALLOWLIST: "127.0.0.1", LOG_LEVEL: "warn" });

  const receiver = await spawnReady([process.execPath, "--import", "tsx", "bench/delivery/receiver.ts"], process.env, /READY (\d+)/);
  const receiverUrl = `http://127.0.0.1:${receiver.match[1]}`;
  const app = await spawnReady([process.execPath, "scripts/start.mjs"], appEnv, /listening on|Ready in/i);
  const cleanup = () => {
    receiver.proc.kill();
    app.proc.kill("SIGTERM");
  };
  process.on("exit", cleanup);
  for (let i = 0; ; i++) {
    const res = await fetch(`${base}/api/inngest`).catch(() => null);
    if (res && res.status < 500) break;
    if (i > 600) throw new Error("the app did not answer on /api/inngest within 60 s");
    await sleep(100);
  }

  const [{ db, closeDatabase }, { newCredentials }, { createId }, { deliverAttempt }, { deliveryAgent }, { serializeEventBody, createDomainEvent }, { TENANT_COOKIE }] = await Promise.all([
    import("@/server/db/client"),
    import("@/server/webhooks/endpoints/credentials"),
    import("@/server/ids"),
    import("@/server/webhooks/deliver"),
    import("@/server/webhooks/attempt"),
    import("@/server/events/build"),
    import("@/lib/roles"),
  ]);

  // A user signs up and in over HTTP, as in the browser; the tenant and its documents (what
  // uploads would have left: parsed, DONE) are rows.
  const email = `bench-${Date.now()}@example.com`;
  const authPost = (path: string, body: unknown) => fetch(`${base}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify(body) });
  const signUp = await authPost("/sign-up/email", { email, password: "clave-segura-bench-1", name: "Bench" });
  if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
  const signIn = await authPost("/sign-in/email", { email, password: "clave-segura-bench-1" });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  const tenant = await db().tenant.create({ data: { name: "Bench", slug: `bench-${Date.now()}`, planId: "empresa", memberships: { create: { userId: user.id, role: "OWNER" } } } });
  const cookie = [...signIn.headers.getSetCookie().map((c) => c.split(";")[0]), `${TENANT_COOKIE}=${tenant.id}`].join("; ");

  const DOCS_PER_PRODUCER = 8;
  const documents = Array.from({ length: PRODUCERS * DOCS_PER_PRODUCER }, (_, i) => ({
    id: createId(), tenantId: tenant.id, status: "COMPLETED" as const, reviewStatus: "UNREVIEWED" as const, fileName: `f${i}.pdf`, mimeType: "application/pdf", sizeBytes: 1000,
    sha256: randomUUID(), storageKey: `bench/${i}`, tipoCodigo: 1, tipo: "Factura A", puntoVenta: 1, numero: i * 10_000, fecha: new Date("2026-11-01"),
    proveedorCuit: "30712345678", proveedorRazonSocial: "Proveedor SA", neto: 1000, total: 1210, moneda: "PES",
  }));
  await db().document.createMany({ data: documents });

  const ENDPOINTS = ["a", "b", "c", "d"];
  const creds: Record<string, { secret: string; token: string }> = {};
  const endpointIds: Record<string, string> = {};
  for (const name of ENDPOINTS) {
    const id = createId();
    const { plain, columns } = newCredentials(id);
    await db().webhookEndpoint.create({ data: { id, tenantId: tenant.id, url: `${receiverUrl}/hook/${name}`, eventTypes: [EVENT], ...columns } });
    creds[name] = plain;
    endpointIds[name] = id;
  }
  creds.bare = creds.a!;
  await fetch(`${receiverUrl}/config`, { method: "POST", body: JSON.stringify(creds) });
  const stats = async () => (await (await fetch(`${receiverUrl}/stats`)).json()) as { requests: number; rejected: number; first: Record<string, number> };

  // 1) The floor: sign and POST bodies of this event, same agent, through the same code as an attempt.
  const { FIRST_ATTEMPT_CONCURRENCY_PER_ENDPOINT: concurrency } = await import("@/server/webhooks/delivery/first-attempts");
  const sample = createDomainEvent(EVENT, { documentoId: "doc_bench", documentVersion: 2, camposCorregidos: ["numero"], tipo: "Factura A", numero: "00001-00000001", total: 1210, requiereRevision: false } as never);
  const body = serializeEventBody(sample);
  const bareCount = ACTIONS;
  const bareStarted = performance.now();
  await pool(bareCount, concurrency, async () => {
    const result = await deliverAttempt({ url: `${receiverUrl}/hook/bare`, messageId: randomUUID(), eventType: EVENT, attempt: 1, body, keys: { current: creds.a! }, dispatcher: deliveryAgent(), now: new Date() });
    if (result.outcome !== "SUCCESS") throw new Error(`bare POST failed: ${result.message}`);
  });
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  const bareStats = await stats();
  if (Object.keys(bareStats.first).length !== bareCount || bareStats.rejected > 0) throw new Error(`bare loop: ${Object.keys(bareStats.first).length}/${bareCount} verified, ${bareStats.rejected} rejected`);
  const bare = { deliveries: bareCount, concurrency, seconds: +bareSeconds.toFixed(2), deliveriesPerSecond: Math.round(bareCount / bareSeconds) };
  console.log(`bare signed-POST loop: ${bare.deliveriesPerSecond} deliveries/s`);

  // 2) The app: corrections over HTTP, events through the app's engine and route to the receiver.
  let nextNumero = 1;
  async function correct(documentId: string) {
    const began = performance.now();
    const res = await fetch(`${base}/api/trpc/documents.correct`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: JSON.stringify({ json: { id: documentId, fields: { numero: nextNumero++ } } }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`documents.correct ${res.status}: ${text.slice(0, 300)}`);
    return performance.now() - began;
  }

  async function phase(name: string, endpoints: number, actions: number, offeredPerSecond?: number) {
    const active = ENDPOINTS.slice(0, endpoints);
    for (const e of ENDPOINTS) await db().webhookEndpoint.update({ where: { id: endpointIds[e]! }, data: { eventTypes: active.includes(e) ? [EVENT] : ["sync.failed"] } });
    await fetch(`${receiverUrl}/reset`, { method: "POST" });
    const since = new Date(Date.now() - 1);
    const actionMs: number[] = [];
    const t0 = performance.now();
    const startedAt = Date.now();
    await pool(actions, offeredPerSecond ? Math.max(PRODUCERS, 64) : PRODUCERS, async (i, worker) => {
      // Paced (open loop): action i starts at its slot, whatever the pipeline is doing.
      if (offeredPerSecond) await sleep(t0 + (i * 1000) / offeredPerSecond - performance.now());
      const doc = documents[(offeredPerSecond ? i : worker * DOCS_PER_PRODUCER + (i % DOCS_PER_PRODUCER)) % documents.length]!;
      actionMs.push(await correct(doc.id));
    });
    const actionsSeconds = (performance.now() - t0) / 1000;
    const events = await db().domainEvent.findMany({ where: { tenantId: tenant.id, type: EVENT, occurredAt: { gte: since } }, select: { id: true, occurredAt: true } });
    if (events.length !== actions) throw new Error(`${name}: ${actions} actions committed ${events.length} ${EVENT} events`);
    const expected = new Set(events.flatMap((e) => active.map((a) => `${a} ${e.id}`)));
    let last = await stats();
    const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
    while (Object.keys(last.first).length < expected.size && Date.now() < deadline) {
      await sleep(100);
      last = await stats();
    }
    const unmatched = Object.keys(last.first).filter((k) => !expected.has(k));
    const missing = [...expected].filter((k) => !(k in last.first));
    if (unmatched.length > 0 || missing.length > 0 || last.rejected > 0) {
      throw new Error(`${name}: ${missing.length} of ${expected.size} deliveries never arrived, ${unmatched.length} arrivals match no committed event, ${last.rejected} requests failed verification (e.g. ${[...missing, ...unmatched].slice(0, 3).join(", ")})`);
    }
    const occurred = new Map(events.map((e) => [e.id, e.occurredAt.getTime()]));
    const latencies = Object.entries(last.first).map(([k, at]) => at - occurred.get(k.split(" ")[1]!)!);
    const lastArrival = Math.max(...Object.values(last.first));
    const seconds = (lastArrival - startedAt) / 1000;
    const result = {
      endpointsPerEvent: endpoints,
      eventsPerTransaction: 1,
      actions,
      producers: offeredPerSecond ? "open loop" : PRODUCERS,
      offeredActionsPerSecond: offeredPerSecond ?? "as fast as committed",
      actionsPerSecond: Math.round(actions / actionsSeconds),
      actionP50Ms: +percentile(actionMs, 50).toFixed(1),
      actionP95Ms: +percentile(actionMs, 95).toFixed(1),
      deliveries: expected.size,
      seconds: +seconds.toFixed(2),
      deliveriesPerSecond: Math.round(expected.size / seconds),
      commitToFirstAttemptP50Ms: percentile(latencies, 50),
      commitToFirstAttemptP99Ms: percentile(latencies, 99),
      requests: last.requests,
      duplicateRequests: last.requests - expected.size,
      lost: 0,
    };
    console.log(name, JSON.stringify(result));
    return result;
  }

  await phase("warm-up", 4, Math.min(200, ACTIONS)); // JIT, connection pools, the engine's first runs
  const phases: Record<string, Awaited<ReturnType<typeof phase>>> = {};
  for (const endpoints of [4, 1]) {
    const saturated = await phase(`saturated-${endpoints}`, endpoints, ACTIONS);
    phases[`saturated${endpoints}`] = saturated;
    const offered = Math.max(1, Math.round(saturated.actionsPerSecond * 0.8));
    phases[`atEightyPercent${endpoints}`] = await phase(`80%-${endpoints}`, endpoints, Math.min(ACTIONS, offered * 10), offered);
  }
  const s4 = phases.saturated4!;
  const p4 = phases.atEightyPercent4!;
  const headline = { deliveriesPerSecond: s4.deliveriesPerSecond, endpointsPerEvent: 4, eventsPerTransaction: 1, commitToFirstAttemptP99Ms: p4.commitToFirstAttemptP99Ms };
  const path = writeBenchResults("delivery-postgresql", {
    headline,
    measures: ["bench/delivery", "src/server/events", "src/server/webhooks", "src/server/documents/correct-document.ts", "inngest/embedded", "inngest/functions/webhooks", "src/app/api/inngest", "src/app/api/trpc"],
    database: database.version,
    action: "tRPC documents.correct over HTTP (session cookie), one document.updated per transaction",
    app: "node scripts/start.mjs (next start), embedded Inngest engine → the app's /api/inngest",
    receiver: "separate process, verifies Standard Webhooks + contract signatures, counts unique (endpoint, webhook-id)",
    actionP50Ms: s4.actionP50Ms,
    lost: 0,
    bare,
    ...phases,
    ratio: +(s4.deliveriesPerSecond / bare.deliveriesPerSecond).toFixed(2),
    targets: { deliveriesPerSecond4Endpoints: 1000, deliveriesPerSecond1Endpoint: 500, commitToFirstAttemptP99Ms: 250, actionP50Ms: 15 },
  }, { start });
  console.log(`headline ${JSON.stringify(headline)} → ${path}`);
  await closeDatabase();
  cleanup();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
