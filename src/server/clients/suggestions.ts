/**
 * Suggested clients: receptor CUITs of the tenant's documents that are no client yet, with how
 * many documents carry each and the name printed most often. A person confirms one (it becomes a
 * client, audited); nothing is created on its own. Only members who see every client get
 * suggestions (a limited member cannot see documents of unknown receptors).
 */
import "server-only";
import { db } from "@/server/db/client";
import { isValidCuit } from "@/lib/cuit";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export type ClientSuggestion = { cuit: string; nombre: string | null; documents: number };

export async function suggestedClients(scope: Pick<TenantScope, "tenantId" | "clientCuits">, limit = 50): Promise<ClientSuggestion[]> {
  if (scope.clientCuits) return [];
  const known = (await db().client.findMany({ where: scoped(scope), select: { cuit: true } })).map((c) => c.cuit);
  const rows = await db().document.groupBy({
    by: ["receptorCuit", "receptorNombre"],
    where: scoped(scope, { receptorCuit: { not: null, notIn: known }, discardedAt: null }),
    _count: { _all: true },
  });
  const byCuit = new Map<string, ClientSuggestion & { best: number }>();
  for (const r of rows) {
    const cuit = r.receptorCuit!;
    if (!isValidCuit(cuit)) continue;
    const s = byCuit.get(cuit) ?? { cuit, nombre: null, documents: 0, best: 0 };
    s.documents += r._count._all;
    if (r.receptorNombre && r._count._all > s.best) Object.assign(s, { nombre: r.receptorNombre, best: r._count._all });
    byCuit.set(cuit, s);
  }
  return [...byCuit.values()]
    .sort((a, b) => b.documents - a.documents || a.cuit.localeCompare(b.cuit))
    .slice(0, limit)
    .map(({ cuit, nombre, documents }) => ({ cuit, nombre, documents }));
}
