/** Shared steps of the preset tests: a tenant, reviewed documents from given suppliers, one export run. */
import { db } from "@/server/db/client";
import { startExport } from "@/server/exports/start-export";
import { startSync } from "@/server/sync/runs";
import { createTenantWith, createUser } from "../../support/factories";
import { createDocuments } from "../../exports/support/fixtures";
import { exportRunDone, syncRunDone } from "../../exports/support/wait";
import { validCuit } from "../../documents/support/review";

export type Scope = { tenantId: string; userId: string; role: "OWNER" };

export async function presetTenant(): Promise<Scope> {
  const owner = await createUser();
  return { tenantId: (await createTenantWith(owner)).id, userId: owner.id, role: "OWNER" };
}

export const dashed = (cuit: string) => `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
export const cuitFrom = (prefix: string) => validCuit(prefix);

/** Reviewed FACTURA_A documents, one per supplier, with IVA 21 % (and 10,5 % when `twoRates`). */
export async function documentsFrom(tenantId: string, suppliers: { cuit: string; razonSocial: string }[], opts: { firstNumber: number; twoRates?: boolean; cae?: string }) {
  const ids = await createDocuments(tenantId, suppliers.length, { firstNumber: opts.firstNumber });
  for (const [i, id] of ids.entries()) {
    const s = suppliers[i]!;
    await db().document.update({
      where: { id },
      data: {
        proveedorCuit: dashed(s.cuit),
        proveedorRazonSocial: s.razonSocial,
        puntoVenta: 11,
        neto: opts.twoRates ? 1500 : 1000,
        total: opts.twoRates ? 1762.5 : 1210,
        iva: opts.twoRates ? [{ rate: 21, base: 1000, amount: 210 }, { rate: 10.5, base: 500, amount: 52.5 }] : [{ rate: 21, base: 1000, amount: 210 }],
        cae: opts.cae ?? "74123456789012",
      },
    });
  }
  return ids;
}

export async function exportDocs(scope: Scope, connectorId: string, ids: string[]) {
  const { runId } = await startExport(scope, { connectorId, selection: { documentIds: ids }, force: false });
  const run = await exportRunDone(runId, 40_000);
  return { run, byDoc: new Map(run.items.map((i) => [i.documentId, i])) };
}

export async function pullSuppliers(scope: Scope, connectorId: string) {
  const { runId } = await startSync(scope, connectorId);
  const run = await syncRunDone(runId, 40_000);
  const suppliers = await db().supplier.findMany({ where: { tenantId: scope.tenantId, sourceConnectorId: connectorId }, orderBy: { cuit: "asc" } });
  return { run, suppliers };
}
