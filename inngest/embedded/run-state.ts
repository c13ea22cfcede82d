/**
 * Run state transitions. Each happens in a transaction holding the run's row lock, so
 * parallel steps of one run (and several engine processes on PostgreSQL) never lose updates.
 */
import type { EngineRun, Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { keyOf } from "./expressions";
import { newId } from "./ids";
import { concurrencyRules, maxAttempts } from "./registry";
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
    update: { attempt, runAt, leaseUntil: null },
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
 * One run per (function, event), however often the event is routed; the idempotency key is
 * claimed in the same transaction as the run, so a crash cannot leave a key without its run.
 */
export async function startRun(fn: FunctionConfig, event: EngineEventPayload): Promise<void> {
  const rule = concurrencyRules(fn).find((r) => r.key);
  const idempotencyKey = fn.idempotency ? keyOf(fn.idempotency, { event }) : null;
  const runId = newId();
  try {
    await db().$transaction(async (tx) => {
      if (idempotencyKey !== null) {
        const claimed = await tx.$executeRaw`INSERT INTO "EngineDedupe" (key, "createdAt") VALUES (${`idem:${fn.id}:${idempotencyKey}`}, now()) ON CONFLICT DO NOTHING`;
        if (claimed === 0) return;
      }
      await tx.engineRun.create({
        data: {
          id: runId,
          functionId: fn.id,
          event: event as unknown as Prisma.InputJsonValue,
          maxAttempts: maxAttempts(fn),
          concurrencyKey: rule?.key ? keyOf(rule.key, { event }) : null,
          tenantId: tenantOf(event),
          triggerEventId: event.id,
        },
      });
      await enqueue(tx, runId, "step");
    });
  } catch (e) {
    // Routed again (a re-sent event, a second engine process): the run exists already.
    if ((e as { code?: string }).code === "P2002") return;
    throw e;
  }
}

/** The tenant an event belongs to (directly, or the original event of a function.* event). */
function tenantOf(event: EngineEventPayload): string | null {
  const data = event.data as { tenantId?: unknown; event?: { data?: { tenantId?: unknown } } };
  const id = data.tenantId ?? data.event?.data?.tenantId;
  return typeof id === "string" ? id : null;
}
