import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/context";
import { crossOriginRefusal } from "@/server/http/same-origin";
import { logger } from "@/server/log/logger";

export const dynamic = "force-dynamic";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext({ headers: req.headers, resHeaders }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "tRPC internal error");
    },
  });

/**
 * Mutations: same origin only, and JSON only — form and text bodies are what a foreign page
 * can send without a CORS preflight (no procedure takes files; uploads have their own route).
 */
async function post(req: Request) {
  const refused = crossOriginRefusal(req);
  if (refused) return refused;
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    return Response.json({ error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "Las acciones se envían como application/json", fieldErrors: null } }, { status: 415 });
  }
  return handler(req);
}

export { handler as GET, post as POST };
