import "server-only";
import { db } from "@/server/db/client";
import { OAuthError } from "./oauth-error";
import { matchesHash } from "./tokens";

export type AuthenticatedClient = { id: string; tenantId: string; clientId: string; scopes: string[]; redirectUris: string[]; createdById: string | null };

function basicCredentials(header: string | null): { id: string; secret: string } | null {
  if (!header?.toLowerCase().startsWith("basic ")) return null;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
  const unescape = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  try {
    return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** The current secret, or the previous one while its rotation grace lasts. */
function secretMatches(secret: string, c: { secretHash: string; previousSecretHash: string | null; previousSecretExpiresAt: Date | null }): boolean {
  if (matchesHash(secret, c.secretHash)) return true;
  return c.previousSecretHash !== null && c.previousSecretExpiresAt !== null && c.previousSecretExpiresAt > new Date() && matchesHash(secret, c.previousSecretHash);
}

/**
 * client_secret_basic or client_secret_post (not both). A revoked client, an unknown id and a
 * wrong secret all answer the same invalid_client.
 */
export async function authenticateClient(authorization: string | null, params: URLSearchParams): Promise<AuthenticatedClient> {
  const basic = basicCredentials(authorization);
  const postId = params.get("client_id");
  const postSecret = params.get("client_secret");
  if (basic && postSecret) throw new OAuthError("invalid_request", "Usá un solo método de autenticación del cliente");
  const creds = basic ?? (postId && postSecret ? { id: postId, secret: postSecret } : null);
  if (!creds) throw new OAuthError("invalid_client", "Faltan las credenciales del cliente (client_id y client_secret)");
  if (basic && postId && postId !== basic.id) throw new OAuthError("invalid_request", "client_id no coincide con las credenciales");
  const client = await db().apiClient.findUnique({
    where: { clientId: creds.id },
    select: { id: true, tenantId: true, clientId: true, scopes: true, redirectUris: true, secretHash: true, previousSecretHash: true, previousSecretExpiresAt: true, revokedAt: true, createdById: true },
  });
  if (!client || client.revokedAt || !secretMatches(creds.secret, client)) throw new OAuthError("invalid_client", "Credenciales del cliente inválidas");
  const { secretHash: _hash, previousSecretHash: _prev, previousSecretExpiresAt: _until, revokedAt: _revoked, ...rest } = client;
  return rest;
}
