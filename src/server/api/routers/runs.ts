import { z } from "zod";
import { idInput } from "@/lib/schemas/tenant";
import { listRunsInput } from "@/lib/schemas/runs";
import { engineHealth } from "@/server/runs/engine-health";
import { getRun, listRuns, retryRun } from "@/server/runs/runs";
import { adminProcedure, createRouter, tenantProcedure } from "../trpc";

export const runsRouter = createRouter({
  list: adminProcedure.input(listRunsInput).query(({ ctx, input }) => listRuns(ctx.scope, input)),
  get: adminProcedure.input(idInput).query(({ ctx, input }) => getRun(ctx.scope, input.id)),
  retry: adminProcedure.input(idInput).mutation(({ ctx, input }) => retryRun(ctx.scope, input.id)),
  health: tenantProcedure.input(z.void()).query(() => engineHealth()),
});
