import "server-only";
import { z } from "zod";
import type { WebhookEndpoint } from "@/generated/prisma/client";
import { openSecret, openToken } from "../endpoints/credentials";
import type { SigningKeys } from "../signing";

/** One rotated-out secret as stored in `WebhookEndpoint.retiredKeys` (ciphertexts, never plain). */
export const storedRetiredKey = z.object({ secretEnc: z.string(), tokenEnc: z.string(), until: z.coerce.date() });
export type StoredRetiredKey = z.infer<typeof storedRetiredKey>;

/** The retired keys still inside their grace at `now`, newest first; expired ones are dropped. */
export function liveRetiredKeys(endpoint: Pick<WebhookEndpoint, "retiredKeys">, now: Date): StoredRetiredKey[] {
  const parsed = z.array(storedRetiredKey).safeParse(endpoint.retiredKeys);
  return (parsed.success ? parsed.data : []).filter((k) => k.until.getTime() > now.getTime());
}

/** The latest instant any retired secret still signs, or null. */
export function rotationEndsAt(endpoint: Pick<WebhookEndpoint, "retiredKeys">, now: Date): Date | null {
  const live = liveRetiredKeys(endpoint, now);
  return live.length ? new Date(Math.max(...live.map((k) => k.until.getTime()))) : null;
}

/** Everything that signs a delivery of this endpoint at `now`, decrypted. */
export function signingKeys(endpoint: WebhookEndpoint, now: Date): SigningKeys {
  const current = { secret: openSecret(endpoint.id, endpoint.secretEnc), token: openToken(endpoint.id, endpoint.tokenEnc) };
  const retired = liveRetiredKeys(endpoint, now).map((k) => ({ secret: openSecret(endpoint.id, k.secretEnc), token: openToken(endpoint.id, k.tokenEnc), until: k.until }));
  const until = endpoint.contractKeysUntil;
  const contract =
    until && until > now && endpoint.contractSecretEnc && endpoint.contractTokenEnc
      ? { secret: openSecret(endpoint.id, endpoint.contractSecretEnc), token: openToken(endpoint.id, endpoint.contractTokenEnc), until }
      : undefined;
  return { current, retired, contract };
}
