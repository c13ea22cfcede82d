/**
 * The spending figures sent to evaluate-alerts (issue 18, items 1–2): `currentWeekSpent` is what
 * was spent in the purchase's week BEFORE it, as the contract's example reads it (450,000 spent
 * + a 500,000 purchase = 950,000 of 600,000); every window has both ends and is cut in the
 * organization's time zone; purchases pasted out of order see only their own week and past.
 * A receiver built from the contract (the fake n8n, over real HTTP) computes the percentage.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { buildEvaluatePayload, saveAlerts } from "@/server/movements/alerts";
import { buildProjectionPayload } from "@/server/movements/projections";
import { daysBefore, weekWindow } from "@/server/movements/windows";
import { callN8n } from "@/server/n8n/client";
import { createTenantWith, createUser } from "../support/factories";
import { startFakeN8n, type FakeN8n } from "./support/fake-n8n";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
resetEnvCache();

const TOKEN = "token-spending-0001";
const SECRET = "secreto-spending-0123456789";
let fake: FakeN8n;
beforeAll(async () => {
  fake = await startFakeN8n({ token: TOKEN, signingSecret: SECRET });
});
afterAll(() => fake.close());

async function organization(profile: { weeklyBudget?: number; timezone?: string } = {}) {
  const tenant = await createTenantWith(await createUser());
  await db().financeProfile.create({ data: { tenantId: tenant.id, weeklyBudget: profile.weeklyBudget ?? null, ...(profile.timezone ? { timezone: profile.timezone } : {}) } });
  return tenant.id;
}

const purchase = (tenantId: string, amount: number, date: string, category = "shopping", currency = "ARS", createdAt?: Date) =>
  db().bankTransaction.create({ data: { tenantId, type: "expense", amount, currency, merchant: `COMERCIO ${amount}`, date: new Date(date), category, ...(createdAt ? { createdAt } : {}) } });

describe("weekly spend as the contract reads it", () => {
  it("a 95,000 purchase on a 100,000 weekly budget is 95 %, not 190 % (the purchase is not counted twice)", async () => {
    const tenantId = await organization({ weeklyBudget: 100_000 });
    const t = await purchase(tenantId, 95_000, "2026-11-25T15:00:00-03:00");
    const payload = await buildEvaluatePayload(tenantId, t.id);
    expect(payload.userRules).toMatchObject({ weeklyBudget: 100_000, currentWeekSpent: 0 });

    const res = await callN8n({ tenantId, action: "evaluate_alerts", payload, credentials: { baseUrl: fake.url, token: TOKEN, signingSecret: SECRET, timeoutMs: 5000 } });
    const [alert] = res.data.alerts;
    expect(alert!.message).toBe("Gastaste el 95% de tu presupuesto semanal");
    expect(alert!.data).toMatchObject({ spentAmount: 95_000, percentageUsed: 95 });
  });

  it("the contract's own example: 450,000 spent before + a 500,000 purchase = 950,000 of 600,000", async () => {
    const tenantId = await organization({ weeklyBudget: 600_000 });
    await purchase(tenantId, 200_000, "2024-12-02T09:00:00-03:00"); // Monday
    await purchase(tenantId, 250_000, "2024-12-03T09:00:00-03:00");
    const t = await purchase(tenantId, 500_000, "2024-12-04T10:55:00-03:00");
    expect((await buildEvaluatePayload(tenantId, t.id)).userRules.currentWeekSpent).toBe(450_000);
  });

  it("the local fallback reads the same figure once: 95 %", async () => {
    const tenantId = await organization({ weeklyBudget: 100_000 });
    const t = await purchase(tenantId, 95_000, "2026-11-25T15:00:00-03:00");
    await saveAlerts(tenantId, t.id, { ok: false, fallback: true, message: "AI_ERROR" });
    const alerts = await db().movementAlert.findMany({ where: { transactionId: t.id } });
    expect(alerts.map((a) => [a.type, (a.data as { percentageUsed: number }).percentageUsed])).toEqual([["BUDGET_THRESHOLD", 95]]);
  });
});

describe("windows with both ends, in the organization's time zone", () => {
  it("a purchase dated in January 2025, pasted after 2026 purchases, sees only its own week", async () => {
    const tenantId = await organization({ weeklyBudget: 100_000 });
    await purchase(tenantId, 70_000, "2026-03-10T12:00:00-03:00");
    await purchase(tenantId, 80_000, "2026-03-11T12:00:00-03:00");
    await purchase(tenantId, 10_000, "2025-01-13T12:00:00-03:00"); // Monday of the same week as the late one
    const late = await purchase(tenantId, 5_000, "2025-01-15T12:00:00-03:00");
    await purchase(tenantId, 30_000, "2025-01-16T12:00:00-03:00"); // after it, same week: not "before"
    await purchase(tenantId, 40_000, "2025-01-20T12:00:00-03:00"); // next week
    const payload = await buildEvaluatePayload(tenantId, late.id);
    expect(payload.userRules.currentWeekSpent).toBe(10_000);
    expect(payload.historicalData).toMatchObject({ averageTransactionAmount: 10_000, maxTransactionLast30Days: 10_000, categoryAverages: { shopping: 10_000 } });
  });

  it("90- and 30-day figures exclude the evaluated purchase and anything older than the window", async () => {
    const tenantId = await organization();
    await purchase(tenantId, 1_000_000, "2026-01-01T12:00:00-03:00"); // > 90 days before
    await purchase(tenantId, 300_000, "2026-03-15T12:00:00-03:00", "travel"); // within 90, not within 30
    await purchase(tenantId, 100_000, "2026-05-20T12:00:00-03:00", "travel");
    const t = await purchase(tenantId, 999_999, "2026-06-01T12:00:00-03:00");
    const { historicalData, userRules } = await buildEvaluatePayload(tenantId, t.id);
    expect(historicalData).toEqual({ averageTransactionAmount: 200_000, maxTransactionLast30Days: 100_000, categoryAverages: { travel: 200_000 } });
    expect(userRules.weeklyBudget).toBe(0); // no budget: 0, never null
  });

  it("Sunday 22:00 in Buenos Aires is still that Sunday's week (Monday 01:00 UTC)", async () => {
    const tenantId = await organization({ weeklyBudget: 100_000 });
    await purchase(tenantId, 20_000, "2026-11-23T10:00:00-03:00"); // Monday 23/11
    const sunday = await purchase(tenantId, 1_000, "2026-11-29T22:00:00-03:00"); // = 2026-11-30T01:00Z, a Monday in UTC
    expect((await buildEvaluatePayload(tenantId, sunday.id)).userRules.currentWeekSpent).toBe(20_000);
    // The same instants in an organization on UTC fall in different weeks.
    const utc = await organization({ weeklyBudget: 100_000, timezone: "UTC" });
    await purchase(utc, 20_000, "2026-11-23T10:00:00-03:00");
    const mondayUtc = await purchase(utc, 1_000, "2026-11-29T22:00:00-03:00");
    expect((await buildEvaluatePayload(utc, mondayUtc.id)).userRules.currentWeekSpent).toBe(0);
  });

  it("weekWindow / daysBefore: local midnights", () => {
    expect(weekWindow(new Date("2026-11-30T01:00:00Z"))).toEqual({ start: new Date("2026-11-23T03:00:00Z"), end: new Date("2026-11-30T03:00:00Z") });
    expect(weekWindow(new Date("2026-11-30T01:00:00Z"), "UTC")).toEqual({ start: new Date("2026-11-30T00:00:00Z"), end: new Date("2026-12-07T00:00:00Z") });
    // Across a DST change (Madrid, last Sunday of March): the week is 167 hours long.
    const madrid = weekWindow(new Date("2026-03-25T12:00:00Z"), "Europe/Madrid");
    expect(madrid).toEqual({ start: new Date("2026-03-22T23:00:00Z"), end: new Date("2026-03-29T22:00:00Z") });
    expect(daysBefore(new Date("2026-06-01T15:00:00Z"), 90)).toEqual(new Date("2026-03-03T03:00:00Z"));
    expect(weekWindow(new Date("2026-11-30T01:00:00Z"), "No/Such_Zone")).toEqual(weekWindow(new Date("2026-11-30T01:00:00Z")));
  });
});

describe("one currency at a time (budgets are in the organization's currency, ARS by default)", () => {
  it("an ARS purchase's week, averages and max count only ARS purchases: a USD 15.99 subscription is not 15.99 pesos", async () => {
    const tenantId = await organization({ weeklyBudget: 100_000 });
    await purchase(tenantId, 40_000, "2026-11-23T10:00:00-03:00");
    await purchase(tenantId, 15.99, "2026-11-24T10:00:00-03:00", "subscriptions", "USD");
    await purchase(tenantId, 9.99, "2026-11-24T11:00:00-03:00", "shopping", "usd");
    const t = await purchase(tenantId, 50_000, "2026-11-25T10:00:00-03:00");
    const payload = await buildEvaluatePayload(tenantId, t.id);
    expect(payload.userRules).toMatchObject({ weeklyBudget: 100_000, currentWeekSpent: 40_000 });
    expect(payload.historicalData).toEqual({ averageTransactionAmount: 40_000, maxTransactionLast30Days: 40_000, categoryAverages: { shopping: 40_000 } });
  });

  it("a USD purchase gets no budget percentage (0 = no weekly budget, no fixed ARS threshold) and figures in USD only; the local fallback raises no budget alert", async () => {
    const tenantId = await organization({ weeklyBudget: 100 });
    await db().financeProfile.update({ where: { tenantId }, data: { unusualAmountThreshold: 50 } });
    await purchase(tenantId, 90_000, "2026-11-23T10:00:00-03:00");
    await purchase(tenantId, 20, "2026-11-24T10:00:00-03:00", "subscriptions", "USD");
    const usd = await purchase(tenantId, 95, "2026-11-25T10:00:00-03:00", "shopping", "USD");
    const payload = await buildEvaluatePayload(tenantId, usd.id);
    expect(payload.userRules).toMatchObject({ weeklyBudget: 0, currentWeekSpent: 20, unusualAmountThreshold: 60 }); // 3 × the USD average
    expect(payload.historicalData).toEqual({ averageTransactionAmount: 20, maxTransactionLast30Days: 20, categoryAverages: { subscriptions: 20 } });
    const res = await callN8n({ tenantId, action: "evaluate_alerts", payload, credentials: { baseUrl: fake.url, token: TOKEN, signingSecret: SECRET, timeoutMs: 5000 } });
    expect(res.data.alerts.filter((a) => a.type.startsWith("BUDGET"))).toEqual([]);

    await saveAlerts(tenantId, usd.id, { ok: false, fallback: true, message: "AI_ERROR" });
    const alerts = await db().movementAlert.findMany({ where: { transactionId: usd.id } });
    expect(alerts.map((a) => a.type)).toEqual(["UNUSUAL_AMOUNT"]); // 95 ≥ 3 × 20; the ARS threshold (50) and budget (100) are not applied to dollars
  });
});

describe("the projection's 30-day figures", () => {
  it("sum only the organization's currency: expenses and income in USD stay out", async () => {
    const tenantId = await organization();
    await purchase(tenantId, 40_000, "2026-11-20T10:00:00-03:00");
    await purchase(tenantId, 15.99, "2026-11-21T10:00:00-03:00", "subscriptions", "USD");
    await purchase(tenantId, 10_000, "2026-10-10T10:00:00-03:00"); // the 30 days before
    await purchase(tenantId, 99, "2026-10-11T10:00:00-03:00", "shopping", "USD");
    await db().bankTransaction.create({ data: { tenantId, type: "income", amount: 500_000, currency: "ARS", merchant: "SUELDO", date: new Date("2026-11-05T10:00:00-03:00") } });
    await db().bankTransaction.create({ data: { tenantId, type: "income", amount: 300, currency: "USD", merchant: "SUELDO", date: new Date("2026-11-06T10:00:00-03:00") } });
    const { historicalData } = await buildProjectionPayload(tenantId, "monthly", new Date("2026-11-30T12:00:00-03:00"));
    expect(historicalData.expenses).toEqual({ last30Days: 40_000, byCategory: { shopping: 40_000 } });
    expect(historicalData.income).toEqual({ monthly: 500_000, sources: [{ type: "SUELDO", amount: 500_000 }] });
    expect(historicalData.trends.expenseGrowthRate).toBe(3); // (40,000 − 10,000) / 10,000
  });
});

describe("purchases with the same date", () => {
  it("only the one created earlier counts as before: neither sees the other both ways", async () => {
    const tenantId = await organization({ weeklyBudget: 100_000 });
    const first = await purchase(tenantId, 30_000, "2026-11-25T10:00:00-03:00", "shopping", "ARS", new Date("2026-11-25T13:00:01Z"));
    const second = await purchase(tenantId, 50_000, "2026-11-25T10:00:00-03:00", "shopping", "ARS", new Date("2026-11-25T13:00:02Z"));
    expect((await buildEvaluatePayload(tenantId, first.id)).userRules.currentWeekSpent).toBe(0);
    expect((await buildEvaluatePayload(tenantId, second.id)).userRules.currentWeekSpent).toBe(30_000);
    expect((await buildEvaluatePayload(tenantId, first.id)).historicalData.averageTransactionAmount).toBe(0);
  });

  it("same date and same createdAt: the id breaks the tie", async () => {
    const tenantId = await organization({ weeklyBudget: 100_000 });
    const at = new Date("2026-11-25T13:00:00Z");
    const a = await purchase(tenantId, 30_000, "2026-11-25T10:00:00-03:00", "shopping", "ARS", at);
    const b = await purchase(tenantId, 50_000, "2026-11-25T10:00:00-03:00", "shopping", "ARS", at);
    const [low, high] = a.id < b.id ? [a, b] : [b, a];
    expect((await buildEvaluatePayload(tenantId, low.id)).userRules.currentWeekSpent).toBe(0);
    expect((await buildEvaluatePayload(tenantId, high.id)).userRules.currentWeekSpent).toBe(Number(low.amount));
  });
});
