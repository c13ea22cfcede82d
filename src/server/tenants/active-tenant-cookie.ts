import { TENANT_COOKIE } from "@/lib/roles";

/** The Set-Cookie value that makes `tenantId` the active tenant of this browser. */
export function activeTenantCookie(tenantId: string): string {
  return `${TENANT_COOKIE}=${encodeURIComponent(tenantId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}`;
}
