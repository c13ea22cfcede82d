import { limitedEventsRefusal, listEvents } from "@/server/public-api/events";
import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { listEventsQuery } from "@/server/public-api/schemas";

export const dynamic = "force-dynamic";

/** The tenant's events after a cursor, oldest first, with the webhook payloads. Refused (403) to a member limited to some clients. */
export const GET = apiRoute({ scopes: ["documents:read"] }, async ({ url, caller, lang }) => {
  const refused = limitedEventsRefusal(caller.scope, url.pathname, lang);
  if (refused) return refused;
  const query = listEventsQuery.parse(Object.fromEntries(url.searchParams));
  return json(await listEvents(caller.tenantId, query));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
