import { n8nCallsInput, n8nTestInput, saveN8nSettingsInput } from "@/lib/schemas/n8n";
import { getFinanceProfile } from "@/server/movements/profile";
import { syncNow } from "@/server/movements/sync";
import { listN8nCalls } from "@/server/n8n/call-log";
import { checkN8nSetup } from "@/server/n8n/check-setup";
import { getN8nSettings, saveN8nSettings } from "@/server/n8n/settings";
import { testN8nAction } from "@/server/n8n/test-action";
import { adminProcedure, createRouter } from "../trpc";

export const n8nRouter = createRouter({
  /** Base URL, hints of the secrets (never the secrets), timeout, enabled. */
  settings: adminProcedure.query(({ ctx }) => getN8nSettings(ctx.scope)),
  saveSettings: adminProcedure.input(saveN8nSettingsInput).mutation(({ ctx, input }) => saveN8nSettings(ctx.scope, input)),
  calls: adminProcedure.input(n8nCallsInput).query(({ ctx, input }) => listN8nCalls(ctx.scope, input)),
  /** "Probar": one call of the action with the contract's sample payload; logged as a test. */
  test: adminProcedure.input(n8nTestInput).mutation(({ ctx, input }) => testN8nAction(ctx.scope, input.action)),
  /** «Revisar mi configuración»: calls the five webhooks and says which n8n setting or workflow is missing. */
  checkSetup: adminProcedure.mutation(({ ctx }) => checkN8nSetup(ctx.scope)),
  syncStatus: adminProcedure.query(async ({ ctx }) => (await getFinanceProfile(ctx.scope)).sync),
  syncNow: adminProcedure.mutation(({ ctx }) => syncNow(ctx.scope)),
});
