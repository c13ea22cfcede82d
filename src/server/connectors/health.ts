/**
 * Connector health for the card badge, from the most recent calls the connector made: the PUSH
 * export log (every attempt, retries included) and the last "Probar conexión". «Sin probar» is
 * reserved for a connector that truly never made a call.
 *
 * - FAILING: the last FAILING_STREAK calls (or all of them, when fewer) failed.
 * - DEGRADED: some of the last WINDOW calls failed, but not the latest streak.
 * - OK: none of the last WINDOW calls failed.
 */
import "server-only";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export const HEALTH_WINDOW = 20;
export const FAILING_STREAK = 3;

export type HealthState = "UNTESTED" | "OK" | "DEGRADED" | "FAILING";
export interface ConnectorHealth {
  state: HealthState;
  /** Calls considered (export attempts, plus the last connection test). */
  calls: number;
  failed: number;
  lastCallAt: Date | null;
  /** Why the most recent failed call failed; null when none failed in the window. */
  lastReason: string | null;
  lastFailureAt: Date | null;
}

interface Call {
  at: Date;
  ok: boolean;
  reason: string | null;
}

/** The pure rule over calls (newest first), so it is testable without rows. */
export function healthFromCalls(calls: Call[]): ConnectorHealth {
  const window = calls.slice(0, HEALTH_WINDOW);
  if (window.length === 0) return { state: "UNTESTED", calls: 0, failed: 0, lastCallAt: null, lastReason: null, lastFailureAt: null };
  const failures = window.filter((c) => !c.ok);
  const streak = window.slice(0, FAILING_STREAK);
  const state: HealthState = streak.every((c) => !c.ok) ? "FAILING" : failures.length > 0 ? "DEGRADED" : "OK";
  const lastFailure = failures[0] ?? null;
  return { state, calls: window.length, failed: failures.length, lastCallAt: window[0]!.at, lastReason: lastFailure?.reason ?? null, lastFailureAt: lastFailure?.at ?? null };
}

function reasonOf(row: { httpStatus: number | null; errorMessage: string | null; errorClass: string | null }) {
  return row.errorMessage ?? (row.httpStatus !== null ? `HTTP ${row.httpStatus}` : row.errorClass);
}

/** Health of every connector of the tenant (or the given ones), keyed by connector id. */
export async function connectorHealth(scope: Pick<TenantScope, "tenantId">, connectorIds?: string[]): Promise<Record<string, ConnectorHealth>> {
  const connectors = await db().apiConnector.findMany({
    where: scoped(scope, connectorIds ? { id: { in: connectorIds } } : {}),
    select: { id: true, lastTestAt: true, lastTestOk: true, lastTestMessage: true, lastTestStatus: true },
  });
  const out: Record<string, ConnectorHealth> = {};
  for (const c of connectors) {
    // SKIPPED rows are documents not sent (already exported): no call was made.
    const rows = await db().connectorExportLog.findMany({
      where: scoped(scope, { connectorId: c.id, status: { not: "SKIPPED" as const } }),
      orderBy: { createdAt: "desc" },
      take: HEALTH_WINDOW,
      select: { createdAt: true, status: true, httpStatus: true, errorMessage: true, errorClass: true },
    });
    const calls: Call[] = rows.map((r) => ({ at: r.createdAt, ok: r.status === "SUCCESS", reason: r.status === "SUCCESS" ? null : reasonOf(r) }));
    if (c.lastTestAt) {
      calls.push({ at: c.lastTestAt, ok: c.lastTestOk === true, reason: c.lastTestOk ? null : (c.lastTestMessage ?? (c.lastTestStatus !== null ? `HTTP ${c.lastTestStatus}` : null)) });
      calls.sort((a, b) => b.at.getTime() - a.at.getTime());
    }
    out[c.id] = healthFromCalls(calls);
  }
  return out;
}
