/**
 * financial-projection: on demand ("Generar proyección") and weekly (cron), n8n projects the
 * organization's finances from its history and goals. The validated answer is stored whole and
 * drawn as charts (burn rate, by category, goal progress) with the AI summary.
 */
import "server-only";
import { n8nErrorText } from "@/components/movements/n8n-error-text";
import { inngest } from "~/inngest/client";
import { projectionRequested } from "~/inngest/events";
import { db } from "@/server/db/client";
import { isAdminRole } from "@/lib/roles";
import { AppError } from "@/server/errors";
import { financialProjectionData, type N8nData, type N8nPayload } from "@/server/n8n/contract";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { assertN8nReady } from "./availability";
import { num, round2 } from "./money";
import { ensureProfile, goalsSchema } from "./profile-store";

const DAY = 86_400_000;

/** Only the organization's currency (FinanceProfile.currency, sent to n8n by sync-user): a USD purchase is never summed as pesos. */
const inCurrency = (currency: string) => ({ currency: { equals: currency, mode: "insensitive" as const } });

async function sumsByCategory(tenantId: string, currency: string, type: string, from: Date, to: Date) {
  const rows = await db().bankTransaction.groupBy({ by: ["category"], where: { tenantId, type, ...inCurrency(currency), date: { gte: from, lt: to } }, _sum: { amount: true } });
  return Object.fromEntries(rows.map((r) => [r.category ?? "other", round2(num(r._sum.amount) ?? 0)]));
}
const total = (r: Record<string, number>) => round2(Object.values(r).reduce((a, b) => a + b, 0));

export async function buildProjectionPayload(tenantId: string, projectionType: "weekly" | "monthly", now = new Date()): Promise<N8nPayload<"financial_projection">> {
  const p = await ensureProfile(tenantId);
  const last30 = new Date(now.getTime() - 30 * DAY);
  const prev30 = new Date(now.getTime() - 60 * DAY);
  const [expenses, previous, incomeRows] = await Promise.all([
    sumsByCategory(tenantId, p.currency, "expense", last30, now),
    sumsByCategory(tenantId, p.currency, "expense", prev30, last30),
    db().bankTransaction.groupBy({ by: ["merchant"], where: { tenantId, type: "income", ...inCurrency(p.currency), date: { gte: last30, lt: now } }, _sum: { amount: true } }),
  ]);
  const spent = total(expenses);
  const before = total(previous);
  const sources = incomeRows.map((r) => ({ type: r.merchant, amount: round2(num(r._sum.amount) ?? 0) }));
  const income = round2(sources.reduce((a, s) => a + s.amount, 0));
  return {
    projectionType,
    historicalData: {
      income: { monthly: income, sources },
      expenses: { last30Days: spent, byCategory: expenses },
      trends: { expenseGrowthRate: before > 0 ? round2((spent - before) / before) : 0, savingsRate: income > 0 ? round2((income - spent) / income) : 0 },
    },
    goals: goalsSchema.catch([]).parse(p.goals),
  };
}

async function start(tenantId: string, projectionId: string) {
  await inngest.send(projectionRequested.create({ tenantId, projectionId }));
}

export async function requestProjection(scope: TenantScope, projectionType: "weekly" | "monthly") {
  await assertN8nReady(scope);
  const pending = await db().financialProjection.findFirst({ where: scoped(scope, { status: "PENDING" as const, createdAt: { gte: new Date(Date.now() - 10 * 60_000) } }) });
  if (pending) throw new AppError("CONFLICT", "Ya hay una proyección en curso; esperá a que termine");
  const row = await db().financialProjection.create({ data: { tenantId: scope.tenantId, projectionType, trigger: "MANUAL", requestedById: scope.userId } });
  try {
    await start(scope.tenantId, row.id);
  } catch {
    await db().financialProjection.update({ where: { id: row.id }, data: { status: "FAILED", errorMessage: "No se pudo iniciar la proyección; probá de nuevo." } });
    throw new AppError("INTERNAL", "No se pudo iniciar la proyección; probá de nuevo en un momento");
  }
  return { id: row.id };
}

/** The weekly cron: one projection per organization with n8n enabled. */
export async function createWeeklyProjections(): Promise<{ tenantId: string; projectionId: string }[]> {
  const tenants = await db().n8nSettings.findMany({ where: { enabled: true }, select: { tenantId: true } });
  const out: { tenantId: string; projectionId: string }[] = [];
  for (const { tenantId } of tenants) {
    const row = await db().financialProjection.create({ data: { tenantId, projectionType: "weekly", trigger: "WEEKLY" } });
    out.push({ tenantId, projectionId: row.id });
  }
  return out;
}

export async function projectionTypeOf(tenantId: string, projectionId: string): Promise<"weekly" | "monthly"> {
  const row = await db().financialProjection.findFirstOrThrow({ where: { tenantId, id: projectionId } });
  return row.projectionType === "monthly" ? "monthly" : "weekly";
}

export async function saveProjection(tenantId: string, projectionId: string, outcome: { ok: true; data: N8nData<"financial_projection"> } | { ok: false; message: string }) {
  const row = await db().financialProjection.findFirstOrThrow({ where: { tenantId, id: projectionId } });
  if (row.status !== "PENDING") return;
  if (!outcome.ok) {
    await db().financialProjection.update({ where: { id: row.id }, data: { status: "FAILED", errorMessage: outcome.message.slice(0, 1000), completedAt: new Date() } });
    return;
  }
  const d = outcome.data;
  await db().$transaction(async (tx) => {
    await tx.financialProjection.update({ where: { id: row.id }, data: { status: "READY", result: d as object, aiSummary: d.aiSummary, completedAt: new Date() } });
    if (d.recommendations.length)
      await tx.movementRecommendation.createMany({
        data: d.recommendations.map((r) => ({ tenantId, projectionId: row.id, type: "PROJECTION", message: r.action, priority: r.priority, potentialSavings: r.potentialSavings ?? null, difficulty: r.difficulty ?? null })),
      });
  });
}

export async function listProjections(scope: TenantScope) {
  const rows = await db().financialProjection.findMany({ where: scoped(scope), orderBy: { createdAt: "desc" }, take: 12 });
  return rows.map((r) => {
    const parsed = r.result ? financialProjectionData.safeParse(r.result) : null;
    return {
      id: r.id,
      projectionType: r.projectionType,
      trigger: r.trigger,
      status: r.status,
      // Written for who reads it: admins get n8n's message without the raw code, other roles
      // (who cannot open the n8n settings) none — the page tells them who can see why.
      errorMessage: r.errorMessage && isAdminRole(scope.role) ? n8nErrorText(r.errorMessage, true, "") : null,
      aiSummary: r.aiSummary,
      createdAt: r.createdAt,
      completedAt: r.completedAt,
      result: parsed?.success ? parsed.data : null,
    };
  });
}
