/**
 * Crash safety: a burst of multi-step runs, SIGKILL of the whole server mid-way, restart on
 * the same database — every run completes (steps may run again: at-least-once).
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./harness";
import { startApp, waitFor, type RunRow } from "./support/app-process";

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
      LOG_LEVEL: "warn",
    };
    if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL; // this file's fresh PostgreSQL database
    else {
      delete env.DATABASE_URL;
      const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", "deploy"], { env, encoding: "utf8" });
      expect(migrate.status, migrate.stderr).toBe(0);
    }
    const status = async () => (await (await fetch(`http://127.0.0.1:${appPort}/status`)).json()) as RunRow[];

    child = await startApp(env);
    const events = Array.from({ length: RUNS }, (_, n) => ({ name: "t/burst", data: { n } }));
    const sent = await fetch(`http://127.0.0.1:${enginePort}/e/embedded`, { method: "POST", body: JSON.stringify(events) });
    expect(((await sent.json()) as { ids: string[] }).ids).toHaveLength(RUNS);

    // Mid-way: some runs done, most still in flight.
    const before = await waitFor("progress", async () => {
      const rows = await status();
      const done = rows.filter((r) => r.status === "COMPLETED").length;
      return done >= 3 && done < RUNS ? rows : null;
    }, 30_000);
    child.kill("SIGKILL");
    await new Promise((r) => child!.once("exit", r));
    const completedAtKill = before.filter((r) => r.status === "COMPLETED").length;
    expect(completedAtKill).toBeLessThan(RUNS);

    child = await startApp(env);
    const after = await waitFor("every run to complete", async () => {
      const rows = await status();
      return rows.length === RUNS && rows.every((r) => r.status === "COMPLETED") ? rows : null;
    }, 60_000);
    expect(after.map((r) => r.output!.n).sort((a, b) => a - b)).toEqual(Array.from({ length: RUNS }, (_, n) => n));
    expect(after.every((r) => r.output!.total === 10)).toBe(true);
    child.kill("SIGKILL");
    child = null;
  });
});
