import type { EngineRun, Prisma } from "@/generated/prisma/client";
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
  await tx.engineRun.update({
    where: { id: run.id },
    data: {
      status,
      endedAt: new Date(),
      pending: [],
      startBy: null,
      finishBy: null,
      output: "data" in result ? ((result.data ?? null) as Prisma.InputJsonValue) : undefined,
      error: "error" in result ? ((result.error ?? null) as Prisma.InputJsonValue) : undefined,
    },
  });
  await tx.engineQueueItem.deleteMany({ where: { runId: run.id } });
  await tx.engineWait.deleteMany({ where: { runId: run.id } });

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
