import { readOAuthForm } from "@/server/oauth/form";
import { withClientGuard } from "@/server/oauth/client-guard";
import { tokenRequest } from "@/server/oauth/token-endpoint";
import { logger } from "@/server/log/logger";

export const dynamic = "force-dynamic";

/** OAuth 2.0 token endpoint (RFC 6749 §3.2). */
export async function POST(req: Request) {
  try {
    return await withClientGuard(req, async () => {
      const params = await readOAuthForm(req);
      const tokens = await tokenRequest(req.headers.get("authorization"), params);
      return Response.json(tokens, { headers: { "cache-control": "no-store", pragma: "no-cache" } });
    });
  } catch (e) {
    logger.error({ err: e }, "oauth token endpoint failed");
    return Response.json({ error: "server_error", error_description: "Error interno" }, { status: 500, headers: { "cache-control": "no-store" } });
  }
}
