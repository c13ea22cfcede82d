import { inngest } from "../../client";
import { exportDocumentRequested, exportPushRequested } from "../../events";
import { beginExportRun, finishExportRun } from "@/server/exports/run-lifecycle";

/**
 * PUSH of a run's documents to one connector: skips what is already exported (same version,
 * not forced), then hands each remaining document to its own `exportDocument` run, spread over
 * the connector's `concurrency` lanes (one call in flight per lane). Event ids are derived from
 * (run, document), so a re-executed fan-out starts nothing twice. The last document's run
 * closes the run (totals and export.completed / export.failed).
 */
export const executePush = inngest.createFunction(
  {
    id: "export-execute-push",
    name: "Exportar: documentos a un conector",
    triggers: [exportPushRequested],
    retries: 4,
    onFailure: async ({ event, step }) => {
      await step.run("finish-after-failure", () => finishExportRun(event.data.event.data.runId, "La exportación se interrumpió por un error interno."));
    },
  },
  async ({ event, step }) => {
    const { runId, connectorId, tenantId } = event.data;
    const { documentIds, parallel } = await step.run("begin", () => beginExportRun(runId));
    if (documentIds.length === 0) return step.run("finish", () => finishExportRun(runId));
    for (let i = 0; i < documentIds.length; i += 500) {
      await step.sendEvent(
        `export-documents-${i}`,
        documentIds.slice(i, i + 500).map((documentId, j) =>
          exportDocumentRequested.create({ tenantId, connectorId, runId, documentId, lane: `${connectorId}:${(i + j) % parallel}` }, { id: `export-item-${runId}-${documentId}` }),
        ),
      );
    }
    return { documents: documentIds.length, lanes: parallel };
  },
);
