import { inngest } from "../../client";
import { exportDocumentRequested } from "../../events";
import { pushRunItem, PUSH_RETRIES } from "@/server/exports/push-document";
import { finishExportRunIfDone, MAX_PARALLEL } from "@/server/exports/run-lifecycle";

/**
 * PUSH of documents one by one (one lane of a run, or the single document of "forzar"): one
 * step per document, ONE HTTP call each (retries with backoff / Retry-After are the engine's,
 * see push-document.ts). When no document of the run is pending any more, the run's totals
 * and its export.completed / export.failed are recorded. In-flight calls per connector are
 * capped by the concurrency key.
 */
export const exportDocument = inngest.createFunction(
  {
    id: "export-document",
    name: "Exportar: documento(s) de una exportación",
    triggers: [exportDocumentRequested],
    retries: PUSH_RETRIES,
    concurrency: { limit: MAX_PARALLEL, key: "event.data.connectorId" },
    onFailure: async ({ event, step }) => {
      await step.run("finish-after-failure", () => finishExportRunIfDone(event.data.event.data.runId, event.data.event.data.documentIds));
    },
  },
  async ({ event, step, attempt }) => {
    const { runId, documentIds } = event.data;
    const counts = { SUCCESS: 0, FAILED: 0, SKIPPED: 0 };
    for (const documentId of documentIds) {
      const outcome = await step.run(`export-${documentId}`, () => pushRunItem(runId, documentId, attempt, PUSH_RETRIES + 1));
      counts[outcome.status]++;
    }
    const run = await step.run("finish-if-last", () => finishExportRunIfDone(runId));
    return { ...counts, run: run.status };
  },
);
