import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { RotateSecretInput } from "@/lib/schemas/webhooks";
import { newCredentials } from "../endpoints/credentials";
import { getEndpoint } from "../endpoints/manage-endpoints";
import { liveRetiredKeys, type StoredRetiredKey } from "./endpoint-keys";

/**
 * "Rotar secreto": a new secret and token, shown once. The admin chooses
 * - the grace period of the secret being rotated out (0 = retire it now, up to 7 days): it keeps
 *   signing `webhook-signature` until then. Older retired secrets keep their own grace, so a
 *   second rotation never drops the first one early — except "retirarlo ya" (no grace), which
 *   retires every old secret at once (a leak);
 * - what X-Signature / X-Webhook-Token carry: the credentials they use now until the grace ends
 *   ("seguir firmando con el secreto anterior hasta …"), or the new secret at once ("cambiar ya").
 */
export async function rotateEndpointSecret(scope: TenantScope, input: RotateSecretInput, now = new Date()) {
  if (input.graceHours === 0 && input.contractHeaders === "keep-previous") {
    throw AppError.field("contractHeaders", "Sin período de gracia el secreto anterior se retira ya: elegí «cambiar ya» para X-Signature y X-Webhook-Token.");
  }
  const endpoint = await db().webhookEndpoint.findFirst({ where: scoped(scope, { id: input.id }) });
  if (!endpoint) throw AppError.notFound("Endpoint");
  const graceEnds = new Date(now.getTime() + input.graceHours * 3_600_000);
  // With a grace period the earlier rotations keep theirs (a second rotation never shortens the
  // first). Without one — "retirarlo ya", the answer to a leak — every old secret stops at once:
  // the leaked one may be from an earlier rotation, and nothing else could retire it.
  const retired: StoredRetiredKey[] =
    input.graceHours > 0 ? [{ secretEnc: endpoint.secretEnc, tokenEnc: endpoint.tokenEnc, until: graceEnds }, ...liveRetiredKeys(endpoint, now)] : [];
  // The seed-scheme headers keep whatever they carry right now (the old current secret, or an
  // earlier one still being honoured) so a receiver on those headers sees no change until graceEnds.
  const contractInUse =
    endpoint.contractKeysUntil && endpoint.contractKeysUntil > now && endpoint.contractSecretEnc && endpoint.contractTokenEnc
      ? { secretEnc: endpoint.contractSecretEnc, tokenEnc: endpoint.contractTokenEnc }
      : { secretEnc: endpoint.secretEnc, tokenEnc: endpoint.tokenEnc };
  const contract =
    input.contractHeaders === "keep-previous"
      ? { contractSecretEnc: contractInUse.secretEnc, contractTokenEnc: contractInUse.tokenEnc, contractKeysUntil: graceEnds, contractSwitchAt: graceEnds }
      : { contractSecretEnc: null, contractTokenEnc: null, contractKeysUntil: null, contractSwitchAt: now };
  const { plain, columns } = newCredentials(endpoint.id);
  // Compare-and-set on the current secret: two rotations at once cannot both win.
  const { count } = await db().webhookEndpoint.updateMany({
    where: scoped(scope, { id: endpoint.id, secretEnc: endpoint.secretEnc }),
    data: {
      ...columns,
      ...contract,
      retiredKeys: retired.map((k) => ({ ...k, until: k.until.toISOString() })) as Prisma.InputJsonValue,
      previousSecretEnc: null,
      previousTokenEnc: null,
      previousSecretExpiresAt: null,
    },
  });
  if (count === 0) throw new AppError("CONFLICT", "Otra persona rotó el secreto al mismo tiempo: recargá y volvé a intentarlo");
  return { endpoint: await getEndpoint(scope, endpoint.id), ...plain };
}
