import { changePlanInput } from "@/lib/schemas/plans";
import { changePlan, planOverview } from "@/server/plans/manage-plan";
import { adminProcedure, createRouter } from "../trpc";

export const plansRouter = createRouter({
  overview: adminProcedure.query(({ ctx }) => planOverview(ctx.scope)),
  /** OWNER only (checked in the domain): ADMINs see the plans but may not switch. */
  change: adminProcedure.input(changePlanInput).mutation(({ ctx, input }) => changePlan(ctx.scope, input.planId)),
});
