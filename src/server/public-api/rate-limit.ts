import "server-only";
import { db } from "@/server/db/client";
import { tenantPlan } from "@/server/plans/plans";

export const WINDOW_MS = 60_000;
const RETENTION_DAYS = 30;

export type RateLimitResult = {
  allowed: boolean;
  /** null: the plan has no limit. */
  limit: number | null;
  remaining: number | null;
  /** Seconds until the window resets. */
  resetSeconds: number;
};

/**
 * Fixed one-minute windows per API client, limit = the tenant plan's "API calls per minute".
 * The counter is one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING in the database, so
 * every app process sees the same count (no in-memory state). The same rows feed the usage chart.
 */
export async function consumeRateLimit(caller: { apiClientId: string; tenantId: string }, now = new Date()): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
  const [plan, rows] = await Promise.all([
    tenantPlan(caller.tenantId),
    db().$queryRaw<{ count: number }[]>`
      INSERT INTO "ApiCallWindow" ("apiClientId", "windowStart", "tenantId", "count", "limited")
      VALUES (${caller.apiClientId}, ${windowStart}, ${caller.tenantId}, 1, 0)
      ON CONFLICT ("apiClientId", "windowStart") DO UPDATE SET "count" = "ApiCallWindow"."count" + 1
      RETURNING "count"`,
  ]);
  const count = Number(rows[0]!.count);
  const limit = plan.limits.apiCallsPerMinute;
  const allowed = limit === null || count <= limit;
  if (!allowed) {
    await db().apiCallWindow.update({ where: { apiClientId_windowStart: { apiClientId: caller.apiClientId, windowStart } }, data: { limited: { increment: 1 } } });
  }
  if (Math.random() < 0.002) void pruneWindows(now).catch(() => undefined);
  return { allowed, limit, remaining: limit === null ? null : Math.max(0, limit - count), resetSeconds };
}

export async function pruneWindows(now = new Date()) {
  await db().apiCallWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - RETENTION_DAYS * 86_400_000) } } });
}

/** IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, separate-field form). */
export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  if (r.limit === null) return {};
  return {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(r.resetSeconds),
    "RateLimit-Policy": `${r.limit};w=${WINDOW_MS / 1000}`,
    ...(r.allowed ? {} : { "Retry-After": String(r.resetSeconds) }),
  };
}
