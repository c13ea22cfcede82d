import type { ConnectorDirection } from "@/generated/prisma/client";
import { fixStagedInput, stagedListInput, startSyncInput, syncRunInput } from "@/lib/schemas/sync";
import { idInput } from "@/lib/schemas/tenant";
import { db } from "@/server/db/client";
import { discardStaged, fixAndImport, listStagedRecords, listSuppliers } from "@/server/sync/review";
import { getSyncRun, listSyncRuns, resumeSync, startSync } from "@/server/sync/runs";
import { scoped } from "@/server/tenants/scope";
import { adminProcedure, createRouter } from "../trpc";

export const syncRouter = createRouter({
  /** PULL and BIDIRECTIONAL connectors. */
  connectors: adminProcedure.query(({ ctx }) =>
    db().apiConnector.findMany({ where: scoped(ctx.scope, { direction: { in: ["PULL", "BIDIRECTIONAL"] as ConnectorDirection[] } }), select: { id: true, name: true, direction: true, enabled: true, pullSchedule: true, scheduleTimezone: true }, orderBy: { name: "asc" } }),
  ),
  start: adminProcedure.input(startSyncInput).mutation(({ ctx, input }) => startSync(ctx.scope, input.connectorId)),
  resume: adminProcedure.input(syncRunInput).mutation(({ ctx, input }) => resumeSync(ctx.scope, input.runId)),
  runs: adminProcedure.query(({ ctx }) => listSyncRuns(ctx.scope)),
  run: adminProcedure.input(syncRunInput).query(({ ctx, input }) => getSyncRun(ctx.scope, input.runId)),
  staged: adminProcedure.input(stagedListInput).query(({ ctx, input }) => listStagedRecords(ctx.scope, input)),
  fixAndImport: adminProcedure.input(fixStagedInput).mutation(({ ctx, input }) => fixAndImport(ctx.scope, input)),
  discard: adminProcedure.input(idInput).mutation(({ ctx, input }) => discardStaged(ctx.scope, input.id)),
  suppliers: adminProcedure.query(({ ctx }) => listSuppliers(ctx.scope)),
});
