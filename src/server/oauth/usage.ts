import "server-only";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export type UsagePoint = { day: string; calls: number; limited: number };

/**
 * Calls per day (UTC) over the last `days` days for one client or the whole tenant, from the
 * rate-limit windows; days without calls are zero.
 */
export async function apiUsage(scope: TenantScope, input: { id?: string; days: number }): Promise<UsagePoint[]> {
  const end = new Date();
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate() - (input.days - 1)));
  const rows = await db().apiCallWindow.findMany({
    where: scoped(scope, { windowStart: { gte: start }, ...(input.id ? { apiClientId: input.id } : {}) }),
    select: { windowStart: true, count: true, limited: true },
  });
  const byDay = new Map<string, UsagePoint>();
  for (let i = 0; i < input.days; i++) {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    byDay.set(day, { day, calls: 0, limited: 0 });
  }
  for (const r of rows) {
    const point = byDay.get(r.windowStart.toISOString().slice(0, 10));
    if (!point) continue;
    point.calls += r.count;
    point.limited += r.limited;
  }
  return [...byDay.values()];
}
