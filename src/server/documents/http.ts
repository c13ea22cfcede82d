import "server-only";
import { getSessionUser } from "@/server/auth/session";
import { DB_RETRY_AFTER_SECONDS, DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/availability";
import { AppError, isAppError } from "@/server/errors";
import { requestLocale } from "@/server/i18n/request-locale";
import { serverText } from "@/server/i18n/server-text";
import { logger } from "@/server/log/logger";
import { scopeForMembership } from "@/server/clients/access";
import { resolveMembership } from "@/server/tenants/memberships";
import type { TenantScope } from "@/server/tenants/scope";
import { TENANT_COOKIE } from "@/lib/roles";

const log = logger.child({ module: "documents-http" });

function cookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/**
 * The scope of a browser request to a documents route, like tRPC's context: the session user,
 * and the tenant from `x-tenant-id`, the `tenant` query parameter (iframes cannot send headers)
 * or the `cf_tenant` cookie. Not a member → NOT_FOUND.
 */
export async function scopeFromRequest(request: Request): Promise<TenantScope> {
  const user = await getSessionUser(request.headers);
  if (!user) throw new AppError("UNAUTHORIZED", "Iniciá sesión para continuar");
  const requested = request.headers.get("x-tenant-id") ?? new URL(request.url).searchParams.get("tenant") ?? cookie(request.headers, TENANT_COOKIE);
  const membership = await resolveMembership(user.id, requested);
  if (!membership) throw AppError.notFound("Organización");
  return scopeForMembership(membership, user.id);
}

/**
 * AppError → its status and `{ error: { code, message, fieldErrors } }`; an unreachable database
 * → 503 with Retry-After; anything else → 500. Messages are in the request's language
 * (src/server/i18n/request-locale.ts) when `request` is given, Spanish otherwise.
 */
export function errorResponse(err: unknown, request?: Request): Response {
  const locale = request ? requestLocale(request.headers) : "es-AR";
  const tr = (text: string) => serverText(text, locale);
  if (isDatabaseUnavailable(err)) err = new AppError("UNAVAILABLE", DB_UNAVAILABLE_MESSAGE, undefined, { cause: err });
  if (isAppError(err)) {
    const headers: Record<string, string> = err.status === 503 ? { "retry-after": String(DB_RETRY_AFTER_SECONDS) } : {};
    return Response.json({ error: { code: err.code, message: tr(err.message), fieldErrors: translateFields(err.fieldErrors, tr) } }, { status: err.status, headers });
  }
  log.error({ err }, "documents route failed");
  return Response.json({ error: { code: "INTERNAL", message: tr("Error interno: probá de nuevo en un momento"), fieldErrors: null } }, { status: 500 });
}

function translateFields(fields: Readonly<Record<string, readonly string[]>> | undefined, tr: (text: string) => string): Record<string, string[]> | null {
  if (!fields) return null;
  return Object.fromEntries(Object.entries(fields).map(([k, list]) => [k, list.map(tr)]));
}
