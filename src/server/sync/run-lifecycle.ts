/**
 * Start and end of a PULL sync run. The end sets SUCCESS (everything imported), PARTIAL
 * (something imported, something staged/failed, or paging stopped after imports) or FAILED
 * (paging stopped with nothing imported), and records `sync.completed` (SUCCESS/PARTIAL:
 * success = imported, failed, staged) or `sync.failed` (error) in the same transaction.
 */
import "server-only";
import { NonRetriableError } from "inngest";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { dispatchAfterCommit } from "@/server/events/dispatch";
import { recordDomainEvent } from "@/server/events/outbox";
import { alertScheduledFailure } from "@/server/exports/alerts";
import { FIRST_CHECKPOINT, type Checkpoint } from "./pagination";
import { recount } from "./sync-page";

export async function beginSyncRun(runId: string) {
  const run = await db().syncRun.findUnique({ where: { id: runId } });
  if (!run) throw new NonRetriableError(`La sincronización ${runId} no existe.`);
  await db().syncRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: run.startedAt ?? new Date() } });
  const cp = (run.checkpoint as Checkpoint | null) ?? FIRST_CHECKPOINT;
  return { pageIndex: cp.pageIndex, done: cp.done };
}

export async function finishSyncRun(runId: string, crash?: string) {
  const run = await db().syncRun.findUnique({ where: { id: runId } });
  if (!run) throw new NonRetriableError(`La sincronización ${runId} no existe.`);
  if (run.status === "SUCCESS" || run.status === "PARTIAL" || run.status === "FAILED") return { status: run.status, imported: run.imported, failed: run.failed, staged: run.staged };
  const error = crash ?? run.error;
  const result = await db().$transaction(async (tx) => {
    const counts = await recount(tx, runId);
    const status = error ? (counts.imported > 0 ? "PARTIAL" : "FAILED") : counts.staged + counts.failed > 0 ? "PARTIAL" : "SUCCESS";
    const { count } = await tx.syncRun.updateMany({ where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } }, data: { ...counts, status, error, finishedAt: new Date() } });
    if (count === 0) return { status, counts, events: [] };
    const event =
      status === "FAILED"
        ? createDomainEvent("sync.failed", { connectorId: run.connectorId, error: error ?? "Fallo en la sincronización" })
        : createDomainEvent("sync.completed", { connectorId: run.connectorId, success: counts.imported, failed: counts.failed, staged: counts.staged });
    return { status, counts, events: [await recordDomainEvent(tx, run.tenantId, event)] };
  });
  dispatchAfterCommit(result.events);
  if (result.status === "FAILED" && run.trigger === "SCHEDULE" && result.events.length > 0) {
    const connector = await db().apiConnector.findUnique({ where: { id: run.connectorId }, select: { name: true } });
    await alertScheduledFailure(run.tenantId, { connectorId: run.connectorId, connectorName: connector?.name ?? run.connectorId, direction: "PULL", detail: error ?? "Fallo en la sincronización" });
  }
  return { status: result.status, ...result.counts };
}
