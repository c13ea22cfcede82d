import "server-only";
import type * as ChildProcessModule from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { logger } from "@/server/log/logger";
import { ParseFailure } from "./failure";

const log = logger.child({ module: "parse-worker" });

/**
 * A small pool of child processes running `pdf-worker.mjs`: everything that touches untrusted
 * file bytes with pdf.js, canvas or zxing runs outside the server process, under a hard memory
 * ceiling. A worker thread's `resourceLimits` only bound the V8 heap — pdf.js inflates streams
 * into ArrayBuffers (external memory), so a deflate bomb could take the whole host. Here each
 * worker runs under `prlimit --data` (RLIMIT_DATA, util-linux): every allocation beyond
 * PARSE_MEMORY_MB fails inside the worker, which then fails the parse as TOO_LARGE or dies alone.
 * Each call has a deadline (the worker is killed and replaced), and a worker that grew large is
 * recycled after its job so the memory goes back to the system.
 */

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };
type Slot = { child: ChildProcess; busy: boolean; pending: Map<number, Pending>; dead: boolean; stderrTail: string };
type Job = { op: string; args: Record<string, unknown>; timeoutMs: number; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Reply = { id: number; ok: boolean; result?: unknown; error?: { reason: string; message: string }; loads?: number };

const POOL_SIZE = Math.max(1, Math.min(Number(process.env.PARSE_WORKERS ?? 0) || availableParallelism(), 4));
/** Ceiling for all memory of one worker (heap, ArrayBuffers, wasm, canvas), in MiB. */
const MEMORY_MB = Number(process.env.PARSE_MEMORY_MB ?? 1024);
const HEAP_MB = Math.max(128, Math.floor(MEMORY_MB / 2));
/** A worker whose resident memory is above this after a job is replaced. */
const RECYCLE_MB = Math.max(256, Math.floor(MEMORY_MB / 2));

const WORKER_FILE = ["pdf-worker", "mjs"].join(".");
export const TOO_MUCH_MEMORY = "El archivo necesita demasiada memoria para procesarse";
export const WORKER_CRASHED = "El archivo hizo fallar el lector de PDF";

function workerPath(): string {
  const candidates = [
    process.env.PARSING_WORKER_PATH,
    // turbopackIgnore: the worker runs from its file under plain Node; a bundler must not follow it.
    path.join(/*turbopackIgnore: true*/ process.cwd(), "src/server/parsing/pdf-worker.mjs"),
  ];
  try {
    candidates.push(path.join(/*turbopackIgnore: true*/ path.dirname(fileURLToPath(import.meta.url)), WORKER_FILE));
  } catch {
    // bundled: import.meta.url is not a file URL
  }
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error("pdf-worker.mjs no encontrado (PARSING_WORKER_PATH)");
}

const PRLIMIT = ["/usr/bin/prlimit", "/bin/prlimit"].find((p) => existsSync(p));
let warned = false;

/** The command line of one worker: node under prlimit when available (Linux, util-linux). */
export function workerCommand(): { cmd: string; args: string[]; memoryCapped: boolean } {
  const node = [process.execPath, `--max-old-space-size=${HEAP_MB}`, workerPath()];
  if (PRLIMIT) return { cmd: PRLIMIT, args: [`--data=${MEMORY_MB * 1024 * 1024}`, "--", ...node], memoryCapped: true };
  return { cmd: node[0]!, args: node.slice(1), memoryCapped: false };
}

let nextId = 1;
/** PDF documents the workers opened (pdf.js getDocument) since the process started. */
let loadedPdfs = 0;
const slots: Slot[] = [];
const queue: Job[] = [];

/** child_process at run time: a static import of a spawn target makes Turbopack trace the repo. */
function childProcess(): typeof ChildProcessModule {
  return process.getBuiltinModule("node:child_process");
}

function residentMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const STDERR_TAIL_CHARS = 4096;
/**
 * Under RLIMIT_DATA a failed allocation ends the worker in several ways: V8 aborts (SIGABRT),
 * traps (SIGTRAP / SIGILL from its crash instruction), or a native allocation faults (SIGSEGV,
 * SIGBUS); sometimes Node prints the reason and exits with a plain code.
 */
const MEMORY_SIGNALS = new Set(["SIGABRT", "SIGSEGV", "SIGBUS", "SIGTRAP", "SIGILL"]);
const MEMORY_EXIT_CODES = new Set([132, 133, 134, 135, 139]);
const MEMORY_MESSAGE = /out of memory|allocation failed|cannot allocate|bad_alloc|ENOMEM|Invalid (typed )?array length/i;

export function diedOfMemory(code: number | null, signal: NodeJS.Signals | null, stderrTail: string): boolean {
  return (signal !== null && MEMORY_SIGNALS.has(signal)) || (code !== null && MEMORY_EXIT_CODES.has(code)) || MEMORY_MESSAGE.test(stderrTail);
}

function retire(slot: Slot) {
  slot.dead = true;
  const idx = slots.indexOf(slot);
  if (idx >= 0) slots.splice(idx, 1);
  if (slot.child.exitCode === null && slot.child.signalCode === null) slot.child.kill("SIGKILL");
}

function spawn(): Slot {
  const { cmd, args, memoryCapped } = workerCommand();
  if (!memoryCapped && !warned) {
    warned = true;
    process.emitWarning("prlimit no está instalado (util-linux): el lector de PDF corre sin techo de memoria externa");
  }
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // test runners' loaders are not for the plain-JS worker
  const child = childProcess().spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced", env });
  child.unref();
  child.channel?.unref();
  const slot: Slot = { child, busy: false, pending: new Map(), dead: false, stderrTail: "" };
  // The last lines a dying worker printed tell an allocation failure from any other crash.
  child.stderr?.on("data", (chunk: Buffer) => {
    slot.stderrTail = (slot.stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL_CHARS);
  });
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  child.on("message", (msg: Reply) => {
    loadedPdfs += msg.loads ?? 0;
    const p = slot.pending.get(msg.id);
    if (!p) return;
    clearTimeout(p.timer);
    slot.pending.delete(msg.id);
    slot.busy = false;
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new ParseFailure(msg.error?.reason ?? "CORRUPT", msg.error?.message ?? "No se pudo leer el archivo"));
    // Memory goes back to the system: a worker that needed a lot is replaced, not reused.
    if ((!msg.ok && msg.error?.reason === "TOO_LARGE") || residentMb(child.pid) > RECYCLE_MB) retire(slot);
    pump();
  });
  child.on("exit", (code, signal) => {
    const unexpected = !slot.dead;
    retire(slot);
    if (unexpected && slot.pending.size) {
      const oom = diedOfMemory(code, signal, slot.stderrTail);
      log.warn({ code, signal, oom, stderr: slot.stderrTail.slice(-500) }, "parse worker died during a job");
      for (const [, p] of slot.pending) {
        clearTimeout(p.timer);
        p.reject(oom ? new ParseFailure("TOO_LARGE", TOO_MUCH_MEMORY) : new ParseFailure("CORRUPT", WORKER_CRASHED));
      }
    }
    slot.pending.clear();
    pump();
  });
  child.on("error", () => {
    retire(slot);
    for (const [, p] of slot.pending) {
      clearTimeout(p.timer);
      p.reject(new ParseFailure("CORRUPT", "No se pudo iniciar el lector de PDF"));
    }
    slot.pending.clear();
  });
  slots.push(slot);
  return slot;
}

