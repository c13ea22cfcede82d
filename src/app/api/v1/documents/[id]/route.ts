import { getPublicDocument } from "@/server/public-api/documents";
import { deletePublicDocument, etagOf, patchDocument } from "@/server/public-api/document-writes";
import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { readJsonBody } from "@/server/public-api/json-body";
import { correctionBodySchema, idParam } from "@/server/public-api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["documents:read"] }, async ({ params, caller }) => {
  const { id } = idParam.parse(params);
  const doc = await getPublicDocument(caller.scope, id);
  return json(doc, { headers: { etag: etagOf(doc.version) } });
});

/** Correct fields; If-Match with the document's ETag is required (412 stale, 428 missing). */
export const PATCH = apiRoute({ scopes: ["documents:write"] }, async ({ req, url, params, caller, lang }) => {
  const { id } = idParam.parse(params);
  const body = correctionBodySchema.parse(await readJsonBody(req));
  const out = await patchDocument(caller.scope, id, req.headers.get("if-match"), body, url.pathname, lang);
  return out instanceof Response ? out : json(out, { headers: { etag: etagOf(out.version) } });
});

export const DELETE = apiRoute({ scopes: ["documents:write"] }, async ({ params, caller }) => {
  const { id } = idParam.parse(params);
  return json(await deletePublicDocument(caller.scope, id));
});

export const { POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
