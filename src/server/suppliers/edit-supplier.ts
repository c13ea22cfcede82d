/** A person's changes to the directory (CONTADOR and above): add, edit, delete — each audited. */
import "server-only";
import type { z } from "zod";
import type { createSupplierInput, updateSupplierInput } from "@/lib/schemas/suppliers";
import { condicionIvaLabel } from "@/lib/suppliers/condicion-iva";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

const dashed = (cuit: string) => `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
const describe = (s: { razonSocial: string; condicionIva: string | null }) => [s.razonSocial, condicionIvaLabel(s.condicionIva)].filter(Boolean).join(" · ");

async function findSupplier(scope: TenantScope, id: string) {
  const row = await db().supplier.findFirst({ where: scoped(scope, { id }) });
  if (!row) throw AppError.notFound("Proveedor");
  return row;
}

export async function createSupplier(scope: TenantScope, input: z.output<typeof createSupplierInput>) {
  const existing = await db().supplier.findFirst({ where: scoped(scope, { cuit: input.cuit }), select: { razonSocial: true } });
  if (existing) throw AppError.field("cuit", `Ese CUIT ya está en el directorio como «${existing.razonSocial}»: editalo en la lista`, "CONFLICT");
  return db().$transaction(async (tx) => {
    const { count } = await tx.supplier.createMany({ data: [{ tenantId: scope.tenantId, cuit: input.cuit, razonSocial: input.razonSocial, condicionIva: input.condicionIva ?? null, source: "USER", updatedById: scope.userId }], skipDuplicates: true });
    if (!count) throw AppError.field("cuit", "Ese CUIT se acaba de agregar al directorio: recargá la lista", "CONFLICT");
    const row = await tx.supplier.findFirstOrThrow({ where: scoped(scope, { cuit: input.cuit }) });
    await recordAudit(tx, scope, { action: "SUPPLIER_SAVED", target: { name: `Proveedor ${dashed(row.cuit)}` }, newValue: describe(row) });
    return row;
  });
}

/** The person's value becomes the entry's truth (source USER): learning and PULL no longer replace it. */
export async function updateSupplier(scope: TenantScope, input: z.output<typeof updateSupplierInput>) {
  const before = await findSupplier(scope, input.id);
  const condicionIva = input.condicionIva === undefined ? before.condicionIva : input.condicionIva;
  return db().$transaction(async (tx) => {
    await tx.supplier.updateMany({ where: scoped(scope, { id: before.id }), data: { razonSocial: input.razonSocial, condicionIva, source: "USER", updatedById: scope.userId } });
    const row = await tx.supplier.findFirstOrThrow({ where: scoped(scope, { id: before.id }) });
    await recordAudit(tx, scope, { action: "SUPPLIER_SAVED", target: { name: `Proveedor ${dashed(row.cuit)}` }, oldValue: describe(before), newValue: describe(row) });
    return row;
  });
}

/** Removes the entry; a later reviewed document or PULL may add it again (as LEARNED / PULL). */
export async function deleteSupplier(scope: TenantScope, id: string): Promise<{ id: string }> {
  const row = await findSupplier(scope, id);
  await db().$transaction(async (tx) => {
    await tx.syncStagedRecord.updateMany({ where: scoped(scope, { supplierId: row.id }), data: { supplierId: null } });
    await tx.supplier.deleteMany({ where: scoped(scope, { id: row.id }) });
    await recordAudit(tx, scope, { action: "SUPPLIER_DELETED", target: { name: `Proveedor ${dashed(row.cuit)}` }, oldValue: describe(row) });
  });
  return { id: row.id };
}
