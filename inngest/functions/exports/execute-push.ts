import { inngest } from "../../client";
import { exportDocumentRequested, exportPushRequested } from "../../events";
import { beginExportRun, finishExportRun } from "@/server/exports/run-lifecycle";

/**
 * PUSH of a run's documents to one connector: skips what is already exported (same version,
 * not forced), then splits the rest over the connector's `concurrency` lanes — one
 * `exportDocument` run per lane, exporting its documents one by one, so the connector never
 * has more than `concurrency` calls in flight. Event ids are derived from (run, lane), so a
 * re-executed fan-out starts nothing twice. The last lane to finish closes the run.
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
    const lanes = Array.from({ length: Math.min(parallel, documentIds.length) }, (_, lane) => documentIds.filter((_, i) => i % parallel === lane));
    await step.sendEvent(
      "export-lanes",
      lanes.map((ids, lane) => exportDocumentRequested.create({ tenantId, connectorId, runId, documentIds: ids, lane }, { id: `export-lane-${runId}-${lane}` })),
    );
    return { documents: documentIds.length, lanes: lanes.length };
  },
);
