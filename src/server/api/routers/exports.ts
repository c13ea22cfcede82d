import type { ConnectorDirection } from "@/generated/prisma/client";
import { z } from "zod";
import { connectorFitInput, connectorStatsInput, downloadInput, exportOneInput, exportRunInput, listExportDocumentsInput, startExportInput } from "@/lib/schemas/exports";
import { db } from "@/server/db/client";
import { connectorFit } from "@/server/exports/connector-fit";
import { getExportRun, listExportRuns } from "@/server/exports/runs";
import { listExportDocuments, selectedDocuments } from "@/server/exports/select-documents";
import { exportOne, startExport } from "@/server/exports/start-export";
import { connectorExportStats } from "@/server/exports/stats";
import { scoped } from "@/server/tenants/scope";
import { adminProcedure, createRouter, tenantProcedure, writerProcedure } from "../trpc";

export const exportsRouter = createRouter({
  /** The dropdown: enabled PUSH and BIDIRECTIONAL connectors only. */
  connectors: tenantProcedure.query(({ ctx }) =>
    db().apiConnector.findMany({ where: scoped(ctx.scope, { enabled: true, direction: { in: ["PUSH", "BIDIRECTIONAL"] as ConnectorDirection[] } }), select: { id: true, name: true, direction: true }, orderBy: { name: "asc" } }),
  ),
  documents: tenantProcedure.input(listExportDocumentsInput).query(({ ctx, input }) => listExportDocuments(ctx.scope, input)),
  /** Which rows the picked connector would refuse, and why (shown before exporting). */
  connectorFit: tenantProcedure.input(connectorFitInput).query(({ ctx, input }) => connectorFit(ctx.scope, input.connectorId, input.documentIds)),
  /** JSON/CSV download of a selection (the client builds the file). */
  download: tenantProcedure.input(downloadInput).query(({ ctx, input }) => selectedDocuments(ctx.scope, input.selection)),
  start: writerProcedure.input(startExportInput).mutation(({ ctx, input }) => startExport(ctx.scope, input)),
  exportOne: writerProcedure.input(exportOneInput).mutation(({ ctx, input }) => exportOne(ctx.scope, input)),
  run: tenantProcedure.input(exportRunInput).query(({ ctx, input }) => getExportRun(ctx.scope, input.runId)),
  runs: tenantProcedure.input(z.object({ connectorId: z.string().optional() }).optional()).query(({ ctx, input }) => listExportRuns(ctx.scope, input?.connectorId)),
  stats: adminProcedure.input(connectorStatsInput).query(({ ctx, input }) => connectorExportStats(ctx.scope, input.connectorId, input.days)),
});
