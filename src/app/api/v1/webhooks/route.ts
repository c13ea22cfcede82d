import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { readJsonBody } from "@/server/public-api/json-body";
import { assertWebhookAdmin } from "@/server/public-api/webhook-admin";
import { createWebhookBody, webhookEndpointCredentialsSchema, webhookEndpointListSchema, wire } from "@/server/public-api/webhook-endpoints";
import { listEndpoints } from "@/server/webhooks/endpoints/list-endpoints";
import { createEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";
import { appUrl } from "@/server/public-api/urls";

export const dynamic = "force-dynamic";

/** The tenant's webhook endpoints with their health (same as the Webhooks screen). */
export const GET = apiRoute({ scopes: ["webhooks:manage"] }, async ({ caller }) => {
  await assertWebhookAdmin(caller);
  return json(wire(webhookEndpointListSchema, { data: await listEndpoints(caller.scope) }));
});

/** Create an endpoint (plan limit, SSRF guard); the only answer with its secret and token. */
export const POST = apiRoute({ scopes: ["webhooks:manage"] }, async ({ req, caller }) => {
  await assertWebhookAdmin(caller);
  const body = createWebhookBody.parse(await readJsonBody(req));
  const created = await createEndpoint(caller.scope, body);
  return json(wire(webhookEndpointCredentialsSchema, created), { status: 201, headers: { location: appUrl(`/api/v1/webhooks/${created.endpoint.id}`) } });
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
