import "server-only";
import { createId } from "@/server/ids";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertOutboundUrlAllowed } from "@/server/net/ssrf";
import { assertWithinLimit } from "@/server/plans/usage";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { CreateEndpointInput, UpdateEndpointInput } from "@/lib/schemas/webhooks";
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
      ...columns,
    },
  });
  return { endpoint: endpointView(endpoint), ...plain };
}

export async function updateEndpoint(scope: TenantScope, { id, data }: UpdateEndpointInput) {
  await findEndpoint(scope, id);
  const url = await assertOutboundUrlAllowed(data.url, { field: "url" });
  await db().webhookEndpoint.updateMany({
    where: scoped(scope, { id }),
    data: { url: url.toString(), description: data.description, eventTypes: data.eventTypes, timeoutMs: data.timeoutSeconds * 1000 },
  });
  return getEndpoint(scope, id);
}

export async function setEndpointEnabled(scope: TenantScope, id: string, enabled: boolean) {
  await findEndpoint(scope, id);
  await db().webhookEndpoint.updateMany({
    where: scoped(scope, { id }),
    data: enabled ? { enabled, disabledAt: null, disabledReason: null } : { enabled, disabledAt: new Date(), disabledReason: "Deshabilitado manualmente" },
  });
  return getEndpoint(scope, id);
}

export async function deleteEndpoint(scope: TenantScope, id: string) {
  await findEndpoint(scope, id);
  await db().webhookEndpoint.deleteMany({ where: scoped(scope, { id }) });
  return { id };
}

/**
 * New secret and token, shown once. The previous ones keep signing until the grace period
 * ends so receivers can switch without dropping events.
 */
export async function rotateEndpointSecret(scope: TenantScope, id: string, graceHours: number) {
  const current = await findEndpoint(scope, id);
  const { plain, columns } = newCredentials(id);
  const graceEnds = graceHours > 0 ? new Date(Date.now() + graceHours * 3_600_000) : null;
  await db().webhookEndpoint.updateMany({
    where: scoped(scope, { id }),
    data: {
      ...columns,
      previousSecretEnc: graceEnds ? current.secretEnc : null,
      previousTokenEnc: graceEnds ? current.tokenEnc : null,
      previousSecretExpiresAt: graceEnds,
    },
  });
  return { endpoint: await getEndpoint(scope, id), ...plain };
}
