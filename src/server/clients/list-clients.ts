/**
 * Reading clients. `listClients` / `clientByCuit` are the small domain API other areas use
 * (the Mis Comprobantes reconciliation keys by receptor CUIT + period): a member limited to some
 * clients sees only those.
 */
import "server-only";
import { db } from "@/server/db/client";
import type { TenantScope } from "@/server/tenants/scope";
import { clientWhere, documentWhere } from "./access";

export type ClientView = { id: string; cuit: string; razonSocial: string; condicionIva: string | null; documents: number; createdAt: Date };

/** The clients the member may see, by razón social, with their live document count. */
export async function listClients(scope: Pick<TenantScope, "tenantId" | "clientCuits">): Promise<ClientView[]> {
  const rows = await db().client.findMany({ where: clientWhere(scope), orderBy: [{ razonSocial: "asc" }, { cuit: "asc" }] });
  if (!rows.length) return [];
  const counts = await db().document.groupBy({ by: ["receptorCuit"], where: documentWhere(scope, { receptorCuit: { in: rows.map((r) => r.cuit) }, discardedAt: null }), _count: { _all: true } });
  const byCuit = new Map(counts.map((c) => [c.receptorCuit, c._count._all]));
  return rows.map((r) => ({ id: r.id, cuit: r.cuit, razonSocial: r.razonSocial, condicionIva: r.condicionIva, documents: byCuit.get(r.cuit) ?? 0, createdAt: r.createdAt }));
}

/** The client with this CUIT (11 digits), or null — also null when the member may not see it. */
export async function clientByCuit(scope: Pick<TenantScope, "tenantId" | "clientCuits">, cuit: string) {
  return db().client.findFirst({ where: clientWhere(scope, { cuit }) });
}
