import { inngest } from "../../client";
import { projectionRequested } from "../../events";
import { buildProjectionPayload, createWeeklyProjections, projectionTypeOf, saveProjection } from "@/server/movements/projections";
import { endRun, n8nStep } from "@/server/n8n/step";
import { N8N_RETRIES } from "./retries";

/** financial-projection for one projection row (on demand or weekly). */
export const n8nFinancialProjection = inngest.createFunction(
  { id: "n8n-financial-projection", name: "n8n: proyección financiera", triggers: [projectionRequested], retries: N8N_RETRIES, concurrency: { limit: 2, key: "event.data.tenantId" } },
  async (ctx) => {
    const { tenantId, projectionId } = ctx.event.data;
    const res = await n8nStep(ctx, "financial-projection", N8N_RETRIES, async () => ({
      tenantId,
      action: "financial_projection" as const,
      payload: await buildProjectionPayload(tenantId, await projectionTypeOf(tenantId, projectionId)),
      subjectId: projectionId,
    }));
    await ctx.step.run("save-projection", () => saveProjection(tenantId, projectionId, res.ok ? { ok: true, data: res.data } : { ok: false, message: res.message }));
    return endRun(res, { projectionId, outcome: res.ok ? "ready" : res.outcome });
  },
);

/** Every Monday morning: a weekly projection for each organization with n8n enabled. */
export const n8nWeeklyProjections = inngest.createFunction(
  { id: "n8n-weekly-projections", name: "n8n: proyecciones semanales", triggers: [{ cron: "TZ=America/Argentina/Buenos_Aires 0 7 * * 1" }] },
  async ({ step }) => {
    const created = await step.run("create-projections", () => createWeeklyProjections());
    if (created.length > 0) await step.sendEvent("request-projections", created.map((c) => projectionRequested.create(c, { id: `projection-${c.projectionId}` })));
    return { projections: created.length };
  },
);
