import { listDocumentsPage } from "@/server/public-api/documents";
import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { listDocumentsQuery } from "@/server/public-api/schemas";

export const dynamic = "force-dynamic";

/** The tenant's documents, newest first, with cursor pagination and filters. */
export const GET = apiRoute({ scopes: ["documents:read"] }, async ({ url, caller }) => {
  const query = listDocumentsQuery.parse(Object.fromEntries(url.searchParams));
  return json(await listDocumentsPage(caller.scope, query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
