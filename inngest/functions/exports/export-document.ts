import { inngest } from "../../client";
import { exportDocumentRequested } from "../../events";
import { pushRunItem, PUSH_RETRIES } from "@/server/exports/push-document";
import { finishExportRunIfDone } from "@/server/exports/run-lifecycle";

/**
 * PUSH of one document: one step, one HTTP call (retries with backoff / Retry-After are the
 * engine's, see push-document.ts); then, if it was the run's last pending document, the run's
 * totals and event. Concurrency: one call in flight per lane of the connector.
 */
export const exportDocument = inngest.createFunction(
  {
    id: "export-document",
    name: "Exportar: un documento",
    triggers: [exportDocumentRequested],
    retries: PUSH_RETRIES,
    concurrency: { limit: 1, key: "event.data.lane" },
    onFailure: async ({ event, step }) => {
      await step.run("finish-after-failure", () => finishExportRunIfDone(event.data.event.data.runId, event.data.event.data.documentId));
    },
  },
  async ({ event, step, attempt }) => {
    const { runId, documentId } = event.data;
    const outcome = await step.run(`export-${documentId}`, () => pushRunItem(runId, documentId, attempt, PUSH_RETRIES + 1));
    const run = await step.run("finish-if-last", () => finishExportRunIfDone(runId));
    return { ...outcome, run };
  },
);
