import { otherMethods } from "@/server/public-api/handler";
import { openApiDocument } from "@/server/public-api/openapi";
import { requestIdOf, withRequestId } from "@/server/public-api/request-id";
import { appOrigin } from "@/server/public-api/urls";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of the public API (no authentication needed); its URLs come from APP_URL. */
export function GET(req: Request) {
  const res = Response.json(openApiDocument(appOrigin()), { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
  return withRequestId(res, requestIdOf(req.headers));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
