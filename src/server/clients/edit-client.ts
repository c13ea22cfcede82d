/** A person's changes to the clients (CONTADOR and above; removing one: admins): each audited. */
import "server-only";
import type { z } from "zod";
import type { createClientInput, updateClientInput } from "@/lib/schemas/clients";
import { condicionIvaLabel } from "@/lib/suppliers/condicion-iva";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { visibleClient } from "./access";

export const dashedCuit = (cuit: string) => `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
const describe = (c: { razonSocial: string; condicionIva: string | null }) => [c.razonSocial, condicionIvaLabel(c.condicionIva)].filter(Boolean).join(" · ");

/** A limited member adds no clients: they could not see the new client's documents anyway. */
function refuseLimited(scope: TenantScope) {
  if (scope.clientCuits) throw new AppError("FORBIDDEN", "Tu usuario está limitado a algunos clientes: pedile a un administrador que agregue el cliente");
}

export async function createClient(scope: TenantScope, input: z.output<typeof createClientInput>) {
  refuseLimited(scope);
  const existing = await db().client.findFirst({ where: scoped(scope, { cuit: input.cuit }), select: { razonSocial: true } });
  if (existing) throw AppError.field("cuit", `Ese CUIT ya es un cliente: «${existing.razonSocial}»`, "CONFLICT");
  return db().$transaction(async (tx) => {
    const { count } = await tx.client.createMany({ data: [{ tenantId: scope.tenantId, cuit: input.cuit, razonSocial: input.razonSocial, condicionIva: input.condicionIva ?? null, createdById: scope.userId }], skipDuplicates: true });
    if (!count) throw AppError.field("cuit", "Ese CUIT se acaba de agregar como cliente: recargá la lista", "CONFLICT");
    const row = await tx.client.findFirstOrThrow({ where: scoped(scope, { cuit: input.cuit }) });
    await recordAudit(tx, scope, { action: "CLIENT_SAVED", target: { name: `Cliente ${dashedCuit(row.cuit)}` }, newValue: describe(row) });
    return row;
  });
}

export async function updateClient(scope: TenantScope, input: z.output<typeof updateClientInput>) {
  const before = await visibleClient(scope, input.id);
  const condicionIva = input.condicionIva === undefined ? before.condicionIva : input.condicionIva;
  return db().$transaction(async (tx) => {
    await tx.client.updateMany({ where: scoped(scope, { id: before.id }), data: { razonSocial: input.razonSocial, condicionIva } });
    const row = await tx.client.findFirstOrThrow({ where: scoped(scope, { id: before.id }) });
    await recordAudit(tx, scope, { action: "CLIENT_SAVED", target: { name: `Cliente ${dashedCuit(row.cuit)}` }, oldValue: describe(before), newValue: describe(row) });
    return row;
  });
}

/** Removes the client (its documents stay, unassigned: the join is by receptor CUIT). */
export async function deleteClient(scope: TenantScope, id: string): Promise<{ id: string }> {
  const row = await visibleClient(scope, id);
  await db().$transaction(async (tx) => {
    await tx.client.deleteMany({ where: scoped(scope, { id: row.id }) });
    await recordAudit(tx, scope, { action: "CLIENT_DELETED", target: { name: `Cliente ${dashedCuit(row.cuit)}` }, oldValue: describe(row) });
  });
  return { id: row.id };
}
