import "server-only";
import { db } from "@/server/db/client";
import type { TenantScope } from "@/server/tenants/scope";

export type DailyDeliveries = { day: string; succeeded: number; failed: number; pending: number };
export type DailyLatency = { day: string; p50: number; p95: number };

/**
 * Webhook health for the dashboard: deliveries per day by outcome and attempt latency
 * percentiles, over the last `days` days (Buenos Aires calendar days). Raw SQL for
 * date_trunc/percentiles; the tenant is in every WHERE like everywhere else.
 */
export async function webhookStats(scope: TenantScope, days = 14) {
  const since = new Date(Date.now() - days * 86_400_000);
  const [deliveries, latency] = await Promise.all([
    db().$queryRaw<{ day: string; status: string; n: bigint }[]>`
      SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'America/Argentina/Buenos_Aires'), 'YYYY-MM-DD') AS day,
             status::text AS status, count(*) AS n
      FROM "WebhookDelivery"
      WHERE "tenantId" = ${scope.tenantId} AND "createdAt" >= ${since}
      GROUP BY 1, 2 ORDER BY 1`,
    db().$queryRaw<{ day: string; p50: number; p95: number }[]>`
      SELECT to_char(date_trunc('day', "createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'America/Argentina/Buenos_Aires'), 'YYYY-MM-DD') AS day,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs")::float8 AS p50,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs")::float8 AS p95
      FROM "WebhookAttempt"
      WHERE "tenantId" = ${scope.tenantId} AND "createdAt" >= ${since}
      GROUP BY 1 ORDER BY 1`,
  ]);
  const byDay = new Map<string, DailyDeliveries>();
  for (const row of deliveries) {
    const entry = byDay.get(row.day) ?? { day: row.day, succeeded: 0, failed: 0, pending: 0 };
    const key = row.status === "SUCCEEDED" ? "succeeded" : row.status === "FAILED" ? "failed" : "pending";
    entry[key] += Number(row.n);
    byDay.set(row.day, entry);
  }
  const daily = [...byDay.values()];
  const finished = daily.reduce((acc, d) => ({ ok: acc.ok + d.succeeded, all: acc.all + d.succeeded + d.failed }), { ok: 0, all: 0 });
  return {
    daily,
    latency: latency.map((l) => ({ day: l.day, p50: Math.round(l.p50), p95: Math.round(l.p95) })),
    successRate: finished.all > 0 ? finished.ok / finished.all : null,
    total: daily.reduce((n, d) => n + d.succeeded + d.failed + d.pending, 0),
  };
}
