/**
 * Scheduled PUSH and PULL: a cron function runs every minute and starts the runs of every
 * enabled connector whose schedule (cron in its time zone) fired since the previous minute.
 * The run id is derived from (direction, connector, fire time), so a tick delivered twice
 * starts one run; a connector with a run still in progress is skipped (no overlap).
 */
import "server-only";
import { Cron } from "croner";
import { inngest } from "~/inngest/client";
import { exportPushRequested, syncRunRequested } from "~/inngest/events";
import { directionPulls, directionPushes } from "@/lib/schemas/connectors";
import { db } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { logger } from "@/server/log/logger";
import { createSyncRun } from "@/server/sync/runs";
import { createExportRun } from "./runs";
import { exportFilterWhere, MAX_EXPORT_SELECTION } from "./select-documents";

const log = logger.child({ module: "schedules" });

/** The fire time of `cron` in (now - windowMs, now], if any. */
export function firedWithin(cron: string, timezone: string, now: Date, windowMs = 60_000): Date | null {
  try {
    const next = new Cron(cron, { timezone, paused: true }).nextRun(new Date(now.getTime() - windowMs));
    return next && next.getTime() <= now.getTime() ? next : null;
  } catch {
    return null;
  }
}

export type DueRun = { tenantId: string; connectorId: string; direction: "PUSH" | "PULL"; fireAt: string };

export async function dueSchedules(now: Date): Promise<DueRun[]> {
  const connectors = await db().apiConnector.findMany({
    where: { enabled: true, OR: [{ pushSchedule: { not: null } }, { pullSchedule: { not: null } }] },
    select: { id: true, tenantId: true, direction: true, pushSchedule: true, pullSchedule: true, scheduleTimezone: true },
  });
  const due: DueRun[] = [];
  for (const c of connectors) {
    const push = c.pushSchedule && directionPushes(c.direction) ? firedWithin(c.pushSchedule, c.scheduleTimezone, now) : null;
    if (push) due.push({ tenantId: c.tenantId, connectorId: c.id, direction: "PUSH", fireAt: push.toISOString() });
    const pull = c.pullSchedule && directionPulls(c.direction) ? firedWithin(c.pullSchedule, c.scheduleTimezone, now) : null;
    if (pull) due.push({ tenantId: c.tenantId, connectorId: c.id, direction: "PULL", fireAt: pull.toISOString() });
  }
  return due;
}

export function scheduledRunId(due: DueRun) {
  return `sched-${due.direction.toLowerCase()}-${due.connectorId}-${due.fireAt.replace(/\D/g, "").slice(0, 12)}`;
}

/** Starts one scheduled run; returns what happened (small, for the step output). */
export async function startScheduledRun(due: DueRun): Promise<{ runId: string; started: boolean; reason?: string }> {
  const runId = scheduledRunId(due);
  const scope = { tenantId: due.tenantId };
  try {
    if (due.direction === "PUSH") {
      const docs = await db().document.findMany({ where: exportFilterWhere(scope, { state: "PENDING" }), select: { id: true }, take: MAX_EXPORT_SELECTION, orderBy: { createdAt: "asc" } });
      if (docs.length === 0) return { runId, started: false, reason: "sin documentos pendientes" };
      if (!(await db().exportRun.findUnique({ where: { id: runId }, select: { id: true } }))) {
        await createExportRun(scope, { runId, connectorId: due.connectorId, documentIds: docs.map((d) => d.id), force: false, trigger: "SCHEDULE" });
      }
      await inngest.send(exportPushRequested.create({ tenantId: due.tenantId, connectorId: due.connectorId, runId }, { id: `export-run-${runId}` }));
    } else {
      if (!(await db().syncRun.findUnique({ where: { id: runId }, select: { id: true } }))) {
        await createSyncRun(scope, { runId, connectorId: due.connectorId, trigger: "SCHEDULE" });
      }
      await inngest.send(syncRunRequested.create({ tenantId: due.tenantId, connectorId: due.connectorId, runId }, { id: `sync-run-${runId}` }));
    }
    return { runId, started: true };
  } catch (err) {
    if (isAppError(err) && err.code === "CONFLICT") return { runId, started: false, reason: "ya hay una ejecución en curso" };
    log.warn({ err, ...due }, "scheduled run not started");
    return { runId, started: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
