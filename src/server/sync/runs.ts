/** PULL sync runs: creation (one at a time per connector), start, resume, views. */
import "server-only";
import { inngest } from "~/inngest/client";
import { syncRunRequested } from "~/inngest/events";
import type { ExportTrigger } from "@/generated/prisma/client";
import { directionPulls } from "@/lib/schemas/connectors";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { lockConnector } from "@/server/exports/runs";
import { createId } from "@/server/ids";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { FIRST_CHECKPOINT } from "./pagination";

export async function createSyncRun(scope: Pick<TenantScope, "tenantId">, input: { connectorId: string; trigger: ExportTrigger; requestedById?: string | null; runId?: string }) {
  return db().$transaction(async (tx) => {
    const connector = await lockConnector(tx, scope.tenantId, input.connectorId);
    if (!directionPulls(connector.direction)) throw AppError.field("connectorId", `«${connector.name}» es un conector PUSH: no tiene datos para traer.`);
    if (!connector.enabled) throw AppError.field("connectorId", `«${connector.name}» está deshabilitado.`);
    const active = await tx.syncRun.findFirst({ where: { tenantId: scope.tenantId, connectorId: connector.id, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (active) throw new AppError("CONFLICT", `Ya hay una sincronización en curso de «${connector.name}»; esperá a que termine.`);
    return tx.syncRun.create({
      data: { id: input.runId ?? createId(), tenantId: scope.tenantId, connectorId: connector.id, trigger: input.trigger, requestedById: input.requestedById ?? null, checkpoint: FIRST_CHECKPOINT },
    });
  });
}

async function send(tenantId: string, connectorId: string, runId: string, eventId: string) {
  try {
    await inngest.send(syncRunRequested.create({ tenantId, connectorId, runId }, { id: eventId }));
  } catch (err) {
    await db().syncRun.update({ where: { id: runId }, data: { status: "FAILED", error: "No se pudo iniciar la sincronización (motor de tareas no disponible).", finishedAt: new Date() } });
    throw new AppError("INTERNAL", "No se pudo iniciar la sincronización: el motor de tareas no responde.", undefined, { cause: err });
  }
}

export async function startSync(scope: TenantScope, connectorId: string) {
  const run = await createSyncRun(scope, { connectorId, trigger: "MANUAL", requestedById: scope.userId });
  await send(scope.tenantId, connectorId, run.id, `sync-run-${run.id}`);
  return { runId: run.id };
}

/** A run cut short by an error continues from its checkpoint (the pages already imported are not fetched again). */
export async function resumeSync(scope: TenantScope, runId: string) {
  const run = await db().syncRun.findFirst({ where: scoped(scope, { id: runId }) });
  if (!run) throw AppError.notFound("Sincronización");
  if (!(run.status === "FAILED" || (run.status === "PARTIAL" && run.error))) throw new AppError("BAD_REQUEST", "Solo se puede reanudar una sincronización que se cortó con un error.");
  await db().$transaction(async (tx) => {
    await lockConnector(tx, scope.tenantId, run.connectorId);
    const active = await tx.syncRun.findFirst({ where: { tenantId: scope.tenantId, connectorId: run.connectorId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
    if (active) throw new AppError("CONFLICT", "Ya hay una sincronización en curso de este conector.");
    await tx.syncRun.update({ where: { id: run.id }, data: { status: "QUEUED", error: null, finishedAt: null } });
  });
  await send(scope.tenantId, run.connectorId, run.id, `sync-run-${run.id}-resume-${Date.now()}`);
  return { runId: run.id };
}

export async function listSyncRuns(scope: TenantScope, connectorId?: string) {
  const runs = await db().syncRun.findMany({ where: scoped(scope, connectorId ? { connectorId } : {}), orderBy: { createdAt: "desc" }, take: 20 });
  const names = new Map((await db().apiConnector.findMany({ where: scoped(scope, { id: { in: [...new Set(runs.map((r) => r.connectorId))] } }), select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  return runs.map(({ checkpoint, ...r }) => ({ ...r, connectorName: names.get(r.connectorId) ?? "(conector eliminado)", pageIndex: (checkpoint as { pageIndex?: number } | null)?.pageIndex ?? 0 }));
}

export async function getSyncRun(scope: TenantScope, runId: string) {
  const run = (await listSyncRuns(scope)).find((r) => r.id === runId) ?? null;
  if (run) return run;
  const row = await db().syncRun.findFirst({ where: scoped(scope, { id: runId }) });
  if (!row) throw AppError.notFound("Sincronización");
  const { checkpoint, ...rest } = row;
  return { ...rest, connectorName: "", pageIndex: (checkpoint as { pageIndex?: number } | null)?.pageIndex ?? 0 };
}
