import "server-only";
import { db } from "@/server/db/client";
import { authenticateClient } from "./client-auth";
import { revokeFamily } from "./issue-tokens";
import { OAuthError } from "./oauth-error";
import { sha256Hex } from "./tokens";

/**
 * POST /api/oauth/revoke (RFC 7009). Revoking a refresh token revokes its whole family (its
 * access tokens too); revoking an access token revokes just that one. Unknown tokens and tokens
 * of other clients are answered 200 as well, revealing nothing.
 */
export async function revokeRequest(authorization: string | null, params: URLSearchParams): Promise<void> {
  const client = await authenticateClient(authorization, params);
  const token = params.get("token");
  if (!token) throw new OAuthError("invalid_request", "Falta token");
  const row = await db().oAuthToken.findUnique({ where: { tokenHash: sha256Hex(token) }, select: { id: true, kind: true, familyId: true, apiClientId: true } });
  if (!row || row.apiClientId !== client.id) return;
  await db().$transaction(async (tx) => {
    if (row.kind === "REFRESH") await revokeFamily(tx, row.familyId);
    else await tx.oAuthToken.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date() } });
  });
}
