import "server-only";
import { db } from "@/server/db/client";
import { authenticateClient, type AuthenticatedClient } from "./client-auth";
import { issueTokens, revokeFamily, type TokenResponse } from "./issue-tokens";
import { OAuthError } from "./oauth-error";
import { grantableScopes, parseScopeParam, scopesForRole } from "./scopes";
import { PKCE_VERIFIER, pkceS256, sha256Hex } from "./tokens";

/**
 * POST /api/oauth/token (RFC 6749 §3.2): client_credentials, authorization_code (PKCE S256
 * required) and refresh_token (rotated on every use; a reused refresh token revokes its family).
 */
export async function tokenRequest(authorization: string | null, params: URLSearchParams): Promise<TokenResponse> {
  const grantType = params.get("grant_type");
  if (!grantType) throw new OAuthError("invalid_request", "Falta grant_type");
  const client = await authenticateClient(authorization, params);
  switch (grantType) {
    case "client_credentials":
      return clientCredentials(client, params);
    case "authorization_code":
      return authorizationCode(client, params);
    case "refresh_token":
      return refreshToken(client, params);
    default:
      throw new OAuthError("unsupported_grant_type", `grant_type no soportado: ${grantType}`);
  }
}

async function markUsed(client: AuthenticatedClient) {
  await db().apiClient.update({ where: { id: client.id }, data: { lastUsedAt: new Date() } });
}

async function clientCredentials(client: AuthenticatedClient, params: URLSearchParams) {
  const granted = grantableScopes(parseScopeParam(params.get("scope")), client.scopes);
  if (!granted.ok) throw new OAuthError("invalid_scope", `Permisos no habilitados para este cliente: ${granted.invalid.join(" ")}`);
  const { response } = await db().$transaction((tx) => issueTokens(tx, { apiClientId: client.id, tenantId: client.tenantId, userId: null, scopes: granted.scopes, withRefresh: false }));
  await markUsed(client);
  return response;
}

async function memberRole(tenantId: string, userId: string) {
  const m = await db().membership.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { role: true } });
  return m?.role ?? null;
}

async function authorizationCode(client: AuthenticatedClient, params: URLSearchParams) {
  const code = params.get("code");
  const redirectUri = params.get("redirect_uri");
  const verifier = params.get("code_verifier");
  if (!code || !redirectUri) throw new OAuthError("invalid_request", "Faltan code o redirect_uri");
  if (!verifier || !PKCE_VERIFIER.test(verifier)) throw new OAuthError("invalid_request", "Falta code_verifier (PKCE) o tiene un formato inválido");
  const row = await db().oAuthAuthorizationCode.findUnique({ where: { codeHash: sha256Hex(code) } });
  if (!row || row.apiClientId !== client.id) throw new OAuthError("invalid_grant", "Código de autorización inválido");
  if (row.usedAt) {
    // A replayed code: whatever was issued for it is compromised (RFC 6749 §4.1.2).
    if (row.familyId) await db().$transaction((tx) => revokeFamily(tx, row.familyId!));
    throw new OAuthError("invalid_grant", "El código de autorización ya se usó");
  }
  if (row.expiresAt <= new Date()) throw new OAuthError("invalid_grant", "El código de autorización venció");
  if (row.redirectUri !== redirectUri) throw new OAuthError("invalid_grant", "redirect_uri no coincide con la de la autorización");
  if (pkceS256(verifier) !== row.codeChallenge) throw new OAuthError("invalid_grant", "code_verifier no corresponde al code_challenge");
  const role = await memberRole(client.tenantId, row.userId);
  if (!role) throw new OAuthError("invalid_grant", "El usuario ya no pertenece a la organización");
  const scopes = scopesForRole(row.scopes.filter((s) => client.scopes.includes(s)), role);
  const response = await db().$transaction(async (tx) => {
    const claimed = await tx.oAuthAuthorizationCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return null;
    const issued = await issueTokens(tx, { apiClientId: client.id, tenantId: client.tenantId, userId: row.userId, scopes, withRefresh: true });
    await tx.oAuthAuthorizationCode.update({ where: { id: row.id }, data: { familyId: issued.familyId } });
    return issued.response;
  });
  if (!response) throw new OAuthError("invalid_grant", "El código de autorización ya se usó");
  await markUsed(client);
  return response;
}

async function refreshToken(client: AuthenticatedClient, params: URLSearchParams) {
  const presented = params.get("refresh_token");
  if (!presented) throw new OAuthError("invalid_request", "Falta refresh_token");
  const row = await db().oAuthToken.findUnique({ where: { tokenHash: sha256Hex(presented) } });
  if (!row || row.kind !== "REFRESH" || row.apiClientId !== client.id) throw new OAuthError("invalid_grant", "refresh_token inválido");
  if (row.revokedAt) throw new OAuthError("invalid_grant", "refresh_token revocado");
  const reuse = async () => {
    await db().$transaction((tx) => revokeFamily(tx, row.familyId));
    return new OAuthError("invalid_grant", "refresh_token ya usado: por seguridad se revocaron todos los tokens de esta autorización");
  };
  if (row.usedAt) throw await reuse();
  if (row.expiresAt <= new Date()) throw new OAuthError("invalid_grant", "refresh_token vencido");
  const role = row.userId ? await memberRole(client.tenantId, row.userId) : null;
  if (!role) throw new OAuthError("invalid_grant", "El usuario ya no pertenece a la organización");
  const requested = parseScopeParam(params.get("scope"));
  const current = scopesForRole(row.scopes.filter((s) => client.scopes.includes(s)), role);
  const granted = grantableScopes(requested, current);
  if (!granted.ok) throw new OAuthError("invalid_scope", `No se pueden ampliar los permisos con un refresh_token: ${granted.invalid.join(" ")}`);
  const response = await db().$transaction(async (tx) => {
    const claimed = await tx.oAuthToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) return null;
    const issued = await issueTokens(tx, { apiClientId: client.id, tenantId: client.tenantId, userId: row.userId, scopes: granted.scopes, familyId: row.familyId, withRefresh: true });
    return issued.response;
  });
  // Lost a race with another use of the same token: that is a reuse too.
  if (!response) throw await reuse();
  await markUsed(client);
  return response;
}
