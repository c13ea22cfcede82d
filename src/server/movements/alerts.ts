/**
 * evaluate-alerts: after classification, n8n gets the transaction, the organization's rules
 * and budgets and its history; the alerts and recommendations it answers are shown in
 * Movimientos (and e-mailed when the organization asked for it). When n8n's AI keeps failing,
 * local rules (./fallback.ts) produce the basic alerts.
 */
import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log/logger";
import { sendMail } from "@/server/mail/mailer";
import type { N8nData, N8nPayload } from "@/server/n8n/contract";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { localAlerts } from "./fallback";
import { num, round2 } from "./money";
import { ensureProfile } from "./profile-store";

const log = logger.child({ module: "movements-alerts" });
const DAY = 86_400_000;

/** Monday 00:00 UTC of the week that contains `d`. */
export function weekStart(d: Date): Date {
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  return start;
}

async function history(tenantId: string, excludeId: string, at: Date) {
  const expenses = { tenantId, type: "expense", id: { not: excludeId } };
  const [avg, max, byCategory, week] = await Promise.all([
    db().bankTransaction.aggregate({ where: { ...expenses, date: { gte: new Date(at.getTime() - 90 * DAY) } }, _avg: { amount: true } }),
    db().bankTransaction.aggregate({ where: { ...expenses, date: { gte: new Date(at.getTime() - 30 * DAY) } }, _max: { amount: true } }),
    db().bankTransaction.groupBy({ by: ["category"], where: { ...expenses, category: { not: null }, date: { gte: new Date(at.getTime() - 90 * DAY) } }, _avg: { amount: true } }),
    db().bankTransaction.aggregate({ where: { tenantId, type: "expense", date: { gte: weekStart(at) } }, _sum: { amount: true } }),
  ]);
  return {
    averageTransactionAmount: round2(num(avg._avg.amount) ?? 0),
    maxTransactionLast30Days: num(max._max.amount) ?? 0,
    categoryAverages: Object.fromEntries(byCategory.map((r) => [r.category!, round2(num(r._avg.amount) ?? 0)])),
    currentWeekSpent: num(week._sum.amount) ?? 0,
  };
}

export async function buildEvaluatePayload(tenantId: string, transactionId: string): Promise<N8nPayload<"evaluate_alerts">> {
  const t = await db().bankTransaction.findFirstOrThrow({ where: { tenantId, id: transactionId } });
  const p = await ensureProfile(tenantId);
  const h = await history(tenantId, t.id, t.date);
  return {
    transaction: { id: t.id, amount: num(t.amount)!, category: t.category ?? "other", merchant: t.merchant, date: t.date.toISOString() },
    userRules: {
      weeklyBudget: num(p.weeklyBudget),
      currentWeekSpent: h.currentWeekSpent,
      alertThreshold: p.budgetThreshold,
      unusualAmountThreshold: num(p.unusualAmountThreshold),
      blockedCategories: p.blockedCategories,
    },
    historicalData: { averageTransactionAmount: h.averageTransactionAmount, maxTransactionLast30Days: h.maxTransactionLast30Days, categoryAverages: h.categoryAverages },
  };
}

type EvaluateOutcome = { ok: true; data: N8nData<"evaluate_alerts"> } | { ok: false; fallback: boolean; message: string };

