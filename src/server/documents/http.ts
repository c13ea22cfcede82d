import "server-only";
import { getSessionUser } from "@/server/auth/session";
import { AppError, isAppError } from "@/server/errors";
import { logger } from "@/server/log/logger";
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
  return { tenantId: membership.tenantId, userId: user.id, role: membership.role };
}

/** AppError → its status and `{ error: { code, message, fieldErrors } }`; anything else → 500. */
export function errorResponse(err: unknown): Response {
  if (isAppError(err)) return Response.json({ error: { code: err.code, message: err.message, fieldErrors: err.fieldErrors ?? null } }, { status: err.status });
  log.error({ err }, "documents route failed");
  return Response.json({ error: { code: "INTERNAL", message: "Error interno: probá de nuevo en un momento", fieldErrors: null } }, { status: 500 });
}
