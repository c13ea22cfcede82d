/**
 * sync-user: the organization's finance settings go to n8n whenever they change. Requests are
 * debounced per tenant: each change stamps `syncRequestedAt` and sends an event; the function
 * waits a little and only the newest request calls n8n (see inngest/functions/n8n/sync-user.ts).
 */
import "server-only";
import { inngest } from "~/inngest/client";
import { financeSyncRequested } from "~/inngest/events";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import type { N8nData, N8nPayload } from "@/server/n8n/contract";
import type { TenantScope } from "@/server/tenants/scope";
import { num } from "./money";
import { categoryBudgetsSchema, ensureProfile } from "./profile-store";

const log = logger.child({ module: "movements-sync" });

/** Marks the profile as pending and asks for a sync. Never throws: the change is saved already. */
export async function requestFinanceSync(tenantId: string, requestedAt: Date): Promise<void> {
  try {
    await inngest.send(financeSyncRequested.create({ tenantId, requestedAt: requestedAt.toISOString() }));
  } catch (err) {
    log.warn({ err, tenantId }, "could not request a sync-user; «Sincronizar ahora» retries it");
  }
}

/**
 * Changes n8n's copy of the organization should follow besides a settings save: n8n configured
 * for the first time, a member joined (invitation accepted), changed role or was removed.
 * Stamped and debounced like a save; nothing to do while n8n is not configured or is off.
 * Never throws: the change itself is saved already.
 */
export async function requestSyncOnChange(tenantId: string, reason: "n8n-configured" | "member-joined" | "member-role-changed" | "member-removed"): Promise<void> {
  try {
    const n8n = await db().n8nSettings.findUnique({ where: { tenantId }, select: { enabled: true } });
    if (!n8n?.enabled) return;
    await ensureProfile(tenantId);
    const requestedAt = new Date();
    await db().financeProfile.update({ where: { tenantId }, data: { syncStatus: "PENDING", syncRequestedAt: requestedAt } });
    await requestFinanceSync(tenantId, requestedAt);
  } catch (err) {
    log.warn({ err, tenantId, reason }, "could not request a sync-user after a change; «Sincronizar ahora» does it");
  }
}

/** "Sincronizar ahora" (n8n page), also for a sync that could not be requested. */
export async function syncNow(scope: TenantScope) {
  await ensureProfile(scope.tenantId);
  const requestedAt = new Date();
  await db().financeProfile.update({ where: { tenantId: scope.tenantId }, data: { syncStatus: "PENDING", syncRequestedAt: requestedAt } });
  await requestFinanceSync(scope.tenantId, requestedAt);
  return { requestedAt };
}

/** Whether `requestedAt` is still the newest request (older ones are superseded: debounce). */
export async function isLatestSyncRequest(tenantId: string, requestedAt: string): Promise<boolean> {
  const p = await db().financeProfile.findUnique({ where: { tenantId }, select: { syncRequestedAt: true } });
  return !!p?.syncRequestedAt && p.syncRequestedAt.toISOString() === requestedAt;
}

export async function buildSyncPayload(tenantId: string): Promise<N8nPayload<"sync_user">> {
  const p = await ensureProfile(tenantId);
  return {
    syncType: "full",
    userData: {
      preferences: { currency: p.currency, timezone: p.timezone, language: p.language, notificationsEnabled: p.notificationsEnabled },
      // 0 = no budget of that kind: the contract has numbers here, never null (docs/n8n/README.md).
      budgets: { weekly: num(p.weeklyBudget) ?? 0, monthly: num(p.monthlyBudget) ?? 0, byCategory: categoryBudgetsSchema.catch({}).parse(p.categoryBudgets) },
      alertRules: { budgetThreshold: p.budgetThreshold, unusualAmountMultiplier: p.unusualAmountMultiplier, dailyDigest: p.dailyDigest, instantAlerts: p.instantAlerts },
      connectedBanks: p.connectedBanks,
    },
  };
}

export async function recordSyncResult(tenantId: string, requestedAt: string, result: { ok: true; data: N8nData<"sync_user"> } | { ok: false; message: string }) {
  // A newer request may have come in meanwhile: then the status stays PENDING for it.
  const where = { tenantId, syncRequestedAt: new Date(requestedAt) };
  if (result.ok) {
    const next = result.data.nextScheduledSync ? new Date(result.data.nextScheduledSync) : null;
    await db().financeProfile.updateMany({ where, data: { syncStatus: "SYNCED", lastSyncedAt: new Date(), lastSyncError: null, nextScheduledSync: next } });
  } else {
    await db().financeProfile.updateMany({ where, data: { syncStatus: "FAILED", lastSyncError: result.message.slice(0, 1000) } });
  }
}
