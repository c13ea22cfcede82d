import { createTenantInput, updateTenantInput } from "@/lib/schemas/tenant";
import { createTenant } from "@/server/tenants/create-tenant";
import { listMyTenants } from "@/server/tenants/memberships";
import { getTenant, renameTenant } from "@/server/tenants/tenant-settings";
import { adminProcedure, authedProcedure, createRouter, tenantProcedure } from "../trpc";

export const tenantRouter = createRouter({
  mine: authedProcedure.query(({ ctx }) => listMyTenants(ctx.user.id)),
  create: authedProcedure.input(createTenantInput).mutation(({ ctx, input }) => createTenant(ctx.user.id, input)),
  current: tenantProcedure.query(({ ctx }) => getTenant(ctx.scope)),
  rename: adminProcedure.input(updateTenantInput).mutation(({ ctx, input }) => renameTenant(ctx.scope, input.name)),
});
