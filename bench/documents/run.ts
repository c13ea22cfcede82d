/**
 * bench/documents: upload → done through the running app, as users run it.
 *   npm run build            # once
 *   npm run bench:documents -- --db pglite        # or --db postgresql (BENCH_DATABASE_URL, default local)
 *   [--docs 60] [--parallel 4] [--port 3216] [--name documents-<db>]  → bench/results/<name>.json
 * Starts `node scripts/start.mjs` with its own DATA_DIR and PORT (PGlite by default, PostgreSQL via
 * DATABASE_URL on a fresh database), signs a user up and in through the auth route, creates the
 * organization, uploads generated QR PDFs (test/corpus/generate.ts) as the /parse page does (one
 * multipart POST per file, `--parallel` at once) and polls documents.states as its tray does
 * (every 100 ms here, for resolution; the page polls every 1.5 s) until every document is done.
 * Reports docs/s upload→done, p50/p95, a lone document's latency, per-stage time and per-step
 * engine overhead (engine tables + parse reports), CPU and RSS of the server process, next to
 * the parsing library alone (bench/results/parse.json). Refuses to run when the load is above
 * the cores (BENCH_ALLOW_LOAD=1 for a trial run).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { generateInvoice } from "~/test/corpus/generate";
import { sampleUsage, startApp } from "./app-process";
import { isDone, signUpWithOrganization, states, upload, type Session } from "./client";
import { engineStats, pct, type Query } from "./engine-stats";
import { dropDatabase, freshDatabase } from "../support/postgres";
import { startBench, writeBenchResults } from "../support/results";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const database = arg("db", "pglite") as "pglite" | "postgresql";
const DOCS = Number(arg("docs", "60"));
const PARALLEL = Number(arg("parallel", "4"));
const PORT = Number(arg("port", "3216"));
const NAME = arg("name", `documents-${database}`);
/** The code a document crosses from upload to done (the results go stale when any of it changes). */
const MEASURES = ["src/app/api/documents", "src/server/documents", "src/server/parsing", "src/server/events", "src/server/ai/suggestions", "inngest", "scripts/start.mjs", "scripts/server.mjs", "bench/documents"];
const POLL_MS = 100;

/**
 * Waits until `expected` documents are done, polling as the tray does from the first upload on
 * (`ids` grows while the uploads go on, as the tray's list does); returns when each was first seen done.
 */
