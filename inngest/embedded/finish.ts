import type { EngineRun } from "@/generated/prisma/client";
import { ingestEvents } from "./event-router";
import type { Tx } from "./run-state";
import type { EngineEventPayload } from "./types";

export type RunResult = { data: unknown } | { error: unknown } | { cancelled: true };

/**
 * Ends a run and drops its remaining work, then (after the transaction) emits
 * `inngest/function.finished`, plus `inngest/function.failed` (id = run id) on failure, so
 * onFailure handlers and invoke waits resume through ordinary event routing.
 */
export async function finishRun(tx: Tx, run: EngineRun, result: RunResult): Promise<() => Promise<void>> {
  const status = "cancelled" in result ? "CANCELLED" : "error" in result ? "FAILED" : "COMPLETED";
  const json = (value: unknown) => JSON.stringify(value ?? null);
  // One statement for the run and its leftover work (a run ends once per call: the hot path).
  // `reqVersion` rides along: the call that ends a run is usually its first (checkpointing).
  await tx.$executeRaw`
    WITH queue AS (DELETE FROM "EngineQueueItem" WHERE "runId" = ${run.id}), waits AS (DELETE FROM "EngineWait" WHERE "runId" = ${run.id})
    UPDATE "EngineRun" SET status = ${status}::"EngineRunStatus", "endedAt" = ${new Date()}, pending = '{}', "startBy" = NULL, "finishBy" = NULL, "reqVersion" = ${run.reqVersion},
      output = COALESCE(${"data" in result ? json(result.data) : null}::jsonb, output), error = COALESCE(${"error" in result ? json(result.error) : null}::jsonb, error)
    WHERE id = ${run.id}`;

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
