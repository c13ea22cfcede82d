import "server-only";
import { ADMIN_ROLES } from "@/lib/roles";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { ApiCaller } from "@/server/oauth/access";

/**
 * The Webhooks screen is admin-only, and so is /api/v1/webhooks. A token always acts as a person
 * whose CURRENT role must be admin: the user who authorized it (authorization code), or, for
 * client credentials, the admin who created the API client — so a client made by an admin who was
 * later demoted (or left the organization) stops managing webhooks, though it keeps its scope.
 */
export async function assertWebhookAdmin(caller: ApiCaller): Promise<void> {
  if (caller.userId !== null) {
    if (!ADMIN_ROLES.includes(caller.scope.role)) throw new AppError("FORBIDDEN", "Solo administradores pueden administrar webhooks: el usuario que autorizó este token no lo es");
    return;
  }
  const client = await db().apiClient.findUnique({ where: { id: caller.apiClientId }, select: { createdById: true } });
  const membership = client?.createdById
    ? await db().membership.findUnique({ where: { tenantId_userId: { tenantId: caller.tenantId, userId: client.createdById } }, select: { role: true } })
    : null;
  if (!membership || !ADMIN_ROLES.includes(membership.role)) {
    throw new AppError("FORBIDDEN", "Solo administradores pueden administrar webhooks: quien creó este cliente de API ya no es administrador de la organización");
  }
}
