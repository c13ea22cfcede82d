import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { readJsonBody } from "@/server/public-api/json-body";
import { assertWebhookAdmin } from "@/server/public-api/webhook-admin";
import { updateWebhookBody, webhookEndpointDeletedSchema, webhookEndpointSchema, webhookIdParam, wire } from "@/server/public-api/webhook-endpoints";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["webhooks:manage"] }, async ({ params, caller }) => {
  await assertWebhookAdmin(caller);
  return json(wire(webhookEndpointSchema, await getEndpoint(caller.scope, webhookIdParam.parse(params).id)));
});

export const PATCH = apiRoute({ scopes: ["webhooks:manage"] }, async ({ req, params, caller }) => {
  await assertWebhookAdmin(caller);
  const { id } = webhookIdParam.parse(params);
  const data = updateWebhookBody.parse(await readJsonBody(req));
  return json(wire(webhookEndpointSchema, await updateEndpoint(caller.scope, { id, data })));
});

export const DELETE = apiRoute({ scopes: ["webhooks:manage"] }, async ({ params, caller }) => {
  await assertWebhookAdmin(caller);
  return json(wire(webhookEndpointDeletedSchema, await deleteEndpoint(caller.scope, webhookIdParam.parse(params).id)));
});

export const { POST, PUT } = otherMethods(["GET", "PATCH", "DELETE"]);
