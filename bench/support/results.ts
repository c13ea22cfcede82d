/**
 * The one writer of bench/results/*.json. Every results file carries what is needed to judge
 * it later: the measured commit (and whether the tree was dirty), the machine (node, CPU model,
 * cores), the load before and after, the database, the code paths it measures (`measures`,
 * checked for freshness by test/bench/results-fresh.test.ts) and the `headline` — the figure
 * the README states.
 *
 *   const start = startBench();          // refuses when the machine is already busy
 *   … measure …
 *   writeBenchResults("delivery-postgresql", { headline, measures, database, ...details });
 *
 * A busy machine measures the other sessions, not the code: `startBench()` throws when the
 * 1-minute load exceeds the core count, unless BENCH_ALLOW_LOAD=1 (trial runs), in which case
 * the file says `underLoad: true`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export type BenchStart = { startedAt: Date; loadBefore: number[]; underLoad: boolean };

let current: BenchStart | undefined;

const round2 = (values: number[]) => values.map((v) => Math.round(v * 100) / 100);

/** Captures the load before the bench; throws when the machine is busier than its cores. */
export function startBench({
  env = process.env as Record<string, string | undefined>,
  load = loadavg(),
  cores = cpus().length,
} = {}): BenchStart {
  const loadBefore = round2(load);
  const busy = loadBefore[0]! > cores;
  if (busy && env.BENCH_ALLOW_LOAD !== "1") {
    throw new Error(
      `The machine is busy: 1-minute load ${loadBefore[0]} > ${cores} cores, so the figures would measure the other processes. ` +
        "Wait for a quiet machine, or set BENCH_ALLOW_LOAD=1 for a trial run (the results are then marked underLoad: true).",
    );
  }
  current = { startedAt: new Date(), loadBefore, underLoad: busy };
  return current;
}

function git(args: string[]) {
  return execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
}

export type BenchResults = {
  /** The figure the README states, e.g. for delivery {deliveriesPerSecond, endpointsPerEvent, …}. */
  headline: Record<string, unknown>;
  /** Repository paths (files or folders) of the code this bench measures. */
  measures: string[];
  /** What the bench ran on: "postgresql 16.4", "pglite 0.5.16", "none". */
  database: string;
  [detail: string]: unknown;
};

/** Writes bench/results/<name>.json with the provenance fields; returns its path. */
export function writeBenchResults(
  name: string,
  results: BenchResults,
  { start = current, dir = RESULTS_DIR }: { start?: BenchStart; dir?: string } = {},
): string {
  if (!start) throw new Error("writeBenchResults: call startBench() before measuring (it records the load before).");
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`writeBenchResults: invalid results name «${name}».`);
  if (results.measures.length === 0) throw new Error("writeBenchResults: `measures` must list the code paths the bench measures.");
  const { headline, measures, database, ...details } = results;
  const cpuList = cpus();
  const file = {
    benchmark: name,
    headline,
    measures,
    commit: git(["rev-parse", "HEAD"]),
    // Other benches' results written earlier in the same sitting are not code: they don't count.
    dirty: git(["status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench/results"]) !== "",
    date: new Date().toISOString(),
    startedAt: start.startedAt.toISOString(),
    node: process.version,
    cpuModel: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    loadBefore: start.loadBefore,
    loadAfter: round2(loadavg()),
    underLoad: start.underLoad,
    database,
    ...details,
  };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.json`);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}