function pump() {
  while (queue.length) {
    let slot = slots.find((s) => !s.busy && !s.dead);
    if (!slot && slots.length < POOL_SIZE) slot = spawn();
    if (!slot) return;
    const job = queue.shift()!;
    const id = nextId++;
    slot.busy = true;
    const s = slot;
    const timer = setTimeout(() => {
      s.pending.delete(id);
      retire(s);
      job.reject(new ParseFailure("TIMEOUT", "El archivo tardó demasiado en procesarse"));
      pump();
    }, job.timeoutMs);
    s.pending.set(id, { resolve: job.resolve, reject: job.reject, timer });
    s.child.send({ id, op: job.op, args: job.args });
  }
}

export function runInWorker<T>(op: string, args: Record<string, unknown>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue.push({ op, args, timeoutMs, resolve: resolve as (v: unknown) => void, reject });
    pump();
  });
}

/** Starts the workers and loads pdf.js + the QR decoder (benchmarks call it before timing). */
export async function warmUp(): Promise<void> {
  await Promise.all(Array.from({ length: POOL_SIZE }, () => runInWorker("ping", {}, 120_000)));
}

/** Stops all workers (tests/bench teardown). */
export async function shutdownWorkers(): Promise<void> {
  const all = slots.splice(0);
  await Promise.all(
    all.map(
      (s) =>
        new Promise<void>((resolve) => {
          if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
          s.dead = true;
          s.child.once("exit", () => resolve());
          s.child.kill("SIGKILL");
        }),
    ),
  );
}

/** How many times the workers opened a PDF so far: the pipeline's "one load per document" is measured with it. */
export function pdfLoadCount(): number {
  return loadedPdfs;
}

/** Process ids of the live workers (tests check their memory). */
export function workerPids(): number[] {
  return slots.map((s) => s.child.pid).filter((p): p is number => typeof p === "number");
}
