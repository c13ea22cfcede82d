import { inngest } from "../../client";
import { bankEmailReceived, bankTransactionCreated } from "../../events";
import { buildParseEmailPayload, markEmailFailed, saveParsedTransaction } from "@/server/movements/transactions";
import { endRun, n8nStep } from "@/server/n8n/step";
import { N8N_RETRIES } from "./retries";

/**
 * parse-email: a stored bank e-mail → n8n → a transaction (then classify-transaction).
 * PARSE_FAILED → the e-mail waits for manual review; other failures → the e-mail is marked
 * failed with the call log's message, and the run ends FAILED (endRun) so Ejecuciones shows it.
 */
export const n8nParseEmail = inngest.createFunction(
  { id: "n8n-parse-email", name: "n8n: leer correo bancario", triggers: [bankEmailReceived], retries: N8N_RETRIES, concurrency: { limit: 5, key: "event.data.tenantId" } },
  async (ctx) => {
    const { tenantId, emailId } = ctx.event.data;
    const res = await n8nStep(ctx, "parse-email", N8N_RETRIES, async () => ({ tenantId, action: "parse_email" as const, payload: await buildParseEmailPayload(tenantId, emailId), subjectId: emailId }));
    if (!res.ok) {
      await ctx.step.run("mark-email", () => markEmailFailed(tenantId, emailId, res.outcome === "manual_review" ? "MANUAL_REVIEW" : "FAILED", res.code, res.message));
      return endRun(res, { emailId, outcome: res.outcome, code: res.code });
    }
    const saved = await ctx.step.run("save-transaction", () => saveParsedTransaction(tenantId, emailId, res.data));
    if (saved.created) await ctx.step.sendEvent("classify", bankTransactionCreated.create({ tenantId, transactionId: saved.transactionId }, { id: `classify-${saved.transactionId}` }));
    return { emailId, transactionId: saved.transactionId };
  },
);
