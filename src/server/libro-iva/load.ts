/**
 * The documents of a client's month, read in pages (a large month is not one query): live
 * documents whose receptor CUIT is the client's and whose fecha falls in the month.
 */
import "server-only";
import type { Document } from "@/generated/prisma/client";
import { documentWhere, narrowToClient } from "@/server/clients/access";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export const PAGE = 500;

export function monthRange(period: string): { gte: Date; lt: Date } {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return { gte: new Date(Date.UTC(y, m - 1, 1)), lt: new Date(Date.UTC(y, m, 1)) };
}

export function monthWhere(scope: Pick<TenantScope, "tenantId" | "clientCuits">, clientCuit: string, period: string) {
  return documentWhere(narrowToClient(scope, clientCuit), { receptorCuit: clientCuit, fecha: monthRange(period), discardedAt: null });
}

export async function countMonth(scope: Pick<TenantScope, "tenantId" | "clientCuits">, clientCuit: string, period: string): Promise<number> {
  return db().document.count({ where: monthWhere(scope, clientCuit, period) });
}

/** Pages of documents in id order; `onPage` sees each page (progress). */
export async function loadMonth(scope: Pick<TenantScope, "tenantId" | "clientCuits">, clientCuit: string, period: string, onPage?: (read: number) => Promise<void>): Promise<Document[]> {
  const out: Document[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await db().document.findMany({ where: monthWhere(scope, clientCuit, period), orderBy: { id: "asc" }, take: PAGE, ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}) });
    out.push(...page);
    if (onPage) await onPage(out.length);
    if (page.length < PAGE) return out;
    cursor = page.at(-1)!.id;
  }
}

/**
 * The organization's live documents with no receptor CUIT, dated in the month or not dated at all:
 * they belong to no client, so no client's month would hold them and they could drop out of the
 * book unnoticed. Every client's pre-flight (and run) lists them until a person fills in the
 * receptor CUIT or discards them. Tenant-wide on purpose (a limited member cannot see them: the
 * pre-flight shows only how many there are, see preflight.ts).
 */
export async function loadUnattributed(scope: Pick<TenantScope, "tenantId">, period: string): Promise<Document[]> {
  return db().document.findMany({
    where: scoped(scope, { AND: [{ OR: [{ receptorCuit: null }, { receptorCuit: "" }] }, { OR: [{ fecha: monthRange(period) }, { fecha: null }] }], discardedAt: null }),
    orderBy: { id: "asc" },
  });
}

/**
 * The client's live documents with no date (not read yet, or the date never found): no month
 * holds them, so each blocks every month of the client until the date is filled in (or the
 * document discarded) — it may be a purchase of the month being filed.
 */
export async function loadUndated(scope: Pick<TenantScope, "tenantId" | "clientCuits">, clientCuit: string): Promise<Document[]> {
  return db().document.findMany({ where: documentWhere(narrowToClient(scope, clientCuit), { receptorCuit: clientCuit, fecha: null, discardedAt: null }), orderBy: { id: "asc" } });
}

/** Documents that no month would hold: with no receptor CUIT, and the client's with no date. */
export type Unplaced = { unattributed: Document[]; undated: Document[] };

export async function loadUnplaced(scope: Pick<TenantScope, "tenantId" | "clientCuits">, clientCuit: string, period: string): Promise<Unplaced> {
  const [unattributed, undated] = await Promise.all([loadUnattributed(scope, period), loadUndated(scope, clientCuit)]);
  return { unattributed, undated };
}
