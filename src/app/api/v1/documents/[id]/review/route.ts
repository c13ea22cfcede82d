import { etagOf, reviewDocument } from "@/server/public-api/document-writes";
import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { readJsonBody } from "@/server/public-api/json-body";
import { idParam, reviewBodySchema } from "@/server/public-api/schemas";

export const dynamic = "force-dynamic";

/** Mark reviewed, same rules as the UI: errors block (409), warnings need acknowledgeWarnings. */
export const POST = apiRoute({ scopes: ["documents:write"] }, async ({ req, params, caller }) => {
  const { id } = idParam.parse(params);
  const body = reviewBodySchema.parse(await readJsonBody(req));
  const doc = await reviewDocument(caller.scope, id, body.acknowledgeWarnings);
  return json(doc, { headers: { etag: etagOf(doc.version) } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
