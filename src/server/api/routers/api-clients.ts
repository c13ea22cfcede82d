import { apiClientUsageInput, createApiClientInput, updateApiClientInput } from "@/lib/schemas/api-clients";
import { rotateApiClientSecretInput } from "@/lib/schemas/api-clients";
import { idInput } from "@/lib/schemas/tenant";
import { createApiClient, getApiClient, listApiClients, revokeApiClient, rotateApiClientSecret, updateApiClient } from "@/server/oauth/manage-clients";
import { apiUsage } from "@/server/oauth/usage";
import { adminProcedure, createRouter } from "../trpc";

/** API clients of the public API (admin only). Secrets are returned by create/rotateSecret only. */
export const apiClientsRouter = createRouter({
  list: adminProcedure.query(({ ctx }) => listApiClients(ctx.scope)),
  get: adminProcedure.input(idInput).query(({ ctx, input }) => getApiClient(ctx.scope, input.id)),
  create: adminProcedure.input(createApiClientInput).mutation(({ ctx, input }) => createApiClient(ctx.scope, input)),
  update: adminProcedure.input(updateApiClientInput).mutation(({ ctx, input }) => updateApiClient(ctx.scope, input)),
  rotateSecret: adminProcedure.input(rotateApiClientSecretInput).mutation(({ ctx, input }) => rotateApiClientSecret(ctx.scope, input)),
  revoke: adminProcedure.input(idInput).mutation(({ ctx, input }) => revokeApiClient(ctx.scope, input.id)),
  /** Calls per day for the chart (one client, or all when no id). */
  usage: adminProcedure.input(apiClientUsageInput).query(async ({ ctx, input }) => {
    if (input.id) await getApiClient(ctx.scope, input.id);
    return apiUsage(ctx.scope, input);
  }),
});
