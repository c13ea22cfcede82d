import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { createId } from "@/server/ids";
import { ACCESS_TOKEN_TTL_S, PREFIX, REFRESH_TOKEN_TTL_S, randomToken, sha256Hex } from "./tokens";

export type TokenResponse = { access_token: string; token_type: "Bearer"; expires_in: number; scope: string; refresh_token?: string };

/** Writes an access token (and a refresh token in the same family) and returns the RFC 6749 response. */
export async function issueTokens(
  tx: Prisma.TransactionClient,
  grant: { apiClientId: string; tenantId: string; userId: string | null; scopes: string[]; familyId?: string; withRefresh: boolean },
): Promise<{ response: TokenResponse; familyId: string }> {
  const familyId = grant.familyId ?? createId();
  const now = Date.now();
  const access = randomToken(PREFIX.access);
  const base = { tenantId: grant.tenantId, apiClientId: grant.apiClientId, userId: grant.userId, scopes: grant.scopes, familyId };
  await tx.oAuthToken.create({ data: { ...base, kind: "ACCESS", tokenHash: sha256Hex(access), expiresAt: new Date(now + ACCESS_TOKEN_TTL_S * 1000) } });
  const response: TokenResponse = { access_token: access, token_type: "Bearer", expires_in: ACCESS_TOKEN_TTL_S, scope: grant.scopes.join(" ") };
  if (grant.withRefresh) {
    const refresh = randomToken(PREFIX.refresh);
    await tx.oAuthToken.create({ data: { ...base, kind: "REFRESH", tokenHash: sha256Hex(refresh), expiresAt: new Date(now + REFRESH_TOKEN_TTL_S * 1000) } });
    response.refresh_token = refresh;
  }
  return { response, familyId };
}

/** Revokes every live token of a family (refresh-token reuse, code replay, revocation of a refresh token). */
export async function revokeFamily(tx: Prisma.TransactionClient, familyId: string, at = new Date()) {
  await tx.oAuthToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: at } });
}
