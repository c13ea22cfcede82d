import { inngest } from "../../client";
import { bankTransactionClassified } from "../../events";
import { buildEvaluatePayload, emailAlerts, saveAlerts } from "@/server/movements/alerts";
import { endRun, n8nStep } from "@/server/n8n/step";
import { N8N_RETRIES } from "./retries";

/**
 * evaluate-alerts: the classified transaction with the organization's rules, budgets and
 * history → alerts (in-app, and e-mail when wanted) and recommendations. Retries exhausted →
 * local rules; non-retriable failures → the transaction shows the error.
 */
export const n8nEvaluateAlerts = inngest.createFunction(
  { id: "n8n-evaluate-alerts", name: "n8n: evaluar alertas", triggers: [bankTransactionClassified], retries: N8N_RETRIES, concurrency: { limit: 1, key: "event.data.tenantId" } },
  async (ctx) => {
    const { tenantId, transactionId } = ctx.event.data;
    const res = await n8nStep(ctx, "evaluate-alerts", N8N_RETRIES, async () => ({
      tenantId,
      action: "evaluate_alerts" as const,
      payload: await buildEvaluatePayload(tenantId, transactionId),
      subjectId: transactionId,
    }));
    const saved = await ctx.step.run("save-alerts", () =>
      saveAlerts(tenantId, transactionId, res.ok ? { ok: true, data: res.data } : { ok: false, fallback: res.outcome === "exhausted", message: res.message }),
    );
    if (saved.notify) await ctx.step.run("email-alerts", () => emailAlerts(tenantId, saved.alertIds));
    return endRun(res, { transactionId, alerts: saved.alertIds.length, outcome: res.ok ? "evaluated" : res.outcome });
  },
);
