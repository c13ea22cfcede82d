import "server-only";
import { db } from "@/server/db/client";
import type { ApiScope } from "@/lib/schemas/api-clients";
import { ADMIN_ROLES, WRITER_ROLES, type RoleName } from "@/lib/roles";
import { allowedClientCuits } from "@/server/clients/access";
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
  /**
   * Client credentials only: why the client's creator no longer lets it write documents — they
   * left the organization ("removed") or their current role only reads ("reader"); null = may write.
   */
  creatorCannotWrite?: "removed" | "reader" | null;
};

export type AccessFailure = { reason: "missing" | "invalid" };

/**
 * Machine clients act as the person who created the client, with writer rights at most (never
 * admin): ACCOUNTANT while the creator's CURRENT role may write documents, VIEWER once the creator
 * was demoted to a reader or left the organization (then write calls answer 403, handler.ts).
 */
const CLIENT_ROLE: RoleName = "ACCOUNTANT";
const LAST_USED_RESOLUTION_MS = 60_000;
const MEMBERSHIP = { id: true, role: true, limitedToClients: true } as const;

/**
 * The clients the acting person may see (`TenantScope.clientCuits`), as in the app
 * (src/server/clients/access.ts): null = all; owners and admins are never limited.
 */
async function clientCuitsOf(tenantId: string, m: { id: string; role: RoleName; limitedToClients: boolean } | null): Promise<string[] | null> {
  if (!m?.limitedToClients || ADMIN_ROLES.includes(m.role)) return null;
  return allowedClientCuits(tenantId, m.id);
}

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
  let creatorCannotWrite: ApiCaller["creatorCannotWrite"] = null;
  // A member limited to some clients sees only their documents through the API too: a user token
  // as that user, a client-credentials token as its creator's CURRENT membership.
  let clientCuits: string[] | null = null;
  if (row.userId) {
    const m = await db().membership.findUnique({ where: { tenantId_userId: { tenantId: row.tenantId, userId: row.userId } }, select: MEMBERSHIP });
    if (!m) return { reason: "invalid" };
    role = m.role;
    clientCuits = await clientCuitsOf(row.tenantId, m);
  } else {
    const creator = row.client.createdById
      ? await db().membership.findUnique({ where: { tenantId_userId: { tenantId: row.tenantId, userId: row.client.createdById } }, select: MEMBERSHIP })
      : null;
    creatorCannotWrite = !creator ? "removed" : WRITER_ROLES.includes(creator.role) ? null : "reader";
    if (creatorCannotWrite) role = "VIEWER";
    clientCuits = await clientCuitsOf(row.tenantId, creator);
  }
  // A user's role caps a user token's scopes. A client's keep theirs, so a write call reaches the
  // handler's check and is refused with the reason (the creator's role), not a bare missing scope.
  const granted = row.scopes.filter((s) => row.client.scopes.includes(s));
  const scopes = row.userId ? scopesForRole(granted, role) : scopesForRole(granted, CLIENT_ROLE);
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
    scope: { tenantId: row.tenantId, userId: actingUser, role, clientCuits },
    creatorCannotWrite,
  };
}
