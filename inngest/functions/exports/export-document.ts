import { inngest } from "../../client";
import { exportDocumentRequested } from "../../events";
import { pushRunItem, PUSH_RETRIES } from "@/server/exports/push-document";
import { beginExportRun, finishExportRun, MAX_PARALLEL } from "@/server/exports/run-lifecycle";

/** PUSH of one document (a run with one item): the same step as executePush's. */
export const exportDocument = inngest.createFunction(
  {
    id: "export-document",
    name: "Exportar: un documento",
    triggers: [exportDocumentRequested],
    retries: PUSH_RETRIES,
    concurrency: { limit: MAX_PARALLEL, key: "event.data.connectorId" },
    onFailure: async ({ event, step }) => {
      await step.run("finish-after-failure", () => finishExportRun(event.data.event.data.runId, "La exportación se interrumpió por un error interno."));
    },
  },
  async ({ event, step, attempt }) => {
    const { documentIds } = await step.run("begin", () => beginExportRun(event.data.runId));
    const [documentId] = documentIds;
    if (documentId) await step.run(`export-${documentId}`, () => pushRunItem(event.data.runId, documentId, attempt, PUSH_RETRIES + 1));
    return step.run("finish", () => finishExportRun(event.data.runId));
  },
);
