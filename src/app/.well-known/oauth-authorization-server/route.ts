import { authorizationServerMetadata } from "@/server/oauth/metadata";

export const dynamic = "force-dynamic";

/** RFC 8414 metadata: public, cacheable, URLs from APP_URL. */
export function GET() {
  return Response.json(authorizationServerMetadata(), { headers: { "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" } });
}
