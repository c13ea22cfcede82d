/**
 * Start and end of an export run (the first and last steps of executePush / exportDocument).
 * The end counts the items, stores the totals and an honest status — FAILED when documents
 * failed and none was exported, PARTIAL when some were, COMPLETED only when none failed — and
 * records `export.completed` (something exported, nothing failed) or `export.failed` (something
 * failed) with the seed's fields in the same transaction; all-skipped runs emit neither.
 */
import { tenantTimeZone } from "@/server/tenants/time-zone";
import "server-only";
import { NonRetriableError } from "inngest";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { dispatchAfterCommit } from "@/server/events/dispatch";
import { recordDomainEvent } from "@/server/events/outbox";
import { alertScheduledFailure } from "./alerts";
import { alreadyExported, skipReason } from "./push-document";

export const MAX_PARALLEL = 10;

/** Marks the run RUNNING, skips documents already exported with the same version (unless forced) and returns what is left. */
export async function beginExportRun(runId: string) {
  const run = await db().exportRun.findUnique({ where: { id: runId }, include: { items: { where: { status: "PENDING" }, select: { id: true, documentId: true } } } });
  if (!run) throw new NonRetriableError(`La exportación ${runId} no existe.`);
  const connector = await db().apiConnector.findFirst({ where: { id: run.connectorId, tenantId: run.tenantId }, select: { concurrency: true } });
  await db().exportRun.update({ where: { id: runId }, data: { status: "RUNNING", startedAt: run.startedAt ?? new Date() } });
  let pending = run.items.map((i) => i.documentId);
  if (!run.force && pending.length > 0) {
    const docs = await db().document.findMany({ where: { tenantId: run.tenantId, id: { in: pending } }, select: { id: true, version: true, exportConfigId: true, exportedVersion: true, lastExportedAt: true, externalSystemId: true } });
    const skip = docs.filter((d) => alreadyExported(d, run.connectorId));
    if (skip.length > 0) {
      const now = new Date();
      const timeZone = await tenantTimeZone(run.tenantId);
      await db().$transaction(
        skip.map((d) =>
          db().exportRunItem.updateMany({ where: { runId, documentId: d.id, status: "PENDING" }, data: { status: "SKIPPED", externalId: d.externalSystemId, error: skipReason(d, timeZone), finishedAt: now } }),
        ),
      );
      const skipped = new Set(skip.map((d) => d.id));
      pending = pending.filter((id) => !skipped.has(id));
    }
  }
  return { documentIds: pending, parallel: Math.min(Math.max(connector?.concurrency ?? 1, 1), MAX_PARALLEL) };
}

function errorSummary(items: { documentId: string; error: string | null }[], failed: number) {
  const listed = items.slice(0, 10).map((i) => `Documento ${i.documentId}: ${i.error ?? "error desconocido"}`);
  return [...listed, `${failed} exportaciones fallidas`].join("; ");
}

/** Totals, status and the run's event; idempotent (a finished run is returned as it is). */
export async function finishExportRun(runId: string, crash?: string) {
  const run = await db().exportRun.findUnique({ where: { id: runId } });
  if (!run) throw new NonRetriableError(`La exportación ${runId} no existe.`);
  if (run.status === "COMPLETED" || run.status === "PARTIAL" || run.status === "FAILED") return { status: run.status, success: run.success, failed: run.failed, skipped: run.skipped };
  if (crash) await db().exportRunItem.updateMany({ where: { runId, status: "PENDING" }, data: { status: "FAILED", error: crash, nextRetryAt: null, finishedAt: new Date() } });
  const items = await db().exportRunItem.findMany({ where: { runId }, select: { documentId: true, status: true, error: true } });
  const success = items.filter((i) => i.status === "SUCCESS").length;
  const failedItems = items.filter((i) => i.status === "FAILED" || i.status === "PENDING");
  const failed = failedItems.length;
  const skipped = items.filter((i) => i.status === "SKIPPED").length;
  const error = failed > 0 ? errorSummary(failedItems, failed) : null;
  const status = failed === 0 ? ("COMPLETED" as const) : success > 0 ? ("PARTIAL" as const) : ("FAILED" as const);
  const events = await db().$transaction(async (tx) => {
    const { count } = await tx.exportRun.updateMany({ where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status, success, failed, skipped, error, finishedAt: new Date() } });
    if (count === 0) return [];
    if (success > 0 && failed === 0) return [await recordDomainEvent(tx, run.tenantId, createDomainEvent("export.completed", { connectorId: run.connectorId, success, failed, skipped }))];
    if (failed > 0) return [await recordDomainEvent(tx, run.tenantId, createDomainEvent("export.failed", { connectorId: run.connectorId, error: error! }))];
    return [];
  });
  dispatchAfterCommit(events);
  if (failed > 0 && run.trigger === "SCHEDULE" && events.length > 0) {
    const connector = await db().apiConnector.findUnique({ where: { id: run.connectorId }, select: { name: true } });
    await alertScheduledFailure(run.tenantId, { connectorId: run.connectorId, connectorName: connector?.name ?? run.connectorId, direction: "PUSH", detail: `${failed} de ${items.length} documentos no se exportaron. ${error}` });
  }
  return { status, success, failed, skipped };
}

/**
 * Closes the run when no document is pending any more (called after each document). With
 * `failedDocumentIds` (a lane run that failed for good) its pending items are marked failed first.
 */
export async function finishExportRunIfDone(runId: string, failedDocumentIds?: string[]) {
  if (failedDocumentIds) {
    await db().exportRunItem.updateMany({ where: { runId, documentId: { in: failedDocumentIds }, status: "PENDING" }, data: { status: "FAILED", error: "La exportación de este documento se interrumpió por un error interno.", nextRetryAt: null, finishedAt: new Date() } });
  }
  const pending = await db().exportRunItem.count({ where: { runId, status: "PENDING" } });
  if (pending > 0) return { status: "RUNNING" as const, pending };
  return finishExportRun(runId);
}
