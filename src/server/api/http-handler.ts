import "server-only";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { DB_RETRY_AFTER_SECONDS } from "@/server/db/availability";
import { logger } from "@/server/log/logger";
import { createContext } from "./context";
import { appRouter } from "./root";

/**
 * tRPC over HTTP (the /api/trpc route). A 503 (database unreachable) carries Retry-After so
 * clients and proxies know it is temporary.
 */
export function trpcHttpHandler(req: Request, endpoint = "/api/trpc"): Promise<Response> {
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext({ headers: req.headers, resHeaders }),
    responseMeta: ({ errors }) => (errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: new Headers({ "retry-after": String(DB_RETRY_AFTER_SECONDS) }) } : {}),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "tRPC internal error");
    },
  });
}
