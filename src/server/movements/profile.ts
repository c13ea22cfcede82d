/**
 * The organization's finance settings (the contract's "user"): preferences, budgets, alert
 * rules, connected banks and goals. Every change requests a sync-user (debounced) once n8n is configured.
 */
import "server-only";
import type { FinanceProfile } from "@/generated/prisma/client";
import { updateProfileInput, type UpdateProfileInput } from "@/lib/schemas/movements";
import { db } from "@/server/db/client";
import type { TenantScope } from "@/server/tenants/scope";
import { movementsAvailability } from "./availability";
import { num } from "./money";
import { categoryBudgetsSchema, ensureProfile, goalsSchema } from "./profile-store";
import { requestFinanceSync } from "./sync";

export function toProfileView(p: FinanceProfile) {
  const categoryBudgets = categoryBudgetsSchema.catch({}).parse(p.categoryBudgets);
  return {
    currency: p.currency,
    timezone: p.timezone,
    language: p.language as "es" | "en",
    notificationsEnabled: p.notificationsEnabled,
    emailAlerts: p.emailAlerts,
    weeklyBudget: num(p.weeklyBudget),
    monthlyBudget: num(p.monthlyBudget),
    categoryBudgets: Object.entries(categoryBudgets).map(([category, amount]) => ({ category, amount })),
    budgetThreshold: p.budgetThreshold,
    unusualAmountMultiplier: p.unusualAmountMultiplier,
    unusualAmountThreshold: num(p.unusualAmountThreshold),
    dailyDigest: p.dailyDigest,
    instantAlerts: p.instantAlerts,
    blockedCategories: p.blockedCategories,
    connectedBanks: p.connectedBanks,
    goals: goalsSchema.catch([]).parse(p.goals),
    inboundConfigured: p.inboundTokenHash !== null,
    inboundTokenHint: p.inboundTokenHint,
    sync: { status: p.syncStatus, requestedAt: p.syncRequestedAt, lastSyncedAt: p.lastSyncedAt, lastError: p.lastSyncError, nextScheduledSync: p.nextScheduledSync },
  };
}
export type FinanceProfileView = ReturnType<typeof toProfileView>;

export async function getFinanceProfile(scope: TenantScope): Promise<FinanceProfileView> {
  return toProfileView(await ensureProfile(scope.tenantId));
}

export async function updateFinanceProfile(scope: TenantScope, raw: UpdateProfileInput): Promise<FinanceProfileView> {
  const input = updateProfileInput.parse(raw);
  await ensureProfile(scope.tenantId);
  const categoryBudgets = Object.fromEntries(input.categoryBudgets.map((b) => [b.category, b.amount]));
  // Without n8n there is nothing to sync yet: the first configuration sends these settings.
  const n8nReady = (await movementsAvailability(scope)).n8n === "ready";
  const requestedAt = new Date();
  const saved = await db().financeProfile.update({
    where: { tenantId: scope.tenantId },
    data: {
      currency: input.currency,
      timezone: input.timezone,
      language: input.language,
      notificationsEnabled: input.notificationsEnabled,
      emailAlerts: input.emailAlerts,
      weeklyBudget: input.weeklyBudget,
      monthlyBudget: input.monthlyBudget,
      categoryBudgets,
      budgetThreshold: input.budgetThreshold,
      unusualAmountMultiplier: input.unusualAmountMultiplier,
      unusualAmountThreshold: input.unusualAmountThreshold,
      dailyDigest: input.dailyDigest,
      instantAlerts: [...new Set(input.instantAlerts)],
      blockedCategories: [...new Set(input.blockedCategories)],
      connectedBanks: [...new Set(input.connectedBanks)],
      goals: input.goals,
      ...(n8nReady ? { syncStatus: "PENDING" as const, syncRequestedAt: requestedAt } : {}),
    },
  });
  if (n8nReady) await requestFinanceSync(scope.tenantId, requestedAt);
  return toProfileView(saved);
}
