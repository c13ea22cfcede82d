import { etagOf, reprocessPublicDocument } from "@/server/public-api/document-writes";
import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { idParam } from "@/server/public-api/schemas";
import { appUrl } from "@/server/public-api/urls";

export const dynamic = "force-dynamic";

/** Parse the stored file again (corrected fields are kept); 202, the document is PENDING; Location = its parse status. */
export const POST = apiRoute({ scopes: ["documents:write"] }, async ({ params, caller }) => {
  const { id } = idParam.parse(params);
  const doc = await reprocessPublicDocument(caller.scope, id);
  return json(doc, { status: 202, headers: { etag: etagOf(doc.version), location: appUrl(`/api/v1/parse/${doc.id}`) } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
