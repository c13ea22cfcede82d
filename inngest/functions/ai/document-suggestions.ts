import { inngest } from "../../client";
import { domainEventRecorded } from "../../events";
import { processedDocumentIds } from "@/server/ai/suggestions/processed-documents";
import { SUGGESTION_PARTS, runSuggestionPart } from "@/server/ai/suggestions/generate";

/**
 * After a document is processed (the outbox's `document.processed`), compute its suggestions:
 * rule-based anomalies first (no provider needed), then the AI parts — one provider call per
 * step, so a retry repeats only the call that failed. Retryable AI failures (network, 429,
 * 5xx) throw and are retried; the others are recorded as "no suggestion" and the run ends.
 */
export const documentSuggestions = inngest.createFunction(
  {
    id: "ai-document-suggestions",
    name: "IA: sugerencias de documentos",
    triggers: [{ event: domainEventRecorded, if: "'document.processed' in event.data.types" }],
    concurrency: { key: "event.data.tenantId", limit: 2 },
    retries: 4,
  },
  async ({ event, step }) => {
    const { tenantId, documentIds } = await step.run("processed-documents", () => processedDocumentIds(event.data));
    const results: { documentId: string; created: number }[] = [];
    for (const documentId of documentIds) {
      let created = 0;
      for (const part of SUGGESTION_PARTS) {
        const r = await step.run(`${part}-${documentId}`, () => runSuggestionPart(tenantId, documentId, part, { throwRetryable: true }));
        created += r.created;
      }
      results.push({ documentId, created });
    }
    return { documents: results };
  },
);
