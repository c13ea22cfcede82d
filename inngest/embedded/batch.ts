/**
 * `batchEvents: { maxSize, timeout, key?, if? }`: matching events collect in one open batch per
 * (function, key) row; the run starts with all of them as `events` when the batch is full, or
 * `timeout` after its first event. An event that fails `if` starts a run of its own at once.
 * Append and start happen under the row's lock, so engines sharing a database fill one batch.
 */
import { db } from "@/server/db/client";
import { keyOf, matches } from "./expressions";
import { loadFunctions } from "./registry";
import { createRun, startRun } from "./run-state";
import { durationMs } from "./time";
import type { EngineEventPayload, FunctionConfig } from "./types";

type Batch = NonNullable<FunctionConfig["batchEvents"]>;

export async function addToBatch(fn: FunctionConfig, batch: Batch, event: EngineEventPayload): Promise<void> {
  if (batch.if && !matches(batch.if, { event })) {
    await startRun(fn, event, { events: [event] });
    return;
  }
  const key = `${fn.id}:${keyOf(batch.key, { event }) ?? ""}`;
  const dueAt = new Date(Date.now() + durationMs(batch.timeout));
  const after = await db().$transaction(
    async (tx) => {
      let row: { events: EngineEventPayload[] } | undefined;
      // The row may vanish while this waits on its lock (another engine filled and started the
      // batch): each statement sees the latest commit, so going round again opens the next batch.
      while (!row) {
        await tx.$executeRaw`INSERT INTO "EngineBatch" (key, "functionId", events, "dueAt") VALUES (${key}, ${fn.id}, '[]'::jsonb, ${dueAt}) ON CONFLICT (key) DO NOTHING`;
        [row] = await tx.$queryRaw<{ events: EngineEventPayload[] }[]>`SELECT events FROM "EngineBatch" WHERE key = ${key} FOR UPDATE`;
      }
      // Routed again after a crash: the event is in the batch already.
      if (row.events.some((e) => e.id === event.id)) return null;
      const events = [...row.events, event];
      if (events.length < batch.maxSize) {
        await tx.$executeRaw`UPDATE "EngineBatch" SET events = ${JSON.stringify(events)}::jsonb WHERE key = ${key}`;
        return null;
      }
      await tx.$executeRaw`DELETE FROM "EngineBatch" WHERE key = ${key}`;
      return createRun(tx, fn, events[0]!, { events, triggerId: `batch-${events[0]!.id}` });
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
  await after?.();
}

/** Starts the batches whose timeout is over, each exactly once (row deleted in the same transaction). */
export async function fireDueBatches(): Promise<number> {
  const due = await db().$queryRaw<{ key: string }[]>`SELECT key FROM "EngineBatch" WHERE "dueAt" <= ${new Date()} ORDER BY "dueAt" LIMIT 100`;
  if (due.length === 0) return 0;
  const functions = await loadFunctions();
  for (const { key } of due) {
    const after = await db().$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ functionId: string; events: EngineEventPayload[] }[]>`DELETE FROM "EngineBatch" WHERE key = ${key} AND "dueAt" <= ${new Date()} RETURNING "functionId", events`;
      const fn = row ? functions.get(row.functionId) : undefined;
      if (!row || !fn || row.events.length === 0) return null;
      return createRun(tx, fn, row.events[0]!, { events: row.events, triggerId: `batch-${row.events[0]!.id}` });
    });
    await after?.();
  }
  return due.length;
}
