import "server-only";
import { TRPCError } from "@trpc/server";
import { getSessionUser, type SessionUser } from "@/server/auth/session";
import { isAppError } from "@/server/errors";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from "@/i18n/config";
import { TENANT_COOKIE } from "@/lib/roles";

export type Context = {
  headers: Headers;
  /** Response headers (e.g. Set-Cookie when switching tenants). */
  resHeaders: Headers;
  user: SessionUser | null;
  /** Tenant the client asked to act in (cookie, or `x-tenant-id` for API clients). */
  requestedTenantId: string | null;
  /** The reader's language (the locale cookie): server messages and formatted values follow it. */
  locale: Locale;
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

/** The locale cookie, else the default (es-AR). */
export function localeOf(headers: Headers): Locale {
  const fromCookie = readCookie(headers, LOCALE_COOKIE) ?? undefined;
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}

export async function createContext({ headers, resHeaders = new Headers() }: { headers: Headers; resHeaders?: Headers }): Promise<Context> {
  let user: SessionUser | null;
  try {
    user = await getSessionUser(headers);
  } catch (err) {
    // Context errors skip the procedures' error conversion: an unreachable database is 503 here too.
    if (isAppError(err) && err.code === "UNAVAILABLE") throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: err.message, cause: err });
    throw err;
  }
  return {
    headers,
    resHeaders,
    user,
    requestedTenantId: headers.get("x-tenant-id") ?? readCookie(headers, TENANT_COOKIE),
    locale: localeOf(headers),
  };
}
