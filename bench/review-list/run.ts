/**
 * bench/review-list: the document list filtered by review state, on 100,000 generated documents
 * of one tenant (plus 20,000 of another), through the real tRPC procedure `documents.list` (a
 * caller of the app router: membership lookup, zod, listDocuments, Prisma on PostgreSQL).
 *   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx --conditions=react-server bench/review-list/run.ts
 * Documents are inserted with one generate_series statement per tenant. For each review filter
 * ("Para revisar", "Sin revisar", "Revisado", none) and page (1, 2, 10, 100, the real last) it times
 * BENCH_ROUNDS calls (default 40, after 3 warm-ups) and prints p50/p95 per page. Target: p95 < 50 ms.
 * Writes bench/results/review-list-postgresql.json (commit, machine, load, database).
 */
import { execSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";

const admin = process.env.BENCH_DATABASE_URL;
if (!admin) {
  console.error("Set BENCH_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test): this bench measures PostgreSQL.");
  process.exit(2);
}
const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const PAGE_SIZE = 20;
const TARGET_P95_MS = 50;
const DB_NAME = "contaflow_bench_review_list";

async function freshDatabase() {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${DB_NAME}"`);
  await client.end();
  const url = new URL(admin!);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One tenant's documents in one statement: 45 % need review (with reasons), 35 % unreviewed,
 * 15 % reviewed, the rest pending or failed; 1 % discarded; upload dates over a year.
 */
const INSERT_DOCUMENTS = `
INSERT INTO "Document" ("id", "tenantId", "status", "reviewStatus", "reviewReasons", "reviewedAt", "discardedAt", "fileName", "mimeType", "sizeBytes", "sha256", "storageKey",
  "tipoCodigo", "tipo", "puntoVenta", "numero", "fecha", "proveedorCuit", "proveedorRazonSocial", "neto", "iva", "total", "moneda", "fieldMeta", "createdAt", "updatedAt", "processedAt")
SELECT
  $1 || '-' || g, $2,
  (CASE WHEN g % 100 < 95 THEN 'COMPLETED' WHEN g % 100 < 98 THEN 'PENDING' ELSE 'FAILED' END)::"DocumentStatus",
  (CASE WHEN g % 100 < 45 THEN 'NEEDS_REVIEW' WHEN g % 100 < 80 THEN 'UNREVIEWED' WHEN g % 100 < 95 THEN 'REVIEWED' ELSE 'NOT_READY' END)::"ReviewStatus",
  CASE WHEN g % 100 < 45 THEN jsonb_build_array(jsonb_build_object('code', 'LOW_CONFIDENCE', 'field', 'total', 'severity', 'error', 'message', 'Total con baja confianza (72 %)'))
       ELSE '[]'::jsonb END,
  CASE WHEN g % 100 BETWEEN 80 AND 94 THEN now() END,
  CASE WHEN g % 97 = 0 THEN now() END,
  'factura-' || g || '.pdf', 'application/pdf', 120000, md5($1 || g::text), 'bench/' || g,
  1, 'FACTURA_A', 1 + g % 20, g, (date '2026-01-01' + (g % 330)), (30000000000 + (g % 5000) * 7)::text, 'Proveedor ' || (g % 5000) || ' SA',
  1000 + g % 9000, jsonb_build_array(jsonb_build_object('rate', 21, 'base', 1000 + g % 9000, 'amount', round((1000 + g % 9000) * 0.21, 2))),
  round((1000 + g % 9000) * 1.21, 2), 'PES', '{"total": {"source": "TEXT", "confidence": 0.85}}'::jsonb,
  timestamp '2025-12-01' + (g * interval '5 minutes'), now(), now()
FROM generate_series(1, $3::int) AS g`;

async function main() {
  process.env.DATA_DIR = mkdtempSync(join(os.tmpdir(), "contaflow-bench-review-list-"));
  process.env.LOG_LEVEL = "warn";
  process.env.DATABASE_URL = await freshDatabase();
  const { applyMigrations, pgFactory } = await import("@/server/db/migrator");
  const { factory, close } = await pgFactory(process.env.DATABASE_URL);
  await applyMigrations(factory);
  await close();

  const [{ db }, { createCaller }] = await Promise.all([import("@/server/db/client"), import("@/server/api/root")]);
  const user = await db().user.create({ data: { id: randomUUID(), name: "Bench", email: `bench-${Date.now()}@example.com` } });
  const tenant = await db().tenant.create({ data: { name: "Estudio Bench", slug: `bench-${Date.now()}`, memberships: { create: { userId: user.id, role: "ACCOUNTANT" } } } });
  const other = await db().tenant.create({ data: { name: "Otro Estudio", slug: `bench-other-${Date.now()}` } });

  const raw = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await raw.connect();
  const t0 = performance.now();
  await raw.query(INSERT_DOCUMENTS, ["b", tenant.id, DOCS]);
  await raw.query(INSERT_DOCUMENTS, ["o", other.id, Math.round(DOCS / 5)]);
  await raw.query('VACUUM ANALYZE "Document"');
  const insertMs = Math.round(performance.now() - t0);
  const { rows: version } = await raw.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const { rows: counts } = await raw.query<{ reviewStatus: string; n: string }>(`SELECT "reviewStatus", count(*)::text AS n FROM "Document" WHERE "tenantId" = $1 AND "discardedAt" IS NULL GROUP BY 1 ORDER BY 1`, [tenant.id]);
  /** The database's own time (EXPLAIN ANALYZE) for the two index-only queries of a page: apart from Node and the load. */
  const explainMs = async (sql: string, params: unknown[]) => {
    const { rows } = await raw.query<{ "QUERY PLAN": [{ "Execution Time": number; Plan: { "Node Type": string; Plans?: { "Node Type": string }[] } }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    const plan = rows[0]!["QUERY PLAN"][0];
    return { ms: round1(plan["Execution Time"]), node: plan.Plan.Plans?.[0]?.["Node Type"] ?? plan.Plan["Node Type"] };
  };
  const live = `"tenantId" = $1 AND "discardedAt" IS NULL AND "reviewStatus" = 'NEEDS_REVIEW'`;
  const database = {
    countUpTo1001: await explainMs(`SELECT count(*) FROM (SELECT 1 FROM "Document" WHERE ${live} LIMIT 1001) c`, [tenant.id]),
    page1Ids: await explainMs(`SELECT id FROM "Document" WHERE ${live} ORDER BY "createdAt" DESC, id DESC LIMIT 20`, [tenant.id]),
    lastPageIds: await explainMs(`SELECT id FROM "Document" WHERE ${live} ORDER BY "createdAt" DESC, id DESC LIMIT 20 OFFSET 44520`, [tenant.id]),
  };
  await raw.end();
  console.log(`PostgreSQL alone, "Para revisar": ${JSON.stringify(database)}`);
  console.log(`inserted ${DOCS} + ${Math.round(DOCS / 5)} documents in ${insertMs} ms; ${counts.map((c) => `${c.reviewStatus} ${c.n}`).join(", ")}`);

  const caller = createCaller({ headers: new Headers(), resHeaders: new Headers(), user, requestedTenantId: tenant.id, locale: "es-AR" });
  const loadBefore = os.loadavg();
  const filters = [
    { name: "Para revisar", review: "NEEDS_REVIEW" as const },
    { name: "Sin revisar", review: "UNREVIEWED" as const },
    { name: "Revisado", review: "REVIEWED" as const },
    { name: "Todos", review: undefined },
  ];
  const results: { filter: string; page: number; total: number; p50Ms: number; p95Ms: number; maxMs: number }[] = [];
  for (const f of filters) {
    // The list counts up to 1,000 ("más de 1.000"); the real last page comes from the inserted counts.
    const total = f.review ? Number(counts.find((c) => c.reviewStatus === f.review)?.n ?? 0) : counts.reduce((sum, c) => sum + Number(c.n), 0);
    const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
    for (const page of [...new Set([1, 2, 10, 100, last].filter((p) => p <= last))]) {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS + 3; i++) {
        const s = performance.now();
        const res = await caller.documents.list({ review: f.review, page, pageSize: PAGE_SIZE });
        const ms = performance.now() - s;
        if (res.items.length === 0) throw new Error(`${f.name} page ${page} came back empty`);
        if (i >= 3) times.push(ms);
      }
      const r = { filter: f.name, page, total, p50Ms: round1(percentile(times, 50)), p95Ms: round1(percentile(times, 95)), maxMs: round1(Math.max(...times)) };
      results.push(r);
      console.log(`${f.name.padEnd(13)} page ${String(page).padStart(5)} of ${String(last).padStart(5)}  p50 ${String(r.p50Ms).padStart(6)} ms  p95 ${String(r.p95Ms).padStart(6)} ms  max ${String(r.maxMs).padStart(6)} ms`);
    }
  }
  // The floor on this machine now: a procedure with one small query (membership + tenant row).
  const floorTimes: number[] = [];
  for (let i = 0; i < ROUNDS + 3; i++) {
    const s = performance.now();
    await caller.tenant.current();
    if (i >= 3) floorTimes.push(performance.now() - s);
  }
  const floor = { procedure: "tenant.current", p50Ms: round1(percentile(floorTimes, 50)), p95Ms: round1(percentile(floorTimes, 95)) };
  console.log(`floor (tenant.current): p50 ${floor.p50Ms} ms  p95 ${floor.p95Ms} ms`);
  const loadAfter = os.loadavg();
  const worst = Math.max(...results.map((r) => r.p95Ms));
  const met = worst < TARGET_P95_MS;
  console.log(`\nworst p95 ${worst} ms (target < ${TARGET_P95_MS} ms): ${met ? "met" : "NOT met"}; load ${loadBefore.map((l) => l.toFixed(2)).join("/")} → ${loadAfter.map((l) => l.toFixed(2)).join("/")}`);

  const commit = (() => {
    try {
      return execSync("git rev-parse HEAD", { encoding: "utf8" }).trim() + (execSync("git status --porcelain", { encoding: "utf8" }).trim() ? " (with uncommitted changes)" : "");
    } catch {
      return "unknown";
    }
  })();
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    "bench/results/review-list-postgresql.json",
    `${JSON.stringify(
      {
        benchmark: "review-list",
        date: new Date().toISOString(),
        commit,
        database: `postgresql ${version[0]?.v}`,
        machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), shared`,
        node: process.version,
        loadavgBefore: loadBefore,
        loadavgAfter: loadAfter,
        documents: { tenant: DOCS, otherTenant: Math.round(DOCS / 5), byReviewStatus: Object.fromEntries(counts.map((c) => [c.reviewStatus, Number(c.n)])), insertMs },
        path: "appRouter caller → documents.list (membership, zod, listDocuments: the page (ids first when deep) + a count up to 1,000 from the index)",
        pageSize: PAGE_SIZE,
        rounds: ROUNDS,
        databaseOnly: database,
        floor,
        results,
        target: { p95Ms: TARGET_P95_MS, worstP95Ms: worst, met },
      },
      null,
      2,
    )}\n`,
  );
  await db().$disconnect();
  process.exit(0);
}

void main();
