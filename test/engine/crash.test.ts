/**
 * Crash safety: a burst of multi-step runs, SIGKILL of the whole server mid-way, restart on
 * the same database — every run completes. A step running at the kill may run again
 * (at-least-once); a step whose result was saved (checkpointed) before the kill never does.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./harness";
import { eventUrl, startApp, waitFor, type RunRow } from "./support/app-process";

type Row = RunRow & { id: string };

const RUNS = 40;
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill("SIGKILL");
});

describe("engine crash safety", () => {
  it(`completes all ${RUNS} runs after kill -9 mid-burst`, { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "contaflow-crash-"));
    const [appPort, enginePort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      APP_PORT: String(appPort),
      INNGEST_ENGINE_PORT: String(enginePort),
      DATA_DIR: dataDir,
      INNGEST_ENGINE_LEASE_MS: "1500",
      INNGEST_ENGINE_BACKOFF_MS: "100",
      INNGEST_ENGINE_CHECKPOINTING: "1",
      LOG_LEVEL: "warn",
    };
    if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL; // this file's fresh PostgreSQL database
    else {
      delete env.DATABASE_URL;
      const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", "deploy"], { env, encoding: "utf8" });
      expect(migrate.status, migrate.stderr).toBe(0);
    }
    const status = async () => (await (await fetch(`http://127.0.0.1:${appPort}/status`)).json()) as Row[];

    child = await startApp(env);
    const events = Array.from({ length: RUNS }, (_, n) => ({ name: "t/burst", data: { n } }));
    const sent = await fetch(eventUrl(env), { method: "POST", body: JSON.stringify(events) });
    expect(((await sent.json()) as { ids: string[] }).ids).toHaveLength(RUNS);

    // Mid-way: some runs done, others in flight with some of their steps checkpointed.
    const before = await waitFor("progress", async () => {
      const rows = await status();
      const done = rows.filter((r) => r.status === "COMPLETED").length;
      const midRun = rows.some((r) => r.status === "RUNNING" && r.history.length > 0);
      return done >= 3 && done < RUNS && midRun ? rows : null;
    }, 30_000);
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    const executionsAtKill = readFileSync(join(dataDir, "executions.log"), "utf8");
    const completedAtKill = before.filter((r) => r.status === "COMPLETED").length;
    expect(completedAtKill).toBeLessThan(RUNS);

    child = await startApp(env);
    const after = await waitFor("every run to complete", async () => {
      const rows = await status();
      return rows.length === RUNS && rows.every((r) => r.status === "COMPLETED") ? rows : null;
    }, 60_000);
    expect(after.map((r) => r.output!.n).sort((a, b) => a - b)).toEqual(Array.from({ length: RUNS }, (_, n) => n));
    expect(after.every((r) => r.output!.total === 10)).toBe(true);
    // Steps saved before the kill never ran again after it, including those of runs cut off mid-way.
    const count = (log: string, runId: string, step: string) => log.split("\n").filter((line) => line === `${runId} ${step}`).length;
    const executionsAtEnd = readFileSync(join(dataDir, "executions.log"), "utf8");
    const saved = before.flatMap((r) => r.history.map((h) => ({ runId: r.id, step: h.name, running: r.status === "RUNNING" })));
    expect(saved.filter((s) => s.running).length).toBeGreaterThan(0);
    expect(saved.filter((s) => count(executionsAtEnd, s.runId, s.step) !== count(executionsAtKill, s.runId, s.step))).toEqual([]);
    // The steps of runs cut off mid-way that were not saved did run again.
    expect(executionsAtEnd.length).toBeGreaterThan(executionsAtKill.length);
    child.kill("SIGKILL");
    child = null;
  });
});
