import { inngest } from "../../client";
import { bankTransactionClassified, bankTransactionCreated } from "../../events";
import { buildClassifyPayload, saveClassification } from "@/server/movements/transactions";
import { endRun, n8nStep } from "@/server/n8n/step";
import { N8N_RETRIES } from "./retries";

/**
 * classify-transaction: category, subcategory, recurring, tags and alternatives for a new
 * transaction. AI_ERROR (or other retriable trouble) after the retries → a local rule picks the
 * category (FALLBACK); AUTH_FAILED/INVALID_PAYLOAD/invalid answers → FAILED with the message.
 * Then evaluate-alerts runs for it.
 */
export const n8nClassifyTransaction = inngest.createFunction(
  { id: "n8n-classify-transaction", name: "n8n: clasificar movimiento", triggers: [bankTransactionCreated], retries: N8N_RETRIES, concurrency: { limit: 5, key: "event.data.tenantId" } },
  async (ctx) => {
    const { tenantId, transactionId } = ctx.event.data;
    const res = await n8nStep(ctx, "classify-transaction", N8N_RETRIES, async () => ({
      tenantId,
      action: "classify_transaction" as const,
      payload: await buildClassifyPayload(tenantId, transactionId),
      subjectId: transactionId,
    }));
    const saved = await ctx.step.run("save-classification", () =>
      saveClassification(tenantId, transactionId, res.ok ? { ok: true, data: res.data } : { ok: false, fallback: res.outcome === "exhausted", message: res.message }),
    );
    if (saved.evaluate) await ctx.step.sendEvent("evaluate-alerts", bankTransactionClassified.create({ tenantId, transactionId }, { id: `alerts-${transactionId}` }));
    return endRun(res, { transactionId, category: saved.category, outcome: res.ok ? "classified" : res.outcome });
  },
);