async function waitDone(s: Session, ids: string[], expected = ids.length, timeoutMs = 900_000): Promise<Map<string, { at: number; status: string }>> {
  const done = new Map<string, { at: number; status: string }>();
  const deadline = Date.now() + timeoutMs;
  while (done.size < expected) {
    const open = ids.filter((id) => !done.has(id));
    for (let i = 0; i < open.length; i += 200) {
      for (const st of await states(s, open.slice(i, i + 200))) if (isDone(st)) done.set(st.id, { at: performance.now(), status: st.status });
    }
    if (done.size === expected) break;
    if (Date.now() > deadline) throw new Error(`${expected - done.size} documents not done after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return done;
}

async function loneDocument(s: Session, seed: number) {
  const inv = await generateInvoice({ seed, format: "pdf-qr", tipoCodigo: 1 });
  const t0 = performance.now();
  const id = await upload(s, inv);
  const done = await waitDone(s, [id]);
  return { id, ms: Math.round(done.get(id)!.at - t0), status: done.get(id)!.status };
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `bench_documents_${Date.now().toString(36)}`;
  const { url } = await freshDatabase(base, name);
  return { url, drop: () => dropDatabase(base, name) };
}

function pgliteVersion(): string {
  try {
    return (JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

function libraryFigure() {
  try {
    const parse = JSON.parse(readFileSync("bench/results/parse.json", "utf8")) as { commit?: string; results?: { group: string; docsPerSec: number; concurrency: number }[] };
    const qr = parse.results?.find((r) => r.group === "pdf-qr");
    return qr ? { source: "bench/results/parse.json", group: "pdf-qr", docsPerSecond: qr.docsPerSec, concurrency: qr.concurrency, commit: parse.commit ?? null } : null;
  } catch {
    return null;
  }
}

async function main() {
  startBench();
  if (!existsSync(".next/BUILD_ID")) console.log("no build yet: scripts/start.mjs runs `next build` first (not timed)");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `bench-documents-${database}-`));
  const pgDb = database === "postgresql" ? await freshPostgres() : null;
  const logFile = path.join(dataDir, "app.log");
  console.log(`starting the app (${database}) on port ${PORT}, DATA_DIR ${dataDir}`);
  const app = await startApp({ port: PORT, dataDir, databaseUrl: pgDb?.url, logFile });
  let pglite: PGlite | null = null;
  try {
    const session = await signUpWithOrganization(app.url);
    const files = await Promise.all(Array.from({ length: DOCS }, (_, i) => generateInvoice({ seed: 7000 + i, format: "pdf-qr", tipoCodigo: [1, 6, 11, 3][i % 4] })));

    // Cold: the first document after start (workers spawn, code loads). Then one alone, warm.
    const cold = await loneDocument(session, 6900);
    const lone = await loneDocument(session, 6901);
    console.log(`first document after start ${cold.ms} ms, a lone document ${lone.ms} ms`);

    const serverPid = app.serverPid();
    if (!serverPid) throw new Error("server process not found");
    const usage = sampleUsage(serverPid);
    const started = new Map<string, number>();
    const uploadMs: number[] = [];
    const ids: string[] = [];
    const t0 = performance.now();
    let next = 0;
    // The tray polls while files are still uploading: a document done during the upload phase is seen then.
    const watching = waitDone(session, ids, DOCS);
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < files.length) {
          const f = files[next++]!;
          const u0 = performance.now();
          const id = await upload(session, f);
          uploadMs.push(performance.now() - u0);
          started.set(id, u0);
          ids.push(id);
        }
      }),
    );
    const uploadedAt = performance.now();
    const done = await watching;
    const wall = Math.max(...[...done.values()].map((d) => d.at)) - t0;
    const use = usage.stop();
    const latencies = ids.map((id) => done.get(id)!.at - started.get(id)!);
    const failed = ids.filter((id) => done.get(id)!.status !== "COMPLETED");
    const docsPerSecond = Math.round((DOCS / (wall / 1000)) * 100) / 100;
    console.log(`${DOCS} documents in ${Math.round(wall)} ms: ${docsPerSecond} docs/s, p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms, ${failed.length} failed`);

    // A document is done when its save commits; its run ends a moment later (the engine records it).
    await new Promise((r) => setTimeout(r, 3000));
    // Engine tables: PostgreSQL live; PGlite after the app stopped (its folder is the app's alone while it runs).
    let query: Query;
    if (pgDb) {
      const client = new pg.Client({ connectionString: pgDb.url });
      await client.connect();
      query = async (sql, params) => (await client.query(sql, params)).rows;
      const stats = await engineStats(query, session.tenantId, ids);
      const version = String((await query("SHOW server_version", []))[0]?.server_version ?? "");
      await client.end();
      await app.stop();
      return finish(stats, `postgresql ${version}`);
    }
    await app.stop();
    pglite = new PGlite(path.join(dataDir, "pglite"));
    query = async (sql, params) => (await pglite!.query<Record<string, unknown>>(sql, params)).rows;
    return finish(await engineStats(query, session.tenantId, ids), `pglite ${pgliteVersion()}`);

    function finish(stats: Awaited<ReturnType<typeof engineStats>>, databaseVersion: string) {
      const headline = { documentsPerSecond: docsPerSecond, p50Ms: pct(latencies, 50), p95Ms: pct(latencies, 95), loneDocumentMs: lone.ms, documents: DOCS, database };
      const result = {
        headline,
        parallelUploads: PARALLEL,
        pollEveryMs: POLL_MS,
        firstDocumentAfterStartMs: cold.ms,
        wallMs: Math.round(wall),
        uploadPhaseMs: Math.round(uploadedAt - t0),
        uploadRequestMs: { p50: pct(uploadMs, 50), p95: pct(uploadMs, 95) },
        failed: failed.length,
        server: {
          cpuMsPerDocument: Math.round(use.serverCpuMs / DOCS),
          cpuCoresBusy: Math.round((use.serverCpuMs / wall) * 100) / 100,
          parseWorkersCpuMsPerDocument: Math.round(use.workerCpuMs / DOCS),
          peakRssMb: use.peakRssMb,
          peakParseWorkersRssMb: use.peakWorkersRssMb,
        },
        engine: stats,
        library: libraryFigure(),
      };
      if (failed.length) throw new Error(`${failed.length} documents did not complete: ${failed.slice(0, 3).join(", ")}`);
      console.log(`wrote ${writeBenchResults(NAME, { ...result, measures: MEASURES, database: databaseVersion })}`);
      console.log(JSON.stringify({ headline, server: result.server, runsPerDocument: stats.runsPerDocument, overheadPerStepMs: stats.parseRun.overheadPerStepMs }, null, 2));
    }
  } finally {
    await app.stop();
    await pglite?.close();
    await pgDb?.drop();
    if (!process.env.BENCH_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
