import "server-only";
import type { AfipMatchState } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { comprobanteByCode } from "@/server/parsing/comprobantes";
import { canSeeReceptor, documentWhere } from "@/server/clients/access";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { LAYOUTS, type LayoutId } from "./layouts";
import type { Diff } from "./reconcile";

/**
 * The receptor CUITs of the organization's documents (most documents first) with the name read
 * most often: the picker of the Mis Comprobantes page until clients exist.
 */
export async function receptorCuits(scope: Pick<TenantScope, "tenantId" | "clientCuits">): Promise<{ cuit: string; nombre: string | null; documents: number }[]> {
  const groups = await db().document.groupBy({
    by: ["receptorCuit", "receptorNombre"],
    where: documentWhere(scope, { receptorCuit: { not: null }, discardedAt: null }),
    _count: { _all: true },
  });
  const byCuit = new Map<string, { cuit: string; nombre: string | null; documents: number; best: number }>();
  for (const g of groups) {
    const cuit = g.receptorCuit!;
    const entry = byCuit.get(cuit) ?? { cuit, nombre: null, documents: 0, best: 0 };
    entry.documents += g._count._all;
    if (g.receptorNombre && g._count._all > entry.best) [entry.nombre, entry.best] = [g.receptorNombre, g._count._all];
    byCuit.set(cuit, entry);
  }
  return [...byCuit.values()].sort((a, b) => b.documents - a.documents || a.cuit.localeCompare(b.cuit)).map(({ cuit, nombre, documents }) => ({ cuit, nombre, documents }));
}

/** The imports of a receptor CUIT (and month), newest first. */
export async function listImports(scope: Pick<TenantScope, "tenantId" | "clientCuits">, q: { receptorCuit?: string; period?: string }) {
  // A member limited to some clients sees only their imports.
  const allowed = scope.clientCuits ? { receptorCuit: { in: scope.clientCuits } } : {};
  const rows = await db().misComprobantesImport.findMany({
    where: scoped(scope, { AND: [allowed, { ...(q.receptorCuit ? { receptorCuit: q.receptorCuit } : {}), ...(q.period ? { period: q.period } : {}) }] }),
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  return rows.map((r) => ({ ...r, layoutName: LAYOUTS[r.layout as LayoutId]?.name ?? r.layout, notes: r.notes as string[] }));
}

export type ImportLineView = {
  id: string;
  state: AfipMatchState;
  documentId: string | null;
  documentFileName: string | null;
  fileRow: number | null;
  emisorCuit: string | null;
  emisorNombre: string | null;
  tipoCodigo: number | null;
  /** "Factura A", "Nota de Crédito A"… */
  tipoLabel: string | null;
  puntoVenta: number | null;
  numero: number | null;
  fecha: string | null;
  cae: string | null;
  moneda: string | null;
  afipTotal: number | null;
  docTotal: number | null;
  diffs: Diff[];
};

/** One import with its lines and the month's chart data (count and ARCA/document amount per group). */
export async function getImport(scope: Pick<TenantScope, "tenantId" | "clientCuits">, id: string) {
  const row = await db().misComprobantesImport.findFirst({ where: scoped(scope, { id }), include: { lines: { orderBy: [{ fecha: "asc" }, { id: "asc" }] } } });
  if (!row || !canSeeReceptor(scope, row.receptorCuit)) throw AppError.notFound("Importación");
  const docIds = row.lines.map((l) => l.documentId).filter((x): x is string => !!x);
  const names = new Map((await db().document.findMany({ where: scoped(scope, { id: { in: docIds } }), select: { id: true, fileName: true } })).map((d) => [d.id, d.fileName]));
  const lines: ImportLineView[] = row.lines.map((l) => ({
    id: l.id,
    state: l.state,
    documentId: l.documentId,
    documentFileName: l.documentId ? (names.get(l.documentId) ?? null) : null,
    fileRow: l.fileRow,
    emisorCuit: l.emisorCuit,
    emisorNombre: l.emisorNombre,
    tipoCodigo: l.tipoCodigo,
    tipoLabel: l.tipoCodigo == null ? null : comprobanteByCode(l.tipoCodigo).label,
    puntoVenta: l.puntoVenta,
    numero: l.numero == null ? null : Number(l.numero),
    fecha: l.fecha ? l.fecha.toISOString().slice(0, 10) : null,
    cae: l.cae,
    moneda: l.moneda,
    afipTotal: l.afipTotal == null ? null : Number(l.afipTotal),
    docTotal: l.docTotal == null ? null : Number(l.docTotal),
    diffs: l.diffs as Diff[],
  }));
  const group = (states: AfipMatchState[]) => {
    const ls = lines.filter((l) => states.includes(l.state));
    return { count: ls.length, amount: Math.round(ls.reduce((s, l) => s + (l.afipTotal ?? l.docTotal ?? 0), 0) * 100) / 100 };
  };
  const chart = {
    matched: group(["MATCHED"]),
    differences: group(["ROUNDING", "DIFFERENT", "TYPE_MISMATCH"]),
    missing: group(["MISSING"]),
    unknown: group(["UNKNOWN"]),
  };
  const { lines: _omit, ...meta } = row;
  void _omit;
  return { ...meta, layoutName: LAYOUTS[row.layout as LayoutId]?.name ?? row.layout, notes: row.notes as string[], lines, chart };
}
