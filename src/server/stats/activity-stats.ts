import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { documentWhere } from "@/server/clients/access";
import { db } from "@/server/db/client";
import { tenantPlan } from "@/server/plans/plans";
import { usageOf } from "@/server/plans/usage";
import type { TenantScope } from "@/server/tenants/scope";
import { tenantTimeZone } from "@/server/tenants/time-zone";

export type DailyDocuments = { day: string; processed: number; failed: number; inProgress: number };
export type DailyExports = { day: string; success: number; failed: number };
export type DailySyncs = { day: string; success: number; partial: number; failed: number; imported: number };

/** The last `days` calendar days in the organization's zone, oldest first, as YYYY-MM-DD. */
export function lastDays(days: number, now = new Date(), timeZone = DEFAULT_TIME_ZONE): string[] {
  const fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return Array.from({ length: days }, (_, i) => fmt.format(new Date(now.getTime() - (days - 1 - i) * 86_400_000)));
}

function fill<T extends { day: string }>(days: string[], rows: Map<string, T>, empty: (day: string) => T): T[] {
  return days.map((d) => rows.get(d) ?? empty(d));
}

type Row = { day: string; status: string; n: bigint; extra?: bigint | null };

/**
 * Activity for the dashboard over the last `days` days (calendar days in the organization's zone, zero-filled):
 * documents by outcome (and how many were read without problems), the review to-do (live, not
 * windowed), exported / failed DOCUMENTS (export run items by the day they ended — not HTTP
 * calls, which count retries), pull sync runs by outcome, and usage vs plan.
 * Raw SQL for the per-day grouping; the tenant is in every WHERE.
 */
/** A member limited to some clients (or the client selector): only those receptor CUITs. */
function receptorIn(scope: TenantScope) {
  if (!scope.clientCuits) return Prisma.empty;
  return scope.clientCuits.length ? Prisma.sql`AND "receptorCuit" IN (${Prisma.join(scope.clientCuits)})` : Prisma.sql`AND false`;
}
function ofVisibleDocuments(scope: TenantScope) {
  if (!scope.clientCuits) return Prisma.empty;
  return Prisma.sql`AND "documentId" IN (SELECT id FROM "Document" WHERE "tenantId" = ${scope.tenantId} ${receptorIn(scope)})`;
}

