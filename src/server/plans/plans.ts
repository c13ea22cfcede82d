import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { FREE_PLAN_ID, PLAN_LIMIT_KEYS, type PlanLimits } from "@/lib/plans";

const planSelect = { id: true, name: true, description: true, sortOrder: true, documentsPerMonth: true, connectors: true, webhooks: true, apiCallsPerMinute: true, users: true } as const;

export type PlanView = { id: string; name: string; description: string; limits: PlanLimits };

function planView(row: { id: string; name: string; description: string } & PlanLimits): PlanView {
  const limits = Object.fromEntries(PLAN_LIMIT_KEYS.map((k) => [k, row[k]])) as PlanLimits;
  return { id: row.id, name: row.name, description: row.description, limits };
}

export async function listPlans(): Promise<PlanView[]> {
  const rows = await db().plan.findMany({ select: planSelect, orderBy: [{ sortOrder: "asc" }, { name: "asc" }] });
  return rows.map(planView);
}

export async function findPlan(planId: string): Promise<PlanView | null> {
  const row = await db().plan.findUnique({ where: { id: planId }, select: planSelect });
  return row ? planView(row) : null;
}

/** The tenant's plan; a tenant without one (or whose plan was deleted) is on the free plan. */
export async function tenantPlan(tenantId: string): Promise<PlanView> {
  // One query (the plan joined to its tenant), not two: every upload checks its plan.
  const plan = await db().plan.findFirst({ where: { tenants: { some: { id: tenantId } } }, select: planSelect });
  if (plan) return planView(plan);
  const free = await findPlan(FREE_PLAN_ID);
  if (!free) throw new AppError("INTERNAL", `Falta el plan "${FREE_PLAN_ID}": corré las migraciones`);
  return free;
}
