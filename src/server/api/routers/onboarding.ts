import { dismissChecklist, getChecklist } from "@/server/onboarding/checklist";
import { navAttention } from "@/server/onboarding/attention";
import { loadSamples, removeSamples } from "@/server/onboarding/samples";
import { adminProcedure, createRouter, tenantProcedure, writerProcedure } from "../trpc";

export const onboardingRouter = createRouter({
  checklist: tenantProcedure.query(({ ctx }) => getChecklist(ctx.scope)),
  dismiss: adminProcedure.mutation(({ ctx }) => dismissChecklist(ctx.scope)),
  loadSamples: writerProcedure.mutation(({ ctx }) => loadSamples(ctx.scope)),
  removeSamples: writerProcedure.mutation(({ ctx }) => removeSamples(ctx.scope)),
  attention: tenantProcedure.query(({ ctx }) => navAttention(ctx.scope)),
});
