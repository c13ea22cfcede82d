/** RFC 6749 §5.2 error responses of the token and revocation endpoints. */
export type OAuthErrorCode = "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope" | "unsupported_token_type";

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    readonly status = error === "invalid_client" ? 401 : 400,
  ) {
    super(description);
    this.name = "OAuthError";
  }
}

export function oauthErrorResponse(e: OAuthError): Response {
  const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store", pragma: "no-cache" };
  if (e.status === 401) headers["www-authenticate"] = 'Basic realm="contaflow", charset="UTF-8"';
  return new Response(JSON.stringify({ error: e.error, error_description: e.description }), { status: e.status, headers });
}
