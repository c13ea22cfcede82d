import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { readJsonBody } from "@/server/public-api/json-body";
import { assertWebhookAdmin } from "@/server/public-api/webhook-admin";
import { rotateWebhookBody, webhookEndpointCredentialsSchema, webhookIdParam, wire } from "@/server/public-api/webhook-endpoints";
import { rotateEndpointSecret } from "@/server/webhooks/rotation/rotate";

export const dynamic = "force-dynamic";

/** Rotate the signing secret with the UI's grace choices; the new secret and token are shown once. */
export const POST = apiRoute({ scopes: ["webhooks:manage"] }, async ({ req, params, caller }) => {
  await assertWebhookAdmin(caller);
  const { id } = webhookIdParam.parse(params);
  const body = rotateWebhookBody.parse(await readJsonBody(req));
  return json(wire(webhookEndpointCredentialsSchema, await rotateEndpointSecret(caller.scope, { id, ...body })));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
