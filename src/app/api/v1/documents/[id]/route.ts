import { getPublicDocument } from "@/server/public-api/documents";
import { apiRoute, json } from "@/server/public-api/handler";
import { idParam } from "@/server/public-api/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["documents:read"] }, async ({ params, caller }) => {
  const { id } = idParam.parse(params);
  return json(await getPublicDocument(caller.scope, id));
});
