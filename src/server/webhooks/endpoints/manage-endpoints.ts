import "server-only";
import { createId } from "@/server/ids";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertOutboundUrlAllowed } from "@/server/net/ssrf";
import { assertWithinLimit } from "@/server/plans/usage";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { recordAudit } from "@/server/audit/audit-log";
import type { CreateEndpointInput, UpdateEndpointInput } from "@/lib/schemas/webhooks";
import { describeChanges } from "./describe-changes";
import { holdEndpointBacklog } from "../backlog/hold";
import { newCredentials } from "./credentials";
import { endpointView } from "./endpoint-view";

async function findEndpoint(scope: TenantScope, id: string) {
  const endpoint = await db().webhookEndpoint.findFirst({ where: scoped(scope, { id }) });
  if (!endpoint) throw AppError.notFound("Endpoint");
  return endpoint;
}

export async function getEndpoint(scope: TenantScope, id: string) {
  return endpointView(await findEndpoint(scope, id));
}

/** Creates an endpoint; the only response that ever carries its secret and token. */
export async function createEndpoint(scope: TenantScope, input: CreateEndpointInput) {
  await assertWithinLimit(scope, "webhooks");
  const url = await assertOutboundUrlAllowed(input.url, { field: "url" });
  const id = createId();
  const { plain, columns } = newCredentials(id);
  const endpoint = await db().webhookEndpoint.create({
    data: {
      id,
      tenantId: scope.tenantId,
      url: url.toString(),
      description: input.description,
      eventTypes: input.eventTypes,
      enabled: input.enabled,
      timeoutMs: input.timeoutSeconds * 1000,
      customHeaders: input.customHeaders,
      rateLimitPerSecond: input.rateLimitPerSecond,
      filter: input.filter,
      ...columns,
    },
  });
  return { endpoint: endpointView(endpoint), ...plain };
}

/** "Editar": every setting but the credentials; the URL passes the SSRF guard again. Audited. */
export async function updateEndpoint(scope: TenantScope, { id, data }: UpdateEndpointInput) {
  const before = await findEndpoint(scope, id);
  const url = await assertOutboundUrlAllowed(data.url, { field: "url" });
  const next = {
    url: url.toString(),
    description: data.description,
    eventTypes: data.eventTypes,
    timeoutMs: data.timeoutSeconds * 1000,
    customHeaders: data.customHeaders,
    rateLimitPerSecond: data.rateLimitPerSecond,
    filter: data.filter,
  };
  const changes = describeChanges(endpointView(before), endpointView({ ...before, ...next }));
  if (changes.length === 0) return endpointView(before);
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.updateMany({ where: scoped(scope, { id }), data: next });
    await recordAudit(tx, scope, { action: "WEBHOOK_ENDPOINT_UPDATED", target: { name: before.description || before.url }, newValue: changes.join("; ") });
  });
  return getEndpoint(scope, id);
}

export async function setEndpointEnabled(scope: TenantScope, id: string, enabled: boolean) {
  // Re-enabling starts a fresh streak; an open alert becomes quiet (the admin acted on it).
  const endpoint = await findEndpoint(scope, id);
  await db().webhookEndpoint.updateMany({
    where: scoped(scope, { id }),
    data: enabled
      ? { enabled, disabledAt: null, disabledReason: null, failingSince: null, failingStreak: 0, alertCondition: endpoint.alertCondition ? "REENABLED" : null }
      : { enabled, disabledAt: new Date(), disabledReason: "Deshabilitado manualmente" },
  });
  // Disabled: what was still waiting is held with the events that arrive meanwhile.
  if (!enabled) await holdEndpointBacklog(id);
  return getEndpoint(scope, id);
}

export async function deleteEndpoint(scope: TenantScope, id: string) {
  await findEndpoint(scope, id);
  await db().webhookEndpoint.deleteMany({ where: scoped(scope, { id }) });
  return { id };
}