export async function activityStats(scope: TenantScope, days = 14) {
  const TZ = await tenantTimeZone(scope.tenantId);
  const range = lastDays(days, new Date(), TZ);
  const since = new Date(Date.now() - days * 86_400_000);
  const [docs, exports, syncs, suggestions, plan, review, clean, exportedDocs] = await Promise.all([
    db().$queryRaw<Row[]>`
      SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${TZ}), 'YYYY-MM-DD') AS day, status::text AS status, count(*) AS n
      FROM "Document" WHERE "tenantId" = ${scope.tenantId} AND "createdAt" >= ${since} ${receptorIn(scope)} GROUP BY 1, 2`,
    db().$queryRaw<Row[]>`
      SELECT to_char(date_trunc('day', "finishedAt" AT TIME ZONE 'UTC' AT TIME ZONE ${TZ}), 'YYYY-MM-DD') AS day, status::text AS status, count(DISTINCT "documentId") AS n
      FROM "ExportRunItem" WHERE "tenantId" = ${scope.tenantId} AND "finishedAt" >= ${since} AND status IN ('SUCCESS', 'FAILED') ${ofVisibleDocuments(scope)} GROUP BY 1, 2`,
    db().$queryRaw<Row[]>`
      SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${TZ}), 'YYYY-MM-DD') AS day, status::text AS status, count(*) AS n, sum(imported) AS extra
      FROM "SyncRun" WHERE "tenantId" = ${scope.tenantId} AND "createdAt" >= ${since} GROUP BY 1, 2`,
    db().documentSuggestion.groupBy({ by: ["status"], where: { tenantId: scope.tenantId }, _count: { _all: true } }),
    tenantPlan(scope.tenantId),
    db().document.groupBy({ by: ["reviewStatus"], where: documentWhere(scope, { status: "COMPLETED", discardedAt: null }), _count: { _all: true } }),
    // "Read without problems": parsed with no open review reason (not: reviewed by a person).
    db().document.count({ where: documentWhere(scope, { createdAt: { gte: since }, status: "COMPLETED", reviewStatus: { not: "NEEDS_REVIEW" } }) }),
    // Documents, not attempts: one exported at least once in the window; one failed whose latest outcome is a failure.
    db().$queryRaw<{ exported: bigint; failed: bigint }[]>`
      SELECT count(*) FILTER (WHERE ever_ok) AS exported, count(*) FILTER (WHERE last = 'FAILED') AS failed FROM (
        SELECT "documentId", (array_agg(status::text ORDER BY "finishedAt" DESC))[1] AS last, bool_or(status = 'SUCCESS') AS ever_ok
        FROM "ExportRunItem" WHERE "tenantId" = ${scope.tenantId} AND "finishedAt" >= ${since} AND status IN ('SUCCESS', 'FAILED') ${ofVisibleDocuments(scope)} GROUP BY 1) d`,
  ]);

  const docMap = new Map<string, DailyDocuments>();
  for (const r of docs) {
    const e = docMap.get(r.day) ?? { day: r.day, processed: 0, failed: 0, inProgress: 0 };
    const key = r.status === "COMPLETED" ? "processed" : r.status === "FAILED" ? "failed" : "inProgress";
    e[key] += Number(r.n);
    docMap.set(r.day, e);
  }
  const expMap = new Map<string, DailyExports>();
  for (const r of exports) {
    const e = expMap.get(r.day) ?? { day: r.day, success: 0, failed: 0 };
    e[r.status === "SUCCESS" ? "success" : "failed"] += Number(r.n);
    expMap.set(r.day, e);
  }
  const syncMap = new Map<string, DailySyncs>();
  for (const r of syncs) {
    const e = syncMap.get(r.day) ?? { day: r.day, success: 0, partial: 0, failed: 0, imported: 0 };
    if (r.status === "SUCCESS") e.success += Number(r.n);
    else if (r.status === "PARTIAL") e.partial += Number(r.n);
    else if (r.status === "FAILED") e.failed += Number(r.n);
    e.imported += Number(r.extra ?? 0);
    syncMap.set(r.day, e);
  }

  const documents = fill(range, docMap, (day) => ({ day, processed: 0, failed: 0, inProgress: 0 }));
  const exportsDaily = fill(range, expMap, (day) => ({ day, success: 0, failed: 0 }));
  const syncsDaily = fill(range, syncMap, (day) => ({ day, success: 0, partial: 0, failed: 0, imported: 0 }));
  const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((n, r) => n + f(r), 0);
  const docTotals = { processed: sum(documents, (d) => d.processed), failed: sum(documents, (d) => d.failed), inProgress: sum(documents, (d) => d.inProgress) };
  const expTotals = { success: Number(exportedDocs[0]?.exported ?? 0), failed: Number(exportedDocs[0]?.failed ?? 0) };
  const reviewCounts = { NEEDS_REVIEW: 0, UNREVIEWED: 0, REVIEWED: 0 };
  for (const r of review) if (r.reviewStatus in reviewCounts) reviewCounts[r.reviewStatus as keyof typeof reviewCounts] = r._count._all;
  const syncTotals = { success: sum(syncsDaily, (d) => d.success), partial: sum(syncsDaily, (d) => d.partial), failed: sum(syncsDaily, (d) => d.failed), imported: sum(syncsDaily, (d) => d.imported) };
  const suggestionCounts = { PENDING: 0, ACCEPTED: 0, REJECTED: 0 };
  for (const s of suggestions) suggestionCounts[s.status] = s._count._all;

  return {
    days: range,
    documents: {
      daily: documents,
      totals: docTotals,
      total: docTotals.processed + docTotals.failed + docTotals.inProgress,
      /** Share of finished documents read without problems (no open review reason), or null. */
      cleanRate: docTotals.processed + docTotals.failed > 0 ? clean / (docTotals.processed + docTotals.failed) : null,
    },
    /** The review to-do now: with open reasons, parsed but not yet marked reviewed, reviewed. */
    review: { needsReview: reviewCounts.NEEDS_REVIEW, unreviewed: reviewCounts.UNREVIEWED, reviewed: reviewCounts.REVIEWED, toReview: reviewCounts.NEEDS_REVIEW + reviewCounts.UNREVIEWED },
    /** Documents (not HTTP attempts): exported at least once, and failed with no success since. */
    exports: { daily: exportsDaily, totals: expTotals, total: expTotals.success + expTotals.failed },
    syncs: { daily: syncsDaily, totals: syncTotals, total: syncTotals.success + syncTotals.partial + syncTotals.failed },
    suggestions: suggestionCounts,
    plan: { name: plan.name, usage: await usageOf(scope.tenantId, plan) },
  };
}
