import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { TENANT_COOKIE, type RoleName } from "@/lib/roles";
import { listMyTenants, type MyTenant } from "@/server/tenants/memberships";
import { getSessionUser, type SessionUser } from "./session";

/** Page guards: redirect signed-out users, send tenant-less users to create one. */
export const requireUser = cache(async (): Promise<SessionUser> => {
  const user = await getSessionUser(await headers());
  if (!user) redirect("/ingresar");
  return user;
});

export type TenantContext = { user: SessionUser; tenant: MyTenant; tenants: MyTenant[] };

export const requireTenant = cache(async (): Promise<TenantContext> => {
  const user = await requireUser();
  const tenants = await listMyTenants(user.id);
  if (tenants.length === 0) redirect("/organizaciones/nueva");
  const wanted = (await cookies()).get(TENANT_COOKIE)?.value;
  // A missing or stale cookie falls back to the first tenant; the page tells the browser's
  // tRPC client which tenant it shows (x-tenant-id), so both always agree.
  const tenant = tenants.find((t) => t.tenantId === wanted) ?? tenants[0]!;
  return { user, tenant, tenants };
});

/** 403 page (not a crash, not a redirect) when the active role may not see this page. */
export async function requireRole(roles: readonly RoleName[]): Promise<TenantContext> {
  const ctx = await requireTenant();
  if (!roles.includes(ctx.tenant.role)) forbidden();
  return ctx;
}
