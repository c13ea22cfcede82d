import { inngest } from "../../client";
import { financeSyncRequested } from "../../events";
import { buildSyncPayload, isLatestSyncRequest, recordSyncResult } from "@/server/movements/sync";
import { endRun, n8nStep } from "@/server/n8n/step";
import { N8N_RETRIES } from "./retries";

export const SYNC_DEBOUNCE = "3s";

/**
 * sync-user, debounced per organization: `debounce` runs only the last of a burst of changes;
 * the sleep + "is this still the newest request?" check also drops a run that a later change
 * (or "sincronizar ahora") has superseded, so a burst of edits makes ONE call with the final state.
 */
export const n8nSyncUser = inngest.createFunction(
  {
    id: "n8n-sync-user",
    name: "n8n: sincronizar configuración",
    triggers: [financeSyncRequested],
    retries: N8N_RETRIES,
    debounce: { key: "event.data.tenantId", period: SYNC_DEBOUNCE },
    concurrency: { limit: 1, key: "event.data.tenantId" },
  },
  async (ctx) => {
    const { tenantId, requestedAt } = ctx.event.data;
    await ctx.step.sleep("debounce", SYNC_DEBOUNCE);
    const latest = await ctx.step.run("still-latest", () => isLatestSyncRequest(tenantId, requestedAt));
    if (!latest) return { skipped: "superseded" };
    const res = await n8nStep(ctx, "sync-user", N8N_RETRIES, async () => ({ tenantId, action: "sync_user" as const, payload: await buildSyncPayload(tenantId), subjectId: tenantId }));
    await ctx.step.run("save-status", () => recordSyncResult(tenantId, requestedAt, res.ok ? { ok: true, data: res.data } : { ok: false, message: res.message }));
    return endRun(res, { outcome: res.ok ? "synced" : res.outcome });
  },
);
