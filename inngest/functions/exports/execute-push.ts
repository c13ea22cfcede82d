import { inngest } from "../../client";
import { exportPushRequested } from "../../events";
import { pushRunItem, PUSH_RETRIES } from "@/server/exports/push-document";
import { beginExportRun, finishExportRun, MAX_PARALLEL } from "@/server/exports/run-lifecycle";

/**
 * PUSH of a run's documents to one connector: documents go out in batches of the connector's
 * `concurrency` parallel steps, one HTTP call per step (retries with backoff / Retry-After are
 * the engine's, see push-document.ts). In-flight calls per connector are capped by the
 * concurrency key; one run at a time per connector is enforced when runs are created.
 */
export const executePush = inngest.createFunction(
  {
    id: "export-execute-push",
    name: "Exportar: documentos a un conector",
    triggers: [exportPushRequested],
    retries: PUSH_RETRIES,
    concurrency: { limit: MAX_PARALLEL, key: "event.data.connectorId" },
    onFailure: async ({ event, step }) => {
      await step.run("finish-after-failure", () => finishExportRun(event.data.event.data.runId, "La exportación se interrumpió por un error interno."));
    },
  },
  async ({ event, step, attempt }) => {
    const { documentIds, parallel } = await step.run("begin", () => beginExportRun(event.data.runId));
    for (let i = 0; i < documentIds.length; i += parallel) {
      const batch = documentIds.slice(i, i + parallel);
      await Promise.all(batch.map((documentId) => step.run(`export-${documentId}`, () => pushRunItem(event.data.runId, documentId, attempt, PUSH_RETRIES + 1))));
    }
    return step.run("finish", () => finishExportRun(event.data.runId));
  },
);
