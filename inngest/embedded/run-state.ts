/**
 * Run state transitions. Each happens in a transaction holding the run's row lock, so
 * parallel steps of one run (and several engine processes on PostgreSQL) never lose updates.
 */
import { Prisma, type EngineRun } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { keyOf } from "./expressions";
import { newId } from "./ids";
import { finishRun } from "./finish";
import { concurrencyQueues, priorityOf, rateLimitAllows, singletonDecision, throttledStart } from "./flow-control";
import { maxAttempts } from "./registry";
import { durationMs } from "./time";
import type { EngineEventPayload, FunctionConfig } from "./types";
import { wakeWorker } from "./wake";

export type Tx = Prisma.TransactionClient;
export type RunSteps = Record<string, unknown>;

export async function withRun<T>(runId: string, fn: (tx: Tx, run: EngineRun) => Promise<T>): Promise<T | null> {
  return db().$transaction(
    async (tx) => {
      // Lock and load in one round trip (the hot path runs this once per step).
      const [run] = await tx.$queryRaw<EngineRun[]>`SELECT * FROM "EngineRun" WHERE id = ${runId} FOR UPDATE`;
      // Raw rows keep SQL's NULL for a list column Prisma would read as [].
      return run ? fn(tx, { ...run, stack: run.stack ?? [], pending: run.pending ?? [] }) : null;
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}

/** Put (or move) the queue item for a step; a new request resets any lease so it runs again. */
export async function enqueue(tx: Tx, runId: string, stepId: string, attempt = 0, runAt = new Date()) {
  await tx.engineQueueItem.upsert({
    where: { runId_stepId: { runId, stepId } },
    create: { runId, stepId, attempt, runAt },
    update: { attempt, runAt, leaseUntil: null, leasedBy: null },
  });
  wakeWorker();
}

/** Memoize a step's result; when nothing else is pending, ask the function what comes next. */
export async function saveStep(tx: Tx, run: EngineRun, stepId: string, value: unknown): Promise<EngineRun> {
  const steps = run.steps as RunSteps;
  if (stepId in steps || run.status !== "RUNNING") return run;
  const pending = run.pending.filter((id) => id !== stepId);
  const updated = await tx.engineRun.update({
    where: { id: run.id },
    data: { steps: { ...steps, [stepId]: value } as Prisma.InputJsonValue, stack: [...run.stack, stepId], pending, disableImmediate: pending.length > 0 && run.disableImmediate },
  });
  if (pending.length === 0) await enqueue(tx, run.id, "step");
  return updated;
}

export async function addPending(tx: Tx, run: EngineRun, stepId: string): Promise<boolean> {
  if (stepId in (run.steps as RunSteps) || run.pending.includes(stepId)) return false;
  run.pending = [...run.pending, stepId];
  await tx.engineRun.update({ where: { id: run.id }, data: { pending: run.pending } });
  return true;
}

/**
 * `routedEvent`: the event whose routing ends with this start — a plain start marks it routed in
 * the same statement (the caller then skips its own update); other starts leave it to the caller.
 */
export type StartOptions = { events?: EngineEventPayload[]; triggerId?: string; routedEvent?: string };

/**
 * One run per (function, event), however often the event is routed; the idempotency key is
 * claimed in the same transaction as the run, so a crash cannot leave a key without its run.
 */
/** True when it also marked `options.routedEvent` routed. */
export async function startRun(fn: FunctionConfig, event: EngineEventPayload, options: StartOptions = {}): Promise<boolean> {
  if (!fn.idempotency && !fn.singleton && !fn.rateLimit && !fn.throttle) {
    await startPlainRun(fn, event, options);
    return options.routedEvent !== undefined;
  }
  let after: (() => Promise<void>) | null = null;
  try {
    after = await db().$transaction((tx) => createRun(tx, fn, event, options), { timeout: 15_000, maxWait: 15_000 });
  } catch (e) {
    // Routed again (a re-sent event, a second engine process): the run exists already.
    if ((e as { code?: string }).code === "P2002") return false;
    throw e;
  }
  await after?.();
  return false;
}

/**
 * Creates the run in `tx` under its flow control (README.md): singleton and rate limit may skip
 * it, a future `ts` and throttle delay its first step, priority and concurrency queues are
 * stored for the claim. Returns what to do after commit (a singleton run it cancelled).
 */
export async function createRun(tx: Tx, fn: FunctionConfig, event: EngineEventPayload, options: StartOptions = {}): Promise<(() => Promise<void>) | null> {
  const idempotencyKey = fn.idempotency ? keyOf(fn.idempotency, { event }) : null;
  if (idempotencyKey !== null) {
    const claimed = await tx.$executeRaw`INSERT INTO "EngineDedupe" (key, "createdAt") VALUES (${`idem:${fn.id}:${idempotencyKey}`}, now()) ON CONFLICT DO NOTHING`;
    if (claimed === 0) return null;
  }
  const now = Date.now();
  const singleton = await singletonDecision(tx, fn, event);
  if (singleton.skip) return null;
  if (!(await rateLimitAllows(tx, fn, event, now))) return null;
  const due = dueAt(event, now);
  const startAt = await throttledStart(tx, fn, event, due);
  const run = newRun(fn, event, options, now, due);
  await tx.engineRun.create({ data: { ...run, singletonKey: singleton.key } });
  await enqueue(tx, run.id, "step", 0, new Date(startAt));
  return singleton.cancel ? finishRun(tx, singleton.cancel, { cancelled: true }) : null;
}

/** When a run's first step is due: now, or later for an event stamped in the future. */
function dueAt(event: EngineEventPayload, now: number): number {
  return Math.max(now, Number(event.ts) || now);
}

/** The run's row as created, before flow control's own columns. */
function newRun(fn: FunctionConfig, event: EngineEventPayload, options: StartOptions, now: number, due: number) {
  const queues = concurrencyQueues(fn, event);
  return {
    id: newId(),
    functionId: fn.id,
    event: event as unknown as Prisma.InputJsonValue,
    events: options.events ? (options.events as unknown as Prisma.InputJsonValue) : undefined,
    maxAttempts: maxAttempts(fn),
    concurrencyKey: queues.keys[0] ?? null,
    concurrencyKeys: queues.keys,
    concurrencyLimits: queues.limits,
    priority: priorityOf(fn, event),
    startBy: fn.timeouts?.start ? new Date(due + durationMs(fn.timeouts.start)) : null,
    finishTimeoutMs: fn.timeouts?.finish ? durationMs(fn.timeouts.finish) : null,
    tenantId: tenantOf(event),
    triggerEventId: options.triggerId ?? event.id,
    // Arrival, as the limits above saw it: FIFO order and the throttle schedule count from here.
    startedAt: new Date(now),
  };
}

/**
 * A function without idempotency, singleton, rate limit or throttle (most of them) has nothing
 * to decide under a lock: its run and first queue item go in ONE statement, no transaction.
 * Routed again, the run exists already and nothing is inserted (one run per function and event).
 * With `routedEvent`, that event is marked routed by the same statement (run there or not).
 */
async function startPlainRun(fn: FunctionConfig, event: EngineEventPayload, options: StartOptions): Promise<void> {
  const now = Date.now();
  const due = dueAt(event, now);
  const run = newRun(fn, event, options, now, due);
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  // A data-modifying CTE runs whether or not the rest reads it.
  const routed = options.routedEvent === undefined ? Prisma.empty : Prisma.sql`routed AS (UPDATE "EngineEvent" SET "routedAt" = now() WHERE id = ${options.routedEvent}),`;
  const inserted = await db().$executeRaw`
    WITH ${routed} run AS (
      INSERT INTO "EngineRun" (id, "functionId", event, events, "maxAttempts", "concurrencyKey", "concurrencyKeys", "concurrencyLimits", priority, "startBy", "finishTimeoutMs", "tenantId", "triggerEventId", "startedAt")
      VALUES (${run.id}, ${run.functionId}, ${json(run.event)}::jsonb, ${json(run.events)}::jsonb, ${run.maxAttempts}, ${run.concurrencyKey}, ${run.concurrencyKeys}::text[], ${run.concurrencyLimits}::int[], ${run.priority}, ${run.startBy}, ${run.finishTimeoutMs}, ${run.tenantId}, ${run.triggerEventId}, ${run.startedAt})
      ON CONFLICT ("functionId", "triggerEventId") DO NOTHING RETURNING id)
    INSERT INTO "EngineQueueItem" (id, "runId", "stepId", attempt, "runAt") SELECT ${newId()}, id, 'step', 0, ${new Date(due)} FROM run`;
  if (inserted > 0) wakeWorker();
}

/** The tenant an event belongs to (directly, or the original event of a function.* event). */
function tenantOf(event: EngineEventPayload): string | null {
  const data = event.data as { tenantId?: unknown; event?: { data?: { tenantId?: unknown } } };
  const id = data.tenantId ?? data.event?.data?.tenantId;
  return typeof id === "string" ? id : null;
}
