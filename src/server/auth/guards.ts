import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { TENANT_COOKIE, type RoleName } from "@/lib/roles";
import { listMyTenants, type MyTenant } from "@/server/tenants/memberships";
import { getSessionUser, type SessionUser } from "./session";

// Once per request: the guards and the next-intl request config (src/i18n/request.ts) share them.
const sessionUser = cache(async () => getSessionUser(await headers()));
const myTenants = cache(listMyTenants);

/** The cookie's tenant, or the first one when the cookie is missing or stale. */
async function activeOf(tenants: MyTenant[]): Promise<MyTenant | undefined> {
  const wanted = (await cookies()).get(TENANT_COOKIE)?.value;
  return tenants.find((t) => t.tenantId === wanted) ?? tenants[0];
}

/** Page guards: redirect signed-out users, send tenant-less users to create one. */
export const requireUser = cache(async (): Promise<SessionUser> => {
  const user = await sessionUser();
  if (!user) redirect("/ingresar");
  return user;
});

export type TenantContext = { user: SessionUser; tenant: MyTenant; tenants: MyTenant[] };

export const requireTenant = cache(async (): Promise<TenantContext> => {
  const user = await requireUser();
  const tenants = await myTenants(user.id);
  if (tenants.length === 0) redirect("/organizaciones/nueva");
  // A missing or stale cookie falls back to the first tenant; the page tells the browser's
  // tRPC client which tenant it shows (x-tenant-id), so both always agree.
  const tenant = (await activeOf(tenants))!;
  return { user, tenant, tenants };
});

/**
 * The active organization's time zone for every page (next-intl's `timeZone`), never redirecting:
 * signed-out pages, tenant-less users and an unreachable database get the default zone.
 */
export const activeTimeZone = cache(async (): Promise<string> => {
  try {
    const user = await sessionUser();
    return (user && (await activeOf(await myTenants(user.id)))?.timeZone) || DEFAULT_TIME_ZONE;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
});

/** 403 page (not a crash, not a redirect) when the active role may not see this page. */
export async function requireRole(roles: readonly RoleName[]): Promise<TenantContext> {
  const ctx = await requireTenant();
  if (!roles.includes(ctx.tenant.role)) forbidden();
  return ctx;
}
