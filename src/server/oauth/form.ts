import "server-only";
import { OAuthError } from "./oauth-error";

/**
 * The body of a token/revocation request: application/x-www-form-urlencoded as the spec says
 * (a JSON object is accepted too, for convenience). Repeated parameters are rejected (§3.2).
 */
export async function readOAuthForm(req: Request): Promise<URLSearchParams> {
  const type = req.headers.get("content-type")?.toLowerCase() ?? "";
  let params: URLSearchParams;
  if (type.startsWith("application/x-www-form-urlencoded")) {
    params = new URLSearchParams(await req.text());
  } else if (type.startsWith("application/json")) {
    const body = (await req.json().catch(() => null)) as unknown;
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new OAuthError("invalid_request", "Cuerpo JSON inválido");
    params = new URLSearchParams(Object.entries(body).filter(([, v]) => typeof v === "string") as [string, string][]);
  } else {
    throw new OAuthError("invalid_request", "Enviá el cuerpo como application/x-www-form-urlencoded");
  }
  for (const key of new Set(params.keys())) {
    if (params.getAll(key).length > 1) throw new OAuthError("invalid_request", `Parámetro repetido: ${key}`);
  }
  return params;
}
