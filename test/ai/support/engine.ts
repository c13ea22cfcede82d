/** The parse and suggestions functions on the embedded engine in this test process (import ./engine-first first). */
import { startInProcessEngine } from "../../support/in-process-engine";

export function startAiEngine() {
  return startInProcessEngine(async () => [
    (await import("~/inngest/functions/documents/parse-document")).parseDocument,
    (await import("~/inngest/functions/ai/document-suggestions")).documentSuggestions,
  ]);
}
