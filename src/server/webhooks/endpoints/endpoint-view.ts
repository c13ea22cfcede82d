import type { WebhookEndpoint } from "@/generated/prisma/client";

/** What leaves the server about an endpoint: never a secret, only its masked hint. */
export function endpointView(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    timeoutSeconds: Math.round(e.timeoutMs / 1000),
    secretHint: e.secretHint,
    rotationEndsAt: e.previousSecretExpiresAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
export type EndpointView = ReturnType<typeof endpointView>;
