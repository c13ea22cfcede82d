/** Per-connector PUSH statistics from the export log: success rate, latency, volume per day. */
import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export async function connectorExportStats(scope: TenantScope, connectorId: string, days = 30) {
  const connector = await db().apiConnector.findFirst({ where: scoped(scope, { id: connectorId }), select: { id: true } });
  if (!connector) throw AppError.notFound("Conector");
  const since = new Date(Date.now() - days * 864e5);
  const rows = await db().$queryRaw<{ day: Date; status: string; calls: bigint; avg_ms: number | null; p95_ms: number | null }[]>`
    SELECT date_trunc('day', "createdAt" AT TIME ZONE 'America/Argentina/Buenos_Aires') AS day, status::text AS status, count(*) AS calls,
           avg("latencyMs")::float AS avg_ms, percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs")::float AS p95_ms
    FROM "ConnectorExportLog"
    WHERE "tenantId" = ${scope.tenantId} AND "connectorId" = ${connectorId} AND "createdAt" >= ${since}
    GROUP BY 1, 2 ORDER BY 1`;
  const byDay = new Map<string, { day: string; success: number; failed: number; skipped: number; avgLatencyMs: number | null }>();
  let success = 0;
  let failed = 0;
  let latencySum = 0;
  let latencyCalls = 0;
  for (const r of rows) {
    const day = r.day.toISOString().slice(0, 10);
    const entry = byDay.get(day) ?? { day, success: 0, failed: 0, skipped: 0, avgLatencyMs: null };
    const n = Number(r.calls);
    if (r.status === "SUCCESS") {
      entry.success += n;
      success += n;
    } else if (r.status === "FAILED") {
      entry.failed += n;
      failed += n;
    } else entry.skipped += n;
    if (r.status !== "SKIPPED" && r.avg_ms !== null) {
      const prevCalls = (entry.avgLatencyMs === null ? 0 : entry.success + entry.failed - n);
      entry.avgLatencyMs = Math.round(((entry.avgLatencyMs ?? 0) * prevCalls + r.avg_ms * n) / (prevCalls + n));
      latencySum += r.avg_ms * n;
      latencyCalls += n;
    }
    byDay.set(day, entry);
  }
  const calls = success + failed;
  return {
    days,
    calls,
    success,
    failed,
    successRate: calls === 0 ? null : success / calls,
    avgLatencyMs: latencyCalls === 0 ? null : Math.round(latencySum / latencyCalls),
    series: [...byDay.values()],
  };
}
