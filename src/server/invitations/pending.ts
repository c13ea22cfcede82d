import "server-only";
import { scoped, type TenantScope } from "@/server/tenants/scope";

/** Invitations that still hold a seat: not accepted, not revoked, not expired. */
export function pendingInvitationsWhere(scope: Pick<TenantScope, "tenantId">, now = new Date()) {
  return scoped(scope, { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });
}
