import { Prisma, type EngineQueueItem, type EngineRun } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { ingestEvents } from "./event-router";
import type { Tx } from "./run-state";
import type { EngineEventPayload } from "./types";

export type RunResult = { data: unknown } | { error: unknown } | { cancelled: true };
type Announce = () => Promise<void>;

/**
 * Ends a run and drops its remaining work, then (after the transaction) emits
 * `inngest/function.finished`, plus `inngest/function.failed` (id = run id) on failure, so
 * onFailure handlers and invoke waits resume through ordinary event routing.
 */
export async function finishRun(tx: Tx, run: EngineRun, result: RunResult): Promise<Announce> {
  // One statement for the run and its leftover work (a run ends once per call: the hot path).
  // `reqVersion` rides along: the call that ends a run is usually its first (checkpointing).
  await tx.$executeRaw`
    WITH queue AS (DELETE FROM "EngineQueueItem" WHERE "runId" = ${run.id}), waits AS (DELETE FROM "EngineWait" WHERE "runId" = ${run.id})
    UPDATE "EngineRun" SET ${endColumns(result, Prisma.sql`${run.reqVersion}`)} WHERE id = ${run.id}`;
  return announceEnd(run, result);
}

/**
 * A call's answer that ends the run (its return value, or one RunComplete) applied without an
 * interactive transaction, in ONE statement — the last round trip of nearly every run: lock the
 * run, drop the call's queue item (only while this claim holds it: a lease reset meanwhile means
 * the step runs again later) and, when the run is still RUNNING, the rest of its work and the
 * end itself. Null when the call no longer holds its item or the run already ended (nothing
 * else changes), as in the general path (executor.ts).
 */
export async function finishFromCall(item: EngineQueueItem, run: EngineRun, result: RunResult, version: number | null): Promise<Announce | null> {
  const ended = await db().$queryRaw<{ id: string }[]>`
    WITH locked AS (SELECT status FROM "EngineRun" WHERE id = ${run.id} FOR UPDATE),
    held AS (DELETE FROM "EngineQueueItem" WHERE id = ${item.id} AND "leaseUntil" = ${item.leaseUntil} AND EXISTS (SELECT 1 FROM locked) RETURNING id),
    ending AS (SELECT 1 FROM held, locked WHERE locked.status = 'RUNNING'),
    queue AS (DELETE FROM "EngineQueueItem" WHERE "runId" = ${run.id} AND id <> ${item.id} AND EXISTS (SELECT 1 FROM ending)),
    waits AS (DELETE FROM "EngineWait" WHERE "runId" = ${run.id} AND EXISTS (SELECT 1 FROM ending))
    UPDATE "EngineRun" SET ${endColumns(result, Prisma.sql`COALESCE(${version}::int, "reqVersion")`)}
    WHERE id = ${run.id} AND EXISTS (SELECT 1 FROM ending) RETURNING id`;
  return ended.length > 0 ? announceEnd(run, result) : null;
}

function statusOf(result: RunResult) {
  return "cancelled" in result ? "CANCELLED" : "error" in result ? "FAILED" : "COMPLETED";
}

function endColumns(result: RunResult, reqVersion: Prisma.Sql) {
  const json = (value: unknown) => JSON.stringify(value ?? null);
  return Prisma.sql`status = ${statusOf(result)}::"EngineRunStatus", "endedAt" = ${new Date()}, pending = '{}', "startBy" = NULL, "finishBy" = NULL, "reqVersion" = ${reqVersion},
      output = COALESCE(${"data" in result ? json(result.data) : null}::jsonb, output), error = COALESCE(${"error" in result ? json(result.error) : null}::jsonb, error)`;
}

function announceEnd(run: EngineRun, result: RunResult): Announce {
  const status = statusOf(result);
  const event = run.event as unknown as EngineEventPayload;
  const correlationId = (event.data?._inngest as { correlation_id?: string } | undefined)?.correlation_id;
  const base = {
    function_id: run.functionId,
    run_id: run.id,
    event,
    events: [event],
    // function.cancelled carries the fixed cancellation error, as Inngest documents it.
    ...("error" in result ? { error: result.error } : "data" in result ? { result: result.data } : { error: { error: "function cancelled", message: "function cancelled", name: "Error" } }),
    ...(correlationId ? { correlation_id: correlationId } : {}),
  };
  return async () => {
    const events: { id?: string; name: string; data: Record<string, unknown> }[] = [];
    if (status === "FAILED") events.push({ id: run.id, name: "inngest/function.failed", data: base });
    if (status === "CANCELLED") events.push({ id: `${run.id}-cancelled`, name: "inngest/function.cancelled", data: base });
    events.push({ id: `${run.id}-finished`, name: "inngest/function.finished", data: base });
    await ingestEvents(events);
  };
}
