/** The admin's review of staged records: list, fix and import, or discard. */
import "server-only";
import type { Prisma, StagedRecordStatus } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { upsertSupplier, validateSupplier } from "./supplier";

export async function listStagedRecords(scope: TenantScope, q: { connectorId?: string; runId?: string; status?: StagedRecordStatus[] }) {
  const where = scoped(scope, {
    ...(q.connectorId ? { connectorId: q.connectorId } : {}),
    ...(q.runId ? { runId: q.runId } : {}),
    status: { in: q.status ?? (["STAGED", "FAILED"] as StagedRecordStatus[]) },
  });
  const [items, total] = await Promise.all([db().syncStagedRecord.findMany({ where, orderBy: { createdAt: "desc" }, take: 100 }), db().syncStagedRecord.count({ where })]);
  return { items: items.map((r) => ({ id: r.id, runId: r.runId, connectorId: r.connectorId, externalId: r.externalId, status: r.status, reason: r.reason, data: r.data as Record<string, unknown>, raw: r.raw, createdAt: r.createdAt })), total };
}

async function findStaged(scope: TenantScope, id: string) {
  const row = await db().syncStagedRecord.findFirst({ where: scoped(scope, { id }) });
  if (!row) throw AppError.notFound("Registro");
  if (row.status === "IMPORTED" || row.status === "DISCARDED") throw new AppError("CONFLICT", "Ese registro ya fue importado o descartado.");
  return row;
}

/** Saves the admin's corrections and imports when they pass validation (field errors otherwise). */
export async function fixAndImport(scope: TenantScope, input: { id: string; data: { cuit: string; razonSocial: string; email?: string | null; condicionIva?: string | null } }) {
  const row = await findStaged(scope, input.id);
  const merged = { ...(row.data as Record<string, unknown>), ...input.data };
  const check = validateSupplier(merged);
  if (!check.ok) {
    await db().syncStagedRecord.update({ where: { id: row.id }, data: { data: merged as Prisma.InputJsonValue, reason: check.reason } });
    throw new AppError("BAD_REQUEST", check.reason, check.fieldErrors);
  }
  return db().$transaction(async (tx) => {
    const supplier = await upsertSupplier(tx, scope.tenantId, check.value, { externalId: row.externalId, connectorId: row.connectorId });
    await tx.syncStagedRecord.update({ where: { id: row.id }, data: { data: merged as Prisma.InputJsonValue, status: "IMPORTED", reason: null, supplierId: supplier.id, importedAt: new Date() } });
    return { id: row.id, supplierId: supplier.id };
  });
}

export async function discardStaged(scope: TenantScope, id: string) {
  const row = await findStaged(scope, id);
  await db().syncStagedRecord.update({ where: { id: row.id }, data: { status: "DISCARDED" } });
  return { id: row.id };
}

export async function listSuppliers(scope: TenantScope) {
  const [items, total] = await Promise.all([db().supplier.findMany({ where: scoped(scope), orderBy: { updatedAt: "desc" }, take: 50 }), db().supplier.count({ where: scoped(scope) })]);
  return { items, total };
}
