import { z } from "zod";
import { narrowToClient } from "@/server/clients/access";
import { activityStats } from "@/server/stats/activity-stats";
import { webhookStats } from "@/server/stats/webhook-stats";
import { createRouter, tenantProcedure } from "../trpc";

export const statsRouter = createRouter({
  webhooks: tenantProcedure.query(({ ctx }) => webhookStats(ctx.scope)),
  /** The panel; `cliente` (a client's CUIT) narrows it to that client's documents. */
  activity: tenantProcedure.input(z.object({ cliente: z.string().regex(/^\d{11}$/).optional() }).optional()).query(({ ctx, input }) => activityStats(narrowToClient(ctx.scope, input?.cliente))),
});
