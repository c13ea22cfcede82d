/** The app as users start it (`node scripts/start.mjs`), and the CPU and memory of its server process. */
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readFileSync, readdirSync } from "node:fs";

export type App = { url: string; child: ChildProcess; serverPid: () => number | null; stop: () => Promise<void> };

const TICKS_PER_SECOND = 100;

/** `node scripts/start.mjs` with its own DATA_DIR and PORT (and DATABASE_URL for PostgreSQL); waits until it answers. */
export async function startApp(opts: { port: number; dataDir: string; databaseUrl?: string; logFile: string }): Promise<App> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(opts.port), DATA_DIR: opts.dataDir, NODE_ENV: "production" };
  for (const k of ["DATABASE_URL", "INNGEST_BASE_URL", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "NODE_OPTIONS", "APP_URL"]) delete env[k];
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const log = openSync(opts.logFile, "a");
  const child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", log, log] });
  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}); see ${opts.logFile}`);
    try {
      const res = await fetch(`${url}/sign-in`, { redirect: "manual" });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not answer; see ${opts.logFile}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const serverPid = () => childrenOf(child.pid!)[0] ?? null;
  return {
    url,
    child,
    serverPid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 20_000).unref();
      }),
  };
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

/** utime + stime of one process, in ms. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export type Usage = { serverCpuMs: number; workerCpuMs: number; peakRssMb: number; peakWorkersRssMb: number };

/**
 * Samples the server process (and its children: the parse workers) every 200 ms between start()
 * and stop(). Workers that exit between samples lose their last < 200 ms of CPU.
 */
export function sampleUsage(pid: number) {
  const serverStart = cpuMs(pid);
  const workerLast = new Map<number, { first: number; last: number }>();
  let peakRssMb = rssMb(pid);
  let peakWorkersRssMb = 0;
  const tick = () => {
    peakRssMb = Math.max(peakRssMb, rssMb(pid));
    let workersRss = 0;
    for (const c of childrenOf(pid)) {
      const now = cpuMs(c);
      const seen = workerLast.get(c);
      workerLast.set(c, { first: seen?.first ?? now, last: now });
      workersRss += rssMb(c);
    }
    peakWorkersRssMb = Math.max(peakWorkersRssMb, workersRss);
  };
  tick();
  const timer = setInterval(tick, 200);
  return {
    stop(): Usage {
      tick();
      clearInterval(timer);
      const workerCpuMs = [...workerLast.values()].reduce((s, w) => s + (w.last - w.first), 0);
      return { serverCpuMs: Math.round(cpuMs(pid) - serverStart), workerCpuMs: Math.round(workerCpuMs), peakRssMb: Math.round(peakRssMb), peakWorkersRssMb: Math.round(peakWorkersRssMb) };
    },
  };
}
