/**
 * The one same-origin guard for cookie-authenticated requests that change state (tRPC
 * mutations, uploads, the OAuth consent form, the locale preference). A browser always sends
 * `Sec-Fetch-Site` and/or `Origin` on such requests; both must say "this app" (APP_URL). A
 * request with neither is not from a browser (curl, server code), so it cannot be forged by
 * a page the user visits (the same rule as Go's net/http CrossOriginProtection). Routes with their
 * own credentials (inbound tokens, OAuth client secrets, /api/v1 bearer tokens) don't use it.
 */
import { env } from "@/env";
import { requestLocale } from "@/server/i18n/request-locale";
import { serverText } from "@/server/i18n/server-text";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSameOrigin(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  // "none": the user typed the URL or used a bookmark — no other page was involved.
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = headers.get("origin");
  if (origin && origin !== new URL(env().APP_URL).origin) return false;
  return true;
}

export const CROSS_ORIGIN_MESSAGE = "Solicitud de otro sitio rechazada: las acciones solo se aceptan desde la propia aplicación.";

/**
 * 403 for a cross-origin request, null when it may proceed. Safe methods pass unless
 * `evenSafe` (a GET that changes state, like the locale preference).
 */
export function crossOriginRefusal(req: Request, options: { evenSafe?: boolean } = {}): Response | null {
  if (SAFE.has(req.method) && !options.evenSafe) return null;
  if (isSameOrigin(req.headers)) return null;
  return Response.json({ error: { code: "FORBIDDEN", message: serverText(CROSS_ORIGIN_MESSAGE, requestLocale(req.headers)), fieldErrors: null } }, { status: 403, headers: { "cache-control": "no-store" } });
}
