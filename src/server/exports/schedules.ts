/**
 * Scheduled PUSH and PULL: a cron function runs every minute and starts the runs of every
 * enabled connector whose schedule (cron in its time zone) fired since the schedule was last
 * looked at — normally the previous minute; after the app was down, the latest missed fire of
 * the last day, once (a nightly export missed at 02:00 runs when the app is back, not 3 times).
 * The run id is derived from (direction, connector, fire time), so a tick delivered twice
 * starts one run; a connector with a run still in progress is skipped (no overlap).
 * Scheduled pushes take only what the export guard lets go without a person: REVIEWED, not
 * discarded, no unresolved duplicate — never "exportar igual".
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
import { exportableWhere } from "./export-guard";
import { exportFilterWhere, MAX_EXPORT_SELECTION } from "./select-documents";

const log = logger.child({ module: "schedules" });

/** How far back a tick looks for a fire it missed. */
export const CATCH_UP_MS = 24 * 3_600_000;

/** The latest fire time of `cron` in (from, to], if any (schedules are ≥ 5 minutes apart). */
export function lastFireIn(cron: string, timezone: string, from: Date, to: Date): Date | null {
  try {
    const job = new Cron(cron, { timezone, paused: true });
    let last: Date | null = null;
    for (let next = job.nextRun(from); next && next.getTime() <= to.getTime(); next = job.nextRun(next)) last = next;
    return last;
  } catch {
    return null;
  }
}

/** Where a schedule's window starts: where it was last looked at (a new one: a minute ago), at most a day back. */
function windowStart(through: Date | null, now: Date): Date {
  return new Date(Math.max(through?.getTime() ?? now.getTime() - 60_000, now.getTime() - CATCH_UP_MS));
}

export type DueRun = { tenantId: string; connectorId: string; direction: "PUSH" | "PULL"; fireAt: string };

export async function dueSchedules(now: Date): Promise<DueRun[]> {
  const connectors = await db().apiConnector.findMany({
    where: { enabled: true, OR: [{ pushSchedule: { not: null } }, { pullSchedule: { not: null } }] },
    select: { id: true, tenantId: true, direction: true, pushSchedule: true, pullSchedule: true, scheduleTimezone: true, pushScheduledThrough: true, pullScheduledThrough: true },
  });
  const due: DueRun[] = [];
  for (const c of connectors) {
    const push = c.pushSchedule && directionPushes(c.direction) ? lastFireIn(c.pushSchedule, c.scheduleTimezone, windowStart(c.pushScheduledThrough, now), now) : null;
    if (push) due.push({ tenantId: c.tenantId, connectorId: c.id, direction: "PUSH", fireAt: push.toISOString() });
    const pull = c.pullSchedule && directionPulls(c.direction) ? lastFireIn(c.pullSchedule, c.scheduleTimezone, windowStart(c.pullScheduledThrough, now), now) : null;
    if (pull) due.push({ tenantId: c.tenantId, connectorId: c.id, direction: "PULL", fireAt: pull.toISOString() });
  }
  return due;
}

/**
 * After a tick has started what was due: every schedule has been looked at through `at`
 * (disabled connectors too — re-enabling one does not replay the time it was off). Never
 * moves a cursor back (a schedule saved meanwhile starts from its save).
 */
export async function advanceScheduleCursors(at: Date): Promise<void> {
  await db().apiConnector.updateMany({ where: { pushSchedule: { not: null }, OR: [{ pushScheduledThrough: null }, { pushScheduledThrough: { lt: at } }] }, data: { pushScheduledThrough: at } });
  await db().apiConnector.updateMany({ where: { pullSchedule: { not: null }, OR: [{ pullScheduledThrough: null }, { pullScheduledThrough: { lt: at } }] }, data: { pullScheduledThrough: at } });
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
      const where = { AND: [exportFilterWhere(scope, { state: "PENDING", review: "REVIEWED" }), await exportableWhere(due.tenantId)] };
      const docs = await db().document.findMany({ where, select: { id: true, reviewStatus: true }, take: MAX_EXPORT_SELECTION, orderBy: { createdAt: "asc" } });
      if (docs.length === 0) return { runId, started: false, reason: "sin documentos revisados pendientes" };
      if (!(await db().exportRun.findUnique({ where: { id: runId }, select: { id: true } }))) {
        await createExportRun(scope, { runId, connectorId: due.connectorId, documentIds: docs.map((d) => d.id), force: false, trigger: "SCHEDULE", reviewStatus: new Map(docs.map((d) => [d.id, d.reviewStatus])) });
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
