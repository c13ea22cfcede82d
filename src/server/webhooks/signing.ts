/**
 * Builds the headers of one delivery attempt. ONE message id and ONE clock read produce both
 * header families, so they always agree:
 * - contract (shared/seeds/n8n-webhook-contracts.md): X-Webhook-Token, X-Signature (hex
 *   HMAC-SHA256 of the raw body), X-Request-Id (the message id), X-Timestamp (ISO 8601);
 * - Standard Webhooks: webhook-id (same id), webhook-timestamp (same second), webhook-signature.
 * Sign at send time, never at enqueue: verifiers reject timestamps older than 5 minutes.
 *
 * Rotation (grace period): `webhook-signature` carries both signatures, current first, so
 * Standard Webhooks receivers accept either secret. X-Signature and X-Webhook-Token hold ONE
 * value, so they keep the PREVIOUS secret/token until the grace period ends and then switch:
 * a receiver that checks only them keeps working during the whole grace period and updates
 * its configuration before the switch time the UI shows.
 */
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { standardSigningKey } from "./secrets";

export interface EndpointKeys {
  secret: string;
  token: string;
}

export interface SigningKeys {
  current: EndpointKeys;
  /** The credentials being rotated out, valid until `until`. */
  previous?: EndpointKeys & { until: Date };
}

export interface SignInput {
  /** UUID created with the message: stable across retries, resends and replays. */
  messageId: string;
  eventType: string;
  /** 1-based attempt number. */
  attempt: number;
  /** The body bytes serialized once, identical on every attempt. */
  body: Buffer;
  keys: SigningKeys;
  /** The single clock read for this attempt. */
  now?: Date;
  userAgent?: string;
}

export const HEADER = {
  contentType: "content-type",
  userAgent: "user-agent",
  token: "x-webhook-token",
  signature: "x-signature",
  requestId: "x-request-id",
  timestamp: "x-timestamp",
  event: "x-webhook-event",
  attempt: "x-webhook-attempt",
  swId: "webhook-id",
  swTimestamp: "webhook-timestamp",
  swSignature: "webhook-signature",
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Lowercase hex HMAC-SHA256 of the raw body, keyed with the secret string as displayed. */
export function contractSignature(secret: string, body: Buffer | string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** `v1,<base64>` over `id.timestamp.body`, computed by the standardwebhooks library. */
export function standardSignature(secret: string, messageId: string, timestampSeconds: number, body: Buffer): string {
  return new Webhook(standardSigningKey(secret), { format: "raw" }).sign(messageId, new Date(timestampSeconds * 1000), body);
}

/** The previous credentials while the grace period runs, else undefined. */
function inGrace(keys: SigningKeys, now: Date): EndpointKeys | undefined {
  return keys.previous && now.getTime() < keys.previous.until.getTime() ? keys.previous : undefined;
}

export function signDelivery(input: SignInput): Record<string, string> {
  if (!UUID.test(input.messageId)) throw new Error(`messageId debe ser un UUID (recibido "${input.messageId}")`);
  if (!Number.isInteger(input.attempt) || input.attempt < 1) throw new Error(`attempt debe ser un entero ≥ 1 (recibido ${input.attempt})`);
  const now = input.now ?? new Date();
  const seconds = Math.floor(now.getTime() / 1000);
  const previous = inGrace(input.keys, now);
  const signers = previous ? [input.keys.current, previous] : [input.keys.current];
  const contractKeys = previous ?? input.keys.current;
  return {
    [HEADER.contentType]: "application/json",
    [HEADER.userAgent]: input.userAgent ?? "Contaflow-Webhooks/1",
    [HEADER.token]: contractKeys.token,
    [HEADER.signature]: contractSignature(contractKeys.secret, input.body),
    [HEADER.requestId]: input.messageId,
    [HEADER.timestamp]: new Date(seconds * 1000).toISOString(),
    [HEADER.event]: input.eventType,
    [HEADER.attempt]: String(input.attempt),
    [HEADER.swId]: input.messageId,
    [HEADER.swTimestamp]: String(seconds),
    [HEADER.swSignature]: signers.map((k) => standardSignature(k.secret, input.messageId, seconds, input.body)).join(" "),
  };
}
