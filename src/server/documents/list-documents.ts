import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { documentWhere } from "@/server/clients/access";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { ListDocumentsQuery } from "@/lib/schemas/documents";
import { toDocumentView, type DocumentView } from "./document-view";

export type { ListDocumentsQuery } from "@/lib/schemas/documents";

const day = (s: string) => new Date(`${s}T00:00:00Z`);

export function whereOf(q: Omit<ListDocumentsQuery, "page" | "pageSize">): Prisma.DocumentWhereInput {
  const and: Prisma.DocumentWhereInput[] = [];
  if (q.status) and.push({ status: q.status });
  if (q.from || q.to) and.push({ fecha: { ...(q.from ? { gte: day(q.from) } : {}), ...(q.to ? { lte: day(q.to) } : {}) } });
  if (q.supplier) {
    const digits = q.supplier.replace(/[\s.-]/g, "");
    const or: Prisma.DocumentWhereInput[] = [{ proveedorRazonSocial: { contains: q.supplier, mode: "insensitive" } }];
    if (/^\d+$/.test(digits)) or.push({ proveedorCuit: { contains: digits } });
    and.push({ OR: or });
  }
  if (q.tipo) and.push({ tipo: q.tipo });
  if (q.cliente) and.push({ receptorCuit: q.cliente });
  if (q.exported !== undefined) and.push({ lastExportedAt: q.exported ? { not: null } : null });
  // Discarded documents only under their own filter; the review states are of live documents.
  if (q.review === "DISCARDED") and.push({ discardedAt: { not: null } });
  else {
    and.push({ discardedAt: null });
    if (q.review) and.push({ reviewStatus: q.review });
  }
  return and.length ? { AND: and } : {};
}

export function orderOf(q: Pick<ListDocumentsQuery, "sort" | "dir">): Prisma.DocumentOrderByWithRelationInput[] {
  const dir = q.dir;
  // Upload order is the index's order both ways (id breaks ties in the same direction).
  if (q.sort === "createdAt") return [{ createdAt: dir }, { id: dir }];
  const nullsLast = { sort: dir, nulls: "last" } as const;
  const main: Prisma.DocumentOrderByWithRelationInput[] =
    q.sort === "fecha"
      ? [{ fecha: nullsLast }]
      : q.sort === "total"
        ? [{ total: nullsLast }]
        : q.sort === "proveedor"
          ? [{ proveedorRazonSocial: nullsLast }, { proveedorCuit: nullsLast }]
          : q.sort === "numero"
            ? [{ puntoVenta: nullsLast }, { numero: nullsLast }]
            : q.sort === "status"
              ? [{ status: dir }]
              : [{ createdAt: dir }];
  return [...main, { createdAt: "desc" }, { id: "desc" }];
}

/**
 * Counting stops here ("más de 1.000"): an exact count of 100k rows costs more than the page
 * (the sidebar badge has the exact "Para revisar" count).
 */
export const COUNT_LIMIT = 1_000;

/**
 * One page of the tenant's documents, filtered and sorted in the database, with the total count
 * (up to COUNT_LIMIT; `more` says there are more).
 * With the default order the count comes from the index alone; a deep page reads its ids from the
 * index first, so it does not read every row it skips (bench/review-list).
 */
export async function listDocuments(scope: TenantScope, q: ListDocumentsQuery): Promise<{ items: DocumentView[]; total: number; more: boolean; page: number; pageSize: number }> {
  const where = documentWhere(scope, whereOf(q));
  const skip = (q.page - 1) * q.pageSize;
  const [rows, counted] = await Promise.all([skip < DEFERRED_FROM ? db().document.findMany({ where, orderBy: orderOf(q), skip, take: q.pageSize }) : deepPage(where, q, skip), db().document.count({ where, take: COUNT_LIMIT + 1 })]);
  const more = counted > COUNT_LIMIT;
  return { items: rows.map(toDocumentView), total: more ? COUNT_LIMIT : counted, more, page: q.page, pageSize: q.pageSize };
}

/** Past this offset the page's ids come first (index only), then their rows. */
const DEFERRED_FROM = 1_000;

async function deepPage(where: Prisma.DocumentWhereInput & { tenantId: string }, q: ListDocumentsQuery, skip: number) {
  const ids = await db().document.findMany({ where, orderBy: orderOf(q), skip, take: q.pageSize, select: { id: true } });
  if (ids.length === 0) return [];
  const rows = await db().document.findMany({ where: scoped({ tenantId: where.tenantId }, { id: { in: ids.map((r) => r.id) } }) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap(({ id }) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** Types present in the tenant's documents, for the filter. */
export async function documentTypes(scope: TenantScope): Promise<string[]> {
  const rows = await db().document.findMany({ where: documentWhere(scope, { tipo: { not: null } }), distinct: ["tipo"], select: { tipo: true }, orderBy: { tipo: "asc" } });
  return rows.map((r) => r.tipo!).filter(Boolean);
}
