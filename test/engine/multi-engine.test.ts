/**
 * Several engine processes on one database. PostgreSQL: two engines share the queue and no
 * step runs twice (FOR UPDATE SKIP LOCKED + leases). PGlite: one process by construction —
 * a second one on the same data folder refuses to start.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseEngine } from "../support/database-engine";
import { freePort } from "./harness";
import { eventUrl, startApp, waitFor, type RunRow } from "./support/app-process";

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill("SIGKILL")));

async function appEnv(): Promise<NodeJS.ProcessEnv & { APP_PORT: string; INNGEST_ENGINE_PORT: string; DATA_DIR: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "contaflow-multi-"));
  return { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn", INNGEST_ENGINE_BACKOFF_MS: "100", APP_PORT: String(await freePort()), INNGEST_ENGINE_PORT: String(await freePort()) };
}

const db = testDatabaseEngine();

// The title names the database, so a report shows which of the two cases actually ran.
describe(`several engine processes on ${db.label}`, () => {
  if (db.engine === "postgres") {
    it("share one PostgreSQL queue without running any step twice", { timeout: 90_000 }, async () => {
      const a = { ...(await appEnv()), DATABASE_URL: process.env.DATABASE_URL };
      const b = { ...(await appEnv()), DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: a.DATA_DIR };
      children.push(await startApp(a), await startApp(b));
      const events = Array.from({ length: 40 }, (_, n) => ({ name: "t/burst", data: { n } }));
      await fetch(eventUrl(a), { method: "POST", body: JSON.stringify(events.slice(0, 20)) });
      await fetch(eventUrl(b), { method: "POST", body: JSON.stringify(events.slice(20)) });
      const runs = await waitFor("all runs", async () => {
        const rows = (await (await fetch(`http://127.0.0.1:${a.APP_PORT}/status`)).json()) as RunRow[];
        return rows.length === 40 && rows.every((r) => r.status === "COMPLETED") ? rows : null;
      }, 60_000);
      for (const run of runs) expect(run.history.map((h) => h.name).sort()).toEqual(["s0", "s1", "s2", "s3"].sort());
    });
  } else {
    it("PGlite: a second process on the same data folder refuses to start", { timeout: 60_000 }, async () => {
      const a = await appEnv();
      const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", "deploy"], { env: a, encoding: "utf8" });
      expect(migrate.status, migrate.stderr).toBe(0);
      children.push(await startApp(a));
      const b = { ...(await appEnv()), DATA_DIR: a.DATA_DIR };
      await expect(startApp(b)).rejects.toThrow(/ya está abierta por otro proceso/);
    });
  }
});