/** Stores alerts and recommendations once per transaction. Returns the ids of new alerts to notify about. */
export async function saveAlerts(tenantId: string, transactionId: string, outcome: EvaluateOutcome): Promise<{ alertIds: string[]; notify: boolean }> {
  const t = await db().bankTransaction.findFirstOrThrow({ where: { tenantId, id: transactionId } });
  if (t.alertsStatus !== "PENDING") return { alertIds: [], notify: false };
  const p = await ensureProfile(tenantId);

  if (!outcome.ok && !outcome.fallback) {
    await db().bankTransaction.update({ where: { id: t.id }, data: { alertsStatus: "FAILED", alertsError: outcome.message.slice(0, 1000) } });
    return { alertIds: [], notify: false };
  }
  let alerts: { type: string; severity: string; title: string; message: string; data: Record<string, unknown> }[];
  let recommendations: { type: string; message: string }[] = [];
  let notify: boolean;
  if (outcome.ok) {
    alerts = outcome.data.alerts;
    recommendations = outcome.data.recommendations;
    notify = outcome.data.shouldNotify;
  } else {
    const h = await history(tenantId, t.id, t.date);
    alerts = localAlerts({
      amount: num(t.amount)!,
      currency: t.currency,
      category: t.category ?? "other",
      weeklyBudget: num(p.weeklyBudget),
      currentWeekSpent: h.currentWeekSpent,
      threshold: p.budgetThreshold,
      average: h.averageTransactionAmount,
      multiplier: p.unusualAmountMultiplier,
      unusualThreshold: num(p.unusualAmountThreshold),
      blockedCategories: p.blockedCategories,
    });
    notify = alerts.some((a) => a.severity === "high");
  }
  const source = outcome.ok ? "n8n" : "local";
  const alertIds = await db().$transaction(async (tx) => {
    const ids: string[] = [];
    for (const a of alerts) {
      const row = await tx.movementAlert.create({ data: { tenantId, transactionId: t.id, type: a.type, severity: a.severity, title: a.title, message: a.message, data: a.data as object, source } });
      ids.push(row.id);
    }
    if (recommendations.length) await tx.movementRecommendation.createMany({ data: recommendations.map((r) => ({ tenantId, transactionId: t.id, type: r.type, message: r.message })) });
    await tx.bankTransaction.update({ where: { id: t.id }, data: { alertsStatus: outcome.ok ? "EVALUATED" : "FALLBACK", alertsError: outcome.ok ? null : outcome.message.slice(0, 1000) } });
    if (notify && p.notificationsEnabled && alerts.length > 0) {
      const first = alerts[0]!;
      await tx.notification.create({ data: { tenantId, roles: [], kind: "movements.alert", title: first.title, body: alerts.length > 1 ? `${first.message} (y ${alerts.length - 1} alerta(s) más)` : first.message, link: "/movimientos" } });
    }
    return ids;
  });
  return { alertIds, notify: notify && p.emailAlerts && p.notificationsEnabled && alertIds.length > 0 };
}

/** E-mails new alerts to the organization's members (when the organization wants it). */
export async function emailAlerts(tenantId: string, alertIds: string[]): Promise<number> {
  const alerts = await db().movementAlert.findMany({ where: { tenantId, id: { in: alertIds }, emailedAt: null } });
  if (alerts.length === 0) return 0;
  const members = await db().membership.findMany({ where: { tenantId }, include: { user: { select: { email: true } } } });
  const text = `${alerts.map((a) => `• ${a.title}: ${a.message}`).join("\n")}\n\nVer en Contaflow: /movimientos`;
  for (const m of members) {
    await sendMail({ to: m.user.email, subject: `Contaflow: ${alerts[0]!.title}`, text }).catch((err: unknown) => log.error({ err, tenantId }, "could not e-mail a movement alert"));
  }
  await db().movementAlert.updateMany({ where: { id: { in: alerts.map((a) => a.id) } }, data: { emailedAt: new Date() } });
  return members.length;
}

export async function listAlerts(scope: TenantScope) {
  return db().movementAlert.findMany({
    where: scoped(scope, { readAt: null }),
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, type: true, severity: true, title: true, message: true, source: true, createdAt: true, emailedAt: true, transaction: { select: { id: true, merchant: true } } },
  });
}

export async function dismissAlert(scope: TenantScope, id: string) {
  const { count } = await db().movementAlert.updateMany({ where: scoped(scope, { id, readAt: null }), data: { readAt: new Date() } });
  if (count === 0) throw AppError.notFound("Alerta");
  return { id };
}

export async function listRecommendations(scope: TenantScope) {
  const rows = await db().movementRecommendation.findMany({ where: scoped(scope), orderBy: { createdAt: "desc" }, take: 20 });
  return rows.map((r) => ({ id: r.id, type: r.type, message: r.message, priority: r.priority, potentialSavings: num(r.potentialSavings), difficulty: r.difficulty, fromProjection: r.projectionId !== null, createdAt: r.createdAt }));
}
