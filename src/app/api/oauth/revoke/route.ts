import { readOAuthForm } from "@/server/oauth/form";
import { withClientGuard } from "@/server/oauth/client-guard";
import { revokeRequest } from "@/server/oauth/revoke";
import { logger } from "@/server/log/logger";

export const dynamic = "force-dynamic";

/** OAuth 2.0 token revocation (RFC 7009): always 200 for a well-formed request of a valid client. */
export async function POST(req: Request) {
  try {
    return await withClientGuard(req, async () => {
      await revokeRequest(req.headers.get("authorization"), await readOAuthForm(req));
      return new Response(null, { status: 200, headers: { "cache-control": "no-store" } });
    });
  } catch (e) {
    logger.error({ err: e }, "oauth revocation endpoint failed");
    return Response.json({ error: "server_error", error_description: "Error interno" }, { status: 500 });
  }
}
