import { getSessionUser } from "@/server/auth/session";
import { isSameOrigin } from "@/server/http/same-origin";
import { answerAuthorizeRequest, type AuthorizeParams } from "@/server/oauth/authorize";

export const dynamic = "force-dynamic";

const FIELDS = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"] as const;

function page(status: number, message: string) {
  return new Response(`<!doctype html><html lang="es-AR"><meta charset="utf-8"><title>Autorización</title><p>${message.replace(/[<>&"]/g, "")}</p></html>`, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

/**
 * The consent screen's form (/oauth/autorizar) posts here: approve → 303 to the client's
 * redirect URI with a one-time code; deny → 303 with error=access_denied. Same-origin posts only.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req.headers)) return page(403, "Solicitud de otro sitio rechazada.");
  const user = await getSessionUser(req.headers);
  if (!user) return page(401, "Tu sesión terminó. Volvé a abrir el enlace de autorización e ingresá.");
  const form = await req.formData().catch(() => null);
  if (!form) return page(400, "Formulario inválido.");
  const params: AuthorizeParams = {};
  for (const f of FIELDS) {
    const v = form.get(f);
    if (typeof v === "string" && v !== "") params[f] = v;
  }
  const result = await answerAuthorizeRequest(user.id, params, form.get("decision") === "approve");
  if ("error" in result) return page(400, result.error);
  return new Response(null, { status: 303, headers: { location: result.url, "cache-control": "no-store" } });
}
