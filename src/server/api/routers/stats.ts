import { activityStats } from "@/server/stats/activity-stats";
import { webhookStats } from "@/server/stats/webhook-stats";
import { createRouter, tenantProcedure } from "../trpc";

export const statsRouter = createRouter({
  webhooks: tenantProcedure.query(({ ctx }) => webhookStats(ctx.scope)),
  activity: tenantProcedure.query(({ ctx }) => activityStats(ctx.scope)),
});
