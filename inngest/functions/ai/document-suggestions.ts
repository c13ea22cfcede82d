import { inngest } from "../../client";
import { documentSuggestionsRequested } from "../../events";
import { runSuggestionPart, type SuggestionPart } from "@/server/ai/suggestions/generate";

/** The parts that need a provider; the rule part is stored by the parse's save step. */
const AI_PARTS: readonly SuggestionPart[] = ["ai-classification", "ai-review"];

/**
 * A processed document's AI suggestions, asked for by parse-document only when the tenant's
 * provider has classification or review on (no run at all otherwise): one provider call per
 * step, so a retry repeats only the call that failed. Retryable AI failures (network, 429, 5xx)
 * throw and are retried; the others are recorded as "no suggestion" and the run ends.
 */
export const documentSuggestions = inngest.createFunction(
  {
    id: "ai-document-suggestions",
    name: "IA: sugerencias de documentos",
    triggers: [documentSuggestionsRequested],
    concurrency: { key: "event.data.tenantId", limit: 2 },
    retries: 4,
  },
  async ({ event, step }) => {
    const { tenantId, documentId } = event.data;
    let created = 0;
    for (const part of AI_PARTS) {
      const r = await step.run(part, () => runSuggestionPart(tenantId, documentId, part, { throwRetryable: true }));
      created += r.created;
    }
    return { documentId, created };
  },
);
