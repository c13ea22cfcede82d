/** Start/observe the crash-app process (a whole app: engine + functions) from tests. */
import { spawn, type ChildProcess } from "node:child_process";

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

