/**
 * Export runs: created when someone presses "Exportar a <conector>" (or a schedule fires), one
 * item per document. One run at a time per connector: creating a run locks the connector row
 * and refuses while another run is queued or running (schedules skip instead).
 */
import "server-only";
import type { ApiConnector, ExportTrigger, Prisma, ReviewStatus } from "@/generated/prisma/client";
import { directionPushes } from "@/lib/schemas/connectors";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { createId } from "@/server/ids";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { PUSH_RETRIES } from "./push-document";
import { MAX_EXPORT_SELECTION } from "./select-documents";

type Tx = Prisma.TransactionClient;

/** Locks the connector row for the rest of the transaction (serializes run creation per connector). */
export async function lockConnector(tx: Tx, tenantId: string, connectorId: string): Promise<ApiConnector> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ApiConnector" WHERE id = ${connectorId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  if (rows.length === 0) throw AppError.notFound("Conector");
  return tx.apiConnector.findUniqueOrThrow({ where: { id: connectorId } });
}

export async function activeExportRun(tx: Tx, tenantId: string, connectorId: string) {
  return tx.exportRun.findFirst({ where: { tenantId, connectorId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true, createdAt: true } });
}

export interface NewExportRun {
  connectorId: string;
  documentIds: string[];
  force: boolean;
  trigger: ExportTrigger;
  requestedById?: string | null;
  runId?: string;
  /** "Exportar igual" (only when some documents needed it): recorded on the run. */
  override?: { reason: string };
  /** The documents that were not REVIEWED and go only through the override. */
  overridden?: Set<string>;
  /** Review state per document at creation, for the export log. */
  reviewStatus?: Map<string, ReviewStatus>;
}

/** Creates the run and its items. Throws CONFLICT when the connector has a run in progress. */
export async function createExportRun(scope: Pick<TenantScope, "tenantId">, input: NewExportRun) {
  if (input.documentIds.length === 0) throw new AppError("BAD_REQUEST", "No hay documentos para exportar.");
  if (input.documentIds.length > MAX_EXPORT_SELECTION) throw new AppError("BAD_REQUEST", `Se pueden exportar hasta ${MAX_EXPORT_SELECTION} documentos por vez; filtrá la selección.`);
  return db().$transaction(async (tx) => {
    const connector = await lockConnector(tx, scope.tenantId, input.connectorId);
    if (!directionPushes(connector.direction)) throw AppError.field("connectorId", `«${connector.name}» es un conector PULL: no recibe documentos.`);
    if (!connector.enabled) throw AppError.field("connectorId", `«${connector.name}» está deshabilitado.`);
    if (await activeExportRun(tx, scope.tenantId, connector.id)) throw new AppError("CONFLICT", `Ya hay una exportación en curso a «${connector.name}»; esperá a que termine.`);
    const docs = await tx.document.findMany({ where: scoped(scope, { id: { in: input.documentIds } }), select: { id: true, version: true } });
    const run = await tx.exportRun.create({
      data: {
        id: input.runId ?? createId(),
        tenantId: scope.tenantId,
        connectorId: connector.id,
        trigger: input.trigger,
        requestedById: input.requestedById ?? null,
        force: input.force,
        override: !!input.override,
        overrideReason: input.override?.reason ?? null,
        total: docs.length,
      },
    });
    await tx.exportRunItem.createMany({
      data: docs.map((d) => ({
        tenantId: scope.tenantId,
        runId: run.id,
        documentId: d.id,
        documentVersion: d.version,
        overridden: !!input.override && (input.overridden?.has(d.id) ?? false),
        reviewStatus: input.reviewStatus?.get(d.id) ?? null,
      })),
    });
    return { run, connector };
  });
}

export type ExportRunView = Awaited<ReturnType<typeof getExportRun>>;

/** A run with its per-document results (the progress view polls this). */
export async function getExportRun(scope: Pick<TenantScope, "tenantId">, runId: string) {
  const run = await db().exportRun.findFirst({ where: scoped(scope, { id: runId }), include: { items: { orderBy: { id: "asc" } } } });
  if (!run) throw AppError.notFound("Exportación");
  const connector = await db().apiConnector.findFirst({ where: scoped(scope, { id: run.connectorId }), select: { name: true } });
  const docs = await db().document.findMany({
    where: scoped(scope, { id: { in: run.items.map((i) => i.documentId) } }),
    select: { id: true, fileName: true, proveedorRazonSocial: true, puntoVenta: true, numero: true, tipo: true, total: true },
  });
  const byId = new Map(docs.map((d) => [d.id, d]));
  const requestedBy = await requesterNames([run.requestedById]);
  const counts = { PENDING: 0, SUCCESS: 0, FAILED: 0, SKIPPED: 0 };
  for (const i of run.items) counts[i.status]++;
  return {
    id: run.id,
    connectorId: run.connectorId,
    connectorName: connector?.name ?? "(conector eliminado)",
    status: run.status,
    trigger: run.trigger,
    force: run.force,
    override: run.override,
    overrideReason: run.overrideReason,
    requestedBy: run.requestedById ? (requestedBy.get(run.requestedById) ?? null) : null,
    total: run.total,
    /** Retries after the first call (the "m" of "reintento n/m"). */
    maxRetries: PUSH_RETRIES,
    counts,
    error: run.error,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    items: run.items.map((i) => {
      const d = byId.get(i.documentId);
      return {
        documentId: i.documentId,
        status: i.status,
        externalId: i.externalId,
        httpStatus: i.httpStatus,
        attempts: i.attempts,
        error: i.error,
        finishedAt: i.finishedAt,
        overridden: i.overridden,
        reviewStatus: i.reviewStatus,
        // Only while the item still waits: a finished item has no next attempt.
        nextRetryAt: i.status === "PENDING" ? i.nextRetryAt : null,
        lastError: i.status === "PENDING" ? i.lastError : null,
        label: d ? `${d.tipo ?? "Comprobante"} ${d.puntoVenta != null && d.numero != null ? `${String(d.puntoVenta).padStart(4, "0")}-${String(d.numero).padStart(8, "0")}` : d.fileName}` : i.documentId,
        proveedor: d?.proveedorRazonSocial ?? null,
        total: d?.total?.toNumber() ?? null,
      };
    }),
  };
}

async function requesterNames(ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map<string, string>();
  const users = await db().user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}

/** The export log: the latest runs with who started them, the connector and the override, if any. */
export async function listExportRuns(scope: Pick<TenantScope, "tenantId">, connectorId?: string) {
  const runs = await db().exportRun.findMany({
    where: scoped(scope, connectorId ? { connectorId } : {}),
    orderBy: { createdAt: "desc" },
    take: 20,
    include: { connector: { select: { name: true } }, _count: { select: { items: { where: { overridden: true } } } } },
  });
  const names = await requesterNames(runs.map((r) => r.requestedById));
  return runs.map(({ connector, _count, ...r }) => ({ ...r, connectorName: connector.name, requestedBy: r.requestedById ? (names.get(r.requestedById) ?? null) : null, overriddenCount: _count.items }));
}
