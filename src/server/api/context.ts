import "server-only";
import { getSessionUser, type SessionUser } from "@/server/auth/session";
import { TENANT_COOKIE } from "@/lib/roles";

export type Context = {
  headers: Headers;
  /** Response headers (e.g. Set-Cookie when switching tenants). */
  resHeaders: Headers;
  user: SessionUser | null;
  /** Tenant the client asked to act in (cookie, or `x-tenant-id` for API clients). */
  requestedTenantId: string | null;
};

function readCookie(headers: Headers, name: string): string | null {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

export async function createContext({ headers, resHeaders = new Headers() }: { headers: Headers; resHeaders?: Headers }): Promise<Context> {
  return {
    headers,
    resHeaders,
    user: await getSessionUser(headers),
    requestedTenantId: headers.get("x-tenant-id") ?? readCookie(headers, TENANT_COOKIE),
  };
}
