import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { pendingInvitationsWhere } from "@/server/invitations/pending";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { PLAN_LIMIT_KEYS, type PlanLimitKey } from "@/lib/plans";
import { tenantPlan, type PlanView } from "./plans";

/**
 * What each limit counts today. A limit joins `MeteredLimit` when its feature exists: add its
 * counter here (documents of the month, connectors) and call assertWithinLimit before creating.
 */
const counters = {
  /** Seats: members plus pending (unexpired) invitations. */
  users: async (tenantId: string) => {
    const scope = { tenantId };
    const [members, invitations] = await Promise.all([db().membership.count({ where: scoped(scope) }), db().invitation.count({ where: pendingInvitationsWhere(scope) })]);
    return members + invitations;
  },
  webhooks: (tenantId: string) => db().webhookEndpoint.count({ where: scoped({ tenantId }) }),
  connectors: (tenantId: string) => db().apiConnector.count({ where: scoped({ tenantId }) }),
  /** Documents uploaded since the first day of this month in Argentina (UTC−3); duplicates are not new uploads. */
  documentsPerMonth: (tenantId: string) => db().document.count({ where: scoped({ tenantId }, { createdAt: { gte: monthStartInArgentina() } }) }),
} satisfies Partial<Record<PlanLimitKey, (tenantId: string) => Promise<number>>>;

export type MeteredLimit = keyof typeof counters;

function monthStartInArgentina(now = new Date()): Date {
  const local = new Date(now.getTime() - 3 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1, 3));
}

function isMetered(key: PlanLimitKey): key is MeteredLimit {
  return key in counters;
}

export function countUsage(tenantId: string, key: MeteredLimit): Promise<number> {
  return counters[key](tenantId);
}

const what: Record<MeteredLimit, (limit: number) => string> = {
  users: (n) => `${n} ${n === 1 ? "usuario" : "usuarios"} (contando las invitaciones pendientes)`,
  webhooks: (n) => `${n} ${n === 1 ? "endpoint" : "endpoints"} de webhooks`,
  connectors: (n) => `${n} ${n === 1 ? "conector" : "conectores"}`,
  documentsPerMonth: (n) => `${n} ${n === 1 ? "documento" : "documentos"} por mes`,
};

/** The message shown when `key` is at its limit, in the UI before the action and in the error. */
export function limitReachedMessage(plan: Pick<PlanView, "name">, key: MeteredLimit, limit: number): string {
  return `Llegaste al límite de tu plan ${plan.name}: hasta ${what[key](limit)} — mejorá tu plan en Planes`;
}

export type LimitState = { key: MeteredLimit; used: number; limit: number | null; reached: boolean; message: string | null };

/** Usage of one metered limit against the tenant's plan. */
export async function limitState(tenantId: string, key: MeteredLimit, plan?: PlanView): Promise<LimitState> {
  const p = plan ?? (await tenantPlan(tenantId));
  const limit = p.limits[key];
  const used = await countUsage(tenantId, key);
  const reached = limit !== null && used >= limit;
  return { key, used, limit, reached, message: reached ? limitReachedMessage(p, key, limit) : null };
}

/**
 * Throws before an action that would take `key` past the plan's limit (`adding` more units).
 * Call it first, so a blocked action has done nothing.
 */
export async function assertWithinLimit(scope: Pick<TenantScope, "tenantId">, key: MeteredLimit, adding = 1): Promise<void> {
  const plan = await tenantPlan(scope.tenantId);
  const limit = plan.limits[key];
  if (limit === null) return;
  const used = await countUsage(scope.tenantId, key);
  if (used + adding > limit) throw new AppError("FORBIDDEN", limitReachedMessage(plan, key, limit));
}

export type UsageRow = { key: PlanLimitKey; limit: number | null; used: number | null };

/** Every limit of the tenant's plan with its current use; `used` is null for limits not metered yet. */
export async function usageOf(tenantId: string, plan: PlanView): Promise<UsageRow[]> {
  return Promise.all(
    PLAN_LIMIT_KEYS.map(async (key) => ({ key, limit: plan.limits[key], used: isMetered(key) ? await countUsage(tenantId, key) : null })),
  );
}
