import { webhookStats } from "@/server/stats/webhook-stats";
import { createRouter, tenantProcedure } from "../trpc";

export const statsRouter = createRouter({
  webhooks: tenantProcedure.query(({ ctx }) => webhookStats(ctx.scope)),
});
