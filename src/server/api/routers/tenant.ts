import { createTenantInput, setTimeZoneInput, switchTenantInput, updateTenantInput } from "@/lib/schemas/tenant";
import { AppError } from "@/server/errors";
import { activeTenantCookie } from "@/server/tenants/active-tenant-cookie";
import { createTenant } from "@/server/tenants/create-tenant";
import { listMyTenants, resolveMembership } from "@/server/tenants/memberships";
import { getTenant, renameTenant } from "@/server/tenants/tenant-settings";
import { setTenantTimeZone } from "@/server/tenants/time-zone";
import { adminProcedure, authedProcedure, createRouter, tenantProcedure } from "../trpc";

export const tenantRouter = createRouter({
  mine: authedProcedure.query(({ ctx }) => listMyTenants(ctx.user.id)),
  create: authedProcedure.input(createTenantInput).mutation(async ({ ctx, input }) => {
    const tenant = await createTenant(ctx.user.id, input);
    ctx.resHeaders.append("set-cookie", activeTenantCookie(tenant.id));
    return tenant;
  }),
  switch: authedProcedure.input(switchTenantInput).mutation(async ({ ctx, input }) => {
    const membership = await resolveMembership(ctx.user.id, input.tenantId);
    if (!membership) throw AppError.notFound("Organización");
    ctx.resHeaders.append("set-cookie", activeTenantCookie(membership.tenantId));
    return membership;
  }),
  current: tenantProcedure.query(({ ctx }) => getTenant(ctx.scope)),
  rename: adminProcedure.input(updateTenantInput).mutation(({ ctx, input }) => renameTenant(ctx.scope, input.name)),
  setTimeZone: adminProcedure.input(setTimeZoneInput).mutation(({ ctx, input }) => setTenantTimeZone(ctx.scope, input.timeZone)),
});
