import { env } from "@/env";
import { TENANT_COOKIE } from "@/lib/roles";

/** The Set-Cookie value that makes `tenantId` the active tenant of this browser (Secure under https). */
export function activeTenantCookie(tenantId: string): string {
  const secure = new URL(env().APP_URL).protocol === "https:" ? "; Secure" : "";
  return `${TENANT_COOKIE}=${encodeURIComponent(tenantId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}${secure}`;
}
