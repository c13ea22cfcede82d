import "server-only";
import { failureBlock, OAUTH_CLIENT_SECRET, recordFailure } from "@/server/http/failure-limit";
import { OAuthError, oauthErrorResponse } from "./oauth-error";

/**
 * Token and revocation endpoints: an address that sent too many wrong client credentials gets
 * 429 (without its credentials being checked) until the window ends, so secrets can't be guessed.
 */
export async function withClientGuard(req: Request, fn: () => Promise<Response>): Promise<Response> {
  const wait = await failureBlock(OAUTH_CLIENT_SECRET, req.headers);
  if (wait !== null) {
    return Response.json(
      { error: "invalid_client", error_description: `Demasiados intentos con credenciales inválidas; reintentá en ${wait} s` },
      { status: 429, headers: { "retry-after": String(wait), "cache-control": "no-store" } },
    );
  }
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e;
    if (e.error === "invalid_client") await recordFailure(OAUTH_CLIENT_SECRET, req.headers);
    return oauthErrorResponse(e);
  }
}
