import { openApiDocument } from "@/server/public-api/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the public API (no authentication needed). */
export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin), { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
}
