/**
 * "Exportar a <conector>": the guard (export-guard.ts) first — all or nothing — then the run
 * (with the override recorded when there is one) is handed to the PUSH functions.
 */
import "server-only";
import { inngest } from "~/inngest/client";
import { exportPushRequested } from "~/inngest/events";
import type { ExportSelection } from "@/lib/schemas/exports";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TenantScope } from "@/server/tenants/scope";
import { guardSelection } from "./export-guard";
import { createExportRun } from "./runs";
import { resolveSelection } from "./select-documents";

async function send(event: ReturnType<typeof exportPushRequested.create>, runId: string) {
  try {
    await inngest.send(event);
  } catch (err) {
    await db().exportRun.update({ where: { id: runId }, data: { status: "FAILED", error: "No se pudo iniciar la exportación (motor de tareas no disponible).", finishedAt: new Date() } });
    throw new AppError("INTERNAL", "No se pudo iniciar la exportación: el motor de tareas no responde. Probá de nuevo en un momento.", undefined, { cause: err });
  }
}

type Override = { reason: string } | undefined;

async function guarded(scope: TenantScope, documentIds: string[], override: Override) {
  const g = await guardSelection(scope.tenantId, documentIds, { override: !!override });
  // Only an override that was needed is recorded: "exportar igual" on reviewed documents changes nothing.
  return { ...g, override: g.overridden.size > 0 ? override : undefined };
}

export async function startExport(scope: TenantScope, input: { connectorId: string; selection: ExportSelection; force: boolean; override?: Override }) {
  const resolved = await resolveSelection(scope, input.selection);
  if (resolved.length === 0) throw new AppError("BAD_REQUEST", "Ningún documento coincide con la selección: no hay nada para exportar.");
  const g = await guarded(scope, resolved, input.override);
  const { run } = await createExportRun(scope, { connectorId: input.connectorId, documentIds: g.documentIds, force: input.force, trigger: "MANUAL", requestedById: scope.userId, override: g.override, overridden: g.overridden, reviewStatus: g.reviewStatus });
  await send(exportPushRequested.create({ tenantId: scope.tenantId, connectorId: run.connectorId, runId: run.id }, { id: `export-run-${run.id}` }), run.id);
  return { runId: run.id, total: run.total };
}

/** One document (the "forzar" button of a skipped one, or "reintentar" of a failed one): a run with one item. */
export async function exportOne(scope: TenantScope, input: { connectorId: string; documentId: string; force: boolean; override?: Override }) {
  // Through the tenant's own documents: a foreign id is NOT_FOUND, never an empty run.
  const documentIds = await resolveSelection(scope, { documentIds: [input.documentId] });
  if (documentIds.length === 0) throw new AppError("BAD_REQUEST", "El documento todavía no está procesado: no se puede exportar.");
  const g = await guarded(scope, documentIds, input.override);
  const { run } = await createExportRun(scope, { connectorId: input.connectorId, documentIds: g.documentIds, force: input.force, trigger: "MANUAL", requestedById: scope.userId, override: g.override, overridden: g.overridden, reviewStatus: g.reviewStatus });
  await send(exportPushRequested.create({ tenantId: scope.tenantId, connectorId: run.connectorId, runId: run.id }, { id: `export-run-${run.id}` }), run.id);
  return { runId: run.id, total: run.total };
}
