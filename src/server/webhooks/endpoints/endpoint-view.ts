import type { WebhookEndpoint } from "@/generated/prisma/client";
import type { CustomHeaders } from "@/lib/webhooks/custom-headers";
import type { FilterCondition } from "@/lib/webhooks/payload-filter";
import { rotationEndsAt } from "../rotation/endpoint-keys";

/** What leaves the server about an endpoint: never a secret, only its masked hint. */
export function endpointView(e: WebhookEndpoint, now = new Date()) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    timeoutSeconds: Math.round(e.timeoutMs / 1000),
    customHeaders: e.customHeaders as CustomHeaders,
    rateLimitPerSecond: e.rateLimitPerSecond,
    filter: e.filter as FilterCondition[],
    secretHint: e.secretHint,
    /** Until when a rotated-out secret still signs `webhook-signature` (latest of them), or null. */
    rotationEndsAt: rotationEndsAt(e, now),
    /** When X-Signature / X-Webhook-Token switch(ed) to the current secret; future = still the previous one. */
    contractSwitchAt: e.contractSwitchAt,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
export type EndpointView = ReturnType<typeof endpointView>;
