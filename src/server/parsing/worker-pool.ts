import "server-only";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { ParseFailure } from "./failure";

/**
 * A small pool of worker threads running `pdf-worker.mjs`. Each call has a deadline: when it
 * passes, the worker is terminated (a hostile PDF cannot keep a CPU or memory) and replaced.
 * Workers also run with V8 heap limits; an out-of-memory worker dies alone.
 */

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };
type Slot = { worker: Worker; busy: boolean; pending: Map<number, Pending> };
type Job = { op: string; args: Record<string, unknown>; timeoutMs: number; resolve: (v: unknown) => void; reject: (e: unknown) => void };

const POOL_SIZE = Math.max(1, Math.min(Number(process.env.PARSE_WORKERS ?? 0) || availableParallelism(), 4));
const HEAP_MB = 768;

const WORKER_FILE = ["pdf-worker", "mjs"].join(".");

function workerPath(): string {
  const candidates = [
    process.env.PARSING_WORKER_PATH,
    // turbopackIgnore: the worker runs from its file under plain Node; a bundler must not follow
    // this path (a `new Worker(cwd + …)` makes Turbopack compile the whole project).
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

let nextId = 1;
const slots: Slot[] = [];
const queue: Job[] = [];

/**
 * The Worker class, fetched at run time: a static `new Worker(…)` makes Turbopack try to bundle
 * the worker's entry and, with a computed path, trace the whole repository into the build.
 */
function workerClass(): typeof Worker {
  return process.getBuiltinModule("node:worker_threads").Worker;
}

function spawn(): Slot {
  const WorkerThread = workerClass();
  const worker = new WorkerThread(workerPath(), {
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  const slot: Slot = { worker, busy: false, pending: new Map() };
  worker.on("message", (msg: { id: number; ok: boolean; result?: unknown; error?: { reason: string; message: string } }) => {
    const p = slot.pending.get(msg.id);
    if (!p) return;
    clearTimeout(p.timer);
    slot.pending.delete(msg.id);
    slot.busy = false;
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new ParseFailure(msg.error?.reason ?? "CORRUPT", msg.error?.message ?? "No se pudo leer el archivo"));
    pump();
  });
  const die = (err: unknown) => {
    const idx = slots.indexOf(slot);
    if (idx >= 0) slots.splice(idx, 1);
    for (const [, p] of slot.pending) {
      clearTimeout(p.timer);
      const oom = err instanceof Error && /memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${err.message} ${(err as { code?: string }).code ?? ""}`);
      p.reject(
        oom
          ? new ParseFailure("TOO_LARGE", "El archivo necesita demasiada memoria para procesarse")
          : new ParseFailure("CORRUPT", "El archivo hizo fallar el lector de PDF"),
      );
    }
    slot.pending.clear();
    pump();
  };
  worker.on("error", die);
  worker.on("exit", (code) => {
    if (slot.pending.size) die(new Error(`worker exit ${code}`));
    const idx = slots.indexOf(slot);
    if (idx >= 0) slots.splice(idx, 1);
  });
  slots.push(slot);
  return slot;
}

function pump() {
  while (queue.length) {
    let slot = slots.find((s) => !s.busy);
    if (!slot && slots.length < POOL_SIZE) slot = spawn();
    if (!slot) return;
    const job = queue.shift()!;
    const id = nextId++;
    slot.busy = true;
    const s = slot;
    const timer = setTimeout(() => {
      s.pending.delete(id);
      const idx = slots.indexOf(s);
      if (idx >= 0) slots.splice(idx, 1);
      void s.worker.terminate();
      job.reject(new ParseFailure("TIMEOUT", "El archivo tardó demasiado en procesarse"));
      // other calls on this worker (none: one job per worker) — the pool refills on the next pump
      pump();
    }, job.timeoutMs);
    s.pending.set(id, { resolve: job.resolve, reject: job.reject, timer });
    // bytes are copied (not transferred) so callers keep theirs
    s.worker.postMessage({ id, op: job.op, args: job.args });
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

/** Terminates all workers (tests/bench teardown). */
export async function shutdownWorkers(): Promise<void> {
  const all = slots.splice(0);
  await Promise.all(all.map((s) => s.worker.terminate()));
}
