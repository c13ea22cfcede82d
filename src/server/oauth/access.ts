import "server-only";
import { db } from "@/server/db/client";
import type { ApiScope } from "@/lib/schemas/api-clients";
import type { RoleName } from "@/lib/roles";
import type { TenantScope } from "@/server/tenants/scope";
import { scopesForRole } from "./scopes";
import { sha256Hex } from "./tokens";

/** Who is calling the public API, resolved from a bearer token on every request. */
export type ApiCaller = {
  apiClientId: string;
  clientId: string;
  tenantId: string;
  /** The user the client acts for, or null for client credentials. */
  userId: string | null;
  scopes: ApiScope[];
  /** The scope domain functions get. */
  scope: TenantScope;
};

export type AccessFailure = { reason: "missing" | "invalid" };

/** Machine clients act with writer rights (never admin) as the admin who created the client. */
const CLIENT_ROLE: RoleName = "ACCOUNTANT";
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Validates `Authorization: Bearer …`: a live access token of a live client; for user tokens
 * the user must still be a member (their current role caps the scopes). The effective scopes
 * are the token's, narrowed to what the client still has.
 */
export async function verifyAccessToken(authorization: string | null): Promise<ApiCaller | AccessFailure> {
  const match = authorization?.match(/^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i);
  if (!match) return { reason: "missing" };
  const row = await db().oAuthToken.findUnique({
    where: { tokenHash: sha256Hex(match[1]!) },
    select: {
      kind: true,
      scopes: true,
      userId: true,
      tenantId: true,
      expiresAt: true,
      revokedAt: true,
      client: { select: { id: true, clientId: true, scopes: true, revokedAt: true, lastUsedAt: true, createdById: true } },
    },
  });
  const now = new Date();
  if (!row || row.kind !== "ACCESS" || row.revokedAt || row.expiresAt <= now || row.client.revokedAt) return { reason: "invalid" };
  let role: RoleName = CLIENT_ROLE;
  if (row.userId) {
    const m = await db().membership.findUnique({ where: { tenantId_userId: { tenantId: row.tenantId, userId: row.userId } }, select: { role: true } });
    if (!m) return { reason: "invalid" };
    role = m.role;
  }
  const scopes = scopesForRole(row.scopes.filter((s) => row.client.scopes.includes(s)), role);
  if (!row.client.lastUsedAt || now.getTime() - row.client.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiClient.update({ where: { id: row.client.id }, data: { lastUsedAt: now } });
  }
  const actingUser = row.userId ?? row.client.createdById ?? `api-client:${row.client.id}`;
  return {
    apiClientId: row.client.id,
    clientId: row.client.clientId,
    tenantId: row.tenantId,
    userId: row.userId,
    scopes,
    scope: { tenantId: row.tenantId, userId: actingUser, role },
  };
}
