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
import { localeOrDefault, serverMessage } from "@/server/i18n/server-message";
import { serverText } from "@/server/i18n/server-text";
import { sendMail } from "@/server/mail/mailer";
import type { N8nData, N8nPayload } from "@/server/n8n/contract";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { localAlerts } from "./fallback";
import { num, round2 } from "./money";
import { ensureProfile } from "./profile-store";
import { daysBefore, weekWindow } from "./windows";

const log = logger.child({ module: "movements-alerts" });

/**
 * The figures the contract's evaluate-alerts example reads: `currentWeekSpent` is what was
 * spent in the purchase's week BEFORE it (450,000 spent + a 500,000 purchase = 950,000 of
 * 600,000), so the transaction evaluated is never part of it. Every window has both ends and
 * is cut in the organization's time zone: a purchase pasted late (dated in an earlier week)
 * sees only its own week, and nothing dated after it. "Before" is a strict order: an earlier
 * date, or the same date and created earlier (then the id), so of two purchases with the same
 * date each sees the other at most once, never both ways.
 *
 * Every figure is in the purchase's currency: only transactions in that currency are summed or
 * averaged (a USD 15.99 purchase is never 15.99 pesos next to ARS amounts, and never drags an
 * ARS average down).
 */
export async function history(tenantId: string, transaction: { id: string; date: Date; createdAt: Date; currency: string }, timezone: string | null | undefined) {
  const at = transaction.date;
  const week = weekWindow(at, timezone);
  const before = {
    OR: [
      { date: { lt: at } },
      { date: at, createdAt: { lt: transaction.createdAt } },
      { date: at, createdAt: transaction.createdAt, id: { lt: transaction.id } },
    ],
  };
  const expenses = (from: Date) => ({ tenantId, type: "expense", currency: { equals: transaction.currency, mode: "insensitive" as const }, id: { not: transaction.id }, AND: [{ date: { gte: from } }, before] });
  const [avg, max, byCategory, spent] = await Promise.all([
    db().bankTransaction.aggregate({ where: expenses(daysBefore(at, 90, timezone)), _avg: { amount: true } }),
    db().bankTransaction.aggregate({ where: expenses(daysBefore(at, 30, timezone)), _max: { amount: true } }),
    db().bankTransaction.groupBy({ by: ["category"], where: { ...expenses(daysBefore(at, 90, timezone)), category: { not: null } }, _avg: { amount: true } }),
    db().bankTransaction.aggregate({ where: { ...expenses(week.start), date: { lt: week.end } }, _sum: { amount: true } }),
  ]);
  return {
    averageTransactionAmount: round2(num(avg._avg.amount) ?? 0),
    maxTransactionLast30Days: num(max._max.amount) ?? 0,
    categoryAverages: Object.fromEntries(byCategory.map((r) => [r.category!, round2(num(r._avg.amount) ?? 0)])),
    currentWeekSpent: round2(num(spent._sum.amount) ?? 0),
  };
}

/** Currency codes compare case-insensitively (e-mails say "ars", "ARS"). */
export function sameCurrency(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/**
 * Budgets and the fixed unusual-amount threshold are in the organization's currency
 * (FinanceProfile.currency): they apply to a purchase in that currency only. For a purchase in
 * another currency there is no budget to compare with (the contract's 0 = "no weekly budget", so
 * no percentage is computed) and the unusual threshold is the multiplier × the average of that
 * currency's purchases; every other figure is in the purchase's currency (`history`).
 */
export async function buildEvaluatePayload(tenantId: string, transactionId: string): Promise<N8nPayload<"evaluate_alerts">> {
  const t = await db().bankTransaction.findFirstOrThrow({ where: { tenantId, id: transactionId } });
  const p = await ensureProfile(tenantId);
  const h = await history(tenantId, t, p.timezone);
  const home = sameCurrency(t.currency, p.currency);
  return {
    transaction: { id: t.id, amount: num(t.amount)!, category: t.category ?? "other", merchant: t.merchant, date: t.date.toISOString() },
    userRules: {
      // The contract has numbers here, never null: 0 = no weekly budget; no fixed threshold →
      // the organization's multiplier × its average (0 = nothing to compare with yet). See docs/n8n/README.md.
      weeklyBudget: home ? (num(p.weeklyBudget) ?? 0) : 0,
      currentWeekSpent: h.currentWeekSpent,
      alertThreshold: p.budgetThreshold,
      unusualAmountThreshold: (home ? num(p.unusualAmountThreshold) : null) ?? round2(p.unusualAmountMultiplier * h.averageTransactionAmount),
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
    const h = await history(tenantId, t, p.timezone);
    const home = sameCurrency(t.currency, p.currency);
    alerts = localAlerts({
      amount: num(t.amount)!,
      currency: t.currency,
      category: t.category ?? "other",
      weeklyBudget: home ? num(p.weeklyBudget) : null,
      currentWeekSpent: h.currentWeekSpent,
      threshold: p.budgetThreshold,
      average: h.averageTransactionAmount,
      multiplier: p.unusualAmountMultiplier,
      unusualThreshold: home ? num(p.unusualAmountThreshold) : null,
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
  const members = await db().membership.findMany({ where: { tenantId }, include: { user: { select: { email: true, locale: true } } } });
  // Each member reads them in their stored language (the local fallback's texts are catalogued; n8n's stay as sent).
  for (const m of members) {
    const locale = localeOrDefault(m.user.locale);
    const tr = (text: string) => serverText(text, locale);
    const text = `${alerts.map((a) => `• ${tr(a.title)}: ${tr(a.message)}`).join("\n")}\n\n${serverMessage("mail.movementAlerts.seeInApp", { link: "/movimientos" }, locale)}`;
    await sendMail({ to: m.user.email, subject: serverMessage("mail.notice.subject", { title: tr(alerts[0]!.title) }, locale), text }).catch((err: unknown) => log.error({ err, tenantId }, "could not e-mail a movement alert"));
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
