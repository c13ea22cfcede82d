/** Start/observe a child-process app (engine + functions, see app-server.ts) from tests. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../harness";

export type RunRow = { status: string; output: { n: number; total: number } | null; history: { name: string }[] };

export async function waitFor<T>(what: string, fn: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The Event API URL of a child app: its engine port and the event key generated in its data folder. */
export function eventUrl(env: NodeJS.ProcessEnv): string {
  const key = readFileSync(join(env.DATA_DIR!, "inngest-event-key"), "utf8").trim();
  return `http://127.0.0.1:${env.INNGEST_ENGINE_PORT}/e/${key}`;
}

export function startApp(env: NodeJS.ProcessEnv, script = "test/engine/support/crash-app.ts"): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script], { env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    proc.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.includes("READY")) resolve(proc);
    });
    proc.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    proc.on("exit", (code) => reject(new Error(`app exited (${code}) before READY:\n${output.slice(-2000)}`)));
  });
}


/**
 * The environment of a child app: its own data folder and ports, outgoing calls allowed to
 * loopback, short leases so a killed process's steps come back soon. The test's PostgreSQL
 * when there is one; else PGlite in the data folder, migrated here.
 */
export async function appEnv(name: string, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv & { APP_PORT: string; INNGEST_ENGINE_PORT: string; DATA_DIR: string } = {
    ...process.env,
    DATA_DIR: mkdtempSync(join(tmpdir(), `contaflow-${name}-`)),
    LOG_LEVEL: "warn",
    OUTBOUND_ALLOWLIST: "127.0.0.1",
    INNGEST_ENGINE_LEASE_MS: "2000",
    APP_PORT: String(await freePort()),
    INNGEST_ENGINE_PORT: String(await freePort()),
    ...extra,
  };
  if (process.env.DATABASE_URL) return { ...env, DATABASE_URL: process.env.DATABASE_URL };
  delete env.DATABASE_URL;
  const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", "deploy"], { env, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);
  return env;
}
