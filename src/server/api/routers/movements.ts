import { z } from "zod";
import { listTransactionsInput, overrideCategoryInput, pasteEmailInput, requestProjectionInput, resolveReviewInput, updateProfileInput, uploadEmlInput } from "@/lib/schemas/movements";
import { idInput } from "@/lib/schemas/tenant";
import { dismissAlert, listAlerts, listRecommendations } from "@/server/movements/alerts";
import { listBankEmails, pasteBankEmail, reprocessBankEmail, resolveReview, uploadEml } from "@/server/movements/emails";
import { movementsAvailability } from "@/server/movements/availability";
import { rotateInboundToken } from "@/server/movements/inbound";
import { getFinanceProfile, updateFinanceProfile } from "@/server/movements/profile";
import { listProjections, requestProjection } from "@/server/movements/projections";
import { listTransactions, overrideCategory } from "@/server/movements/transactions";
import { adminProcedure, createRouter, tenantProcedure, writerProcedure } from "../trpc";

export const movementsRouter = createRouter({
  /** Whether n8n is ready: Movimientos is gated until it is. */
  availability: tenantProcedure.query(({ ctx }) => movementsAvailability(ctx.scope)),
  transactions: tenantProcedure.input(listTransactionsInput).query(({ ctx, input }) => listTransactions(ctx.scope, input)),
  emails: tenantProcedure.input(z.object({ status: z.enum(["PENDING", "PARSED", "MANUAL_REVIEW", "FAILED", "RESOLVED"]).optional() })).query(({ ctx, input }) => listBankEmails(ctx.scope, input.status)),
  alerts: tenantProcedure.query(({ ctx }) => listAlerts(ctx.scope)),
  recommendations: tenantProcedure.query(({ ctx }) => listRecommendations(ctx.scope)),
  profile: tenantProcedure.query(({ ctx }) => getFinanceProfile(ctx.scope)),
  projections: tenantProcedure.query(({ ctx }) => listProjections(ctx.scope)),

  pasteEmail: writerProcedure.input(pasteEmailInput).mutation(({ ctx, input }) => pasteBankEmail(ctx.scope, input)),
  uploadEml: writerProcedure.input(uploadEmlInput).mutation(({ ctx, input }) => uploadEml(ctx.scope, input)),
  reprocessEmail: writerProcedure.input(idInput).mutation(({ ctx, input }) => reprocessBankEmail(ctx.scope, input.id)),
  resolveReview: writerProcedure.input(resolveReviewInput).mutation(({ ctx, input }) => resolveReview(ctx.scope, input)),
  overrideCategory: writerProcedure.input(overrideCategoryInput).mutation(({ ctx, input }) => overrideCategory(ctx.scope, input)),
  dismissAlert: writerProcedure.input(idInput).mutation(({ ctx, input }) => dismissAlert(ctx.scope, input.id)),
  updateProfile: writerProcedure.input(updateProfileInput).mutation(({ ctx, input }) => updateFinanceProfile(ctx.scope, input)),
  requestProjection: writerProcedure.input(requestProjectionInput).mutation(({ ctx, input }) => requestProjection(ctx.scope, input.projectionType)),
  /** A new inbound e-mail URL (shown once; the previous one stops working). */
  rotateInboundToken: adminProcedure.mutation(({ ctx }) => rotateInboundToken(ctx.scope)),
});
