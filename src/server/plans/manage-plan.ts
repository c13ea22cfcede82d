import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TenantScope } from "@/server/tenants/scope";
import { findPlan, listPlans, tenantPlan } from "./plans";
import { countUsage, usageOf, type MeteredLimit } from "./usage";

/** The plans page: current plan, its usage, every plan, and whether this member may switch. */
export async function planOverview(scope: TenantScope) {
  const [current, plans] = await Promise.all([tenantPlan(scope.tenantId), listPlans()]);
  return { current, usage: await usageOf(scope.tenantId, current), plans, canChange: scope.role === "OWNER" };
}

/** Limits on what the tenant has now; a monthly quota (documentsPerMonth) never blocks a change. */
const overLimitText: Record<Exclude<MeteredLimit, "documentsPerMonth">, (used: number, limit: number) => string> = {
  users: (used, limit) => `hay ${used} usuarios (contando invitaciones pendientes) y ese plan permite ${limit}`,
  webhooks: (used, limit) => `hay ${used} endpoints de webhooks y ese plan permite ${limit}`,
  connectors: (used, limit) => `hay ${used} conectores y ese plan permite ${limit}`,
};

/** OWNER only. No billing: switches the plan, refusing a plan the current usage does not fit. */
export async function changePlan(scope: TenantScope, planId: string) {
  if (scope.role !== "OWNER") throw new AppError("FORBIDDEN", "Solo el dueño (OWNER) puede cambiar de plan");
  const [current, next] = await Promise.all([tenantPlan(scope.tenantId), findPlan(planId)]);
  if (!next) throw AppError.field("planId", "Ese plan no existe", "NOT_FOUND");
  if (next.id === current.id) return next;

  for (const key of Object.keys(overLimitText) as (keyof typeof overLimitText)[]) {
    const limit = next.limits[key];
    if (limit === null) continue;
    const used = await countUsage(scope.tenantId, key);
    if (used > limit) throw new AppError("CONFLICT", `No podés pasar al plan ${next.name}: ${overLimitText[key](used, limit)}`);
  }

  await db().$transaction(async (tx) => {
    await tx.tenant.update({ where: { id: scope.tenantId }, data: { planId: next.id } });
    await recordAudit(tx, scope, { action: "PLAN_CHANGED", oldValue: current.name, newValue: next.name });
  });
  return next;
}
