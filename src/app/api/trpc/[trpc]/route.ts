import { trpcHttpHandler } from "@/server/api/http-handler";
import { crossOriginRefusal } from "@/server/http/same-origin";
import { requestLocale } from "@/server/i18n/request-locale";
import { serverText } from "@/server/i18n/server-text";

export const dynamic = "force-dynamic";

const handler = (req: Request) => trpcHttpHandler(req);

/**
 * Mutations: same origin only, and JSON only — form and text bodies are what a foreign page
 * can send without a CORS preflight (no procedure takes files; uploads have their own route).
 */
async function post(req: Request) {
  const refused = crossOriginRefusal(req);
  if (refused) return refused;
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    return Response.json({ error: { code: "UNSUPPORTED_MEDIA_TYPE", message: serverText("Las acciones se envían como application/json", requestLocale(req.headers)), fieldErrors: null } }, { status: 415 });
  }
  return handler(req);
}

export { handler as GET, post as POST };
