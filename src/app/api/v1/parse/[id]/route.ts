import { getDocument } from "@/server/documents/get-document";
import { toParseStatus } from "@/server/public-api/documents";
import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { idParam } from "@/server/public-api/schemas";

export const dynamic = "force-dynamic";

/** Parse status and, once COMPLETED, the extracted fields. Poll with Retry-After while pending. */
export const GET = apiRoute({ scopes: ["parse", "documents:read"] }, async ({ params, caller }) => {
  const { id } = idParam.parse(params);
  const status = toParseStatus(await getDocument(caller.scope, id));
  return json(status, status.done ? {} : { headers: { "retry-after": "2" } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
