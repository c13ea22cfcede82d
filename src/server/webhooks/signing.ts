/**
 * Builds the headers of one delivery attempt. ONE message id and ONE clock read produce both
 * header families, so they always agree:
 * - contract (docs/n8n/contract-v1.md): X-Webhook-Token, X-Signature (hex
 *   HMAC-SHA256 of the raw body), X-Request-Id (the message id), X-Timestamp (ISO 8601);
 * - Standard Webhooks: webhook-id (same id), webhook-timestamp (same second), webhook-signature.
 * Sign at send time, never at enqueue: verifiers reject timestamps older than 5 minutes.
 *
 * Rotation: `webhook-signature` carries one signature per valid secret, current first, then every
 * retired secret still inside its own grace period — so a second rotation never drops the first
 * old secret early. X-Signature and X-Webhook-Token hold ONE value, so the admin chooses at
 * rotation: keep signing them with the previous credentials until a stated instant (`contract`),
 * or switch them to the new secret at once ("cambiar ya"). The UI and the guide show that instant.
 */
import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { standardSigningKey } from "./secrets";

export interface EndpointKeys {
  secret: string;
  token: string;
}

export type RetiredKeys = EndpointKeys & { until: Date };

export interface SigningKeys {
  current: EndpointKeys;
  /** Rotated-out credentials, each valid for `webhook-signature` until its own `until`. */
  retired?: RetiredKeys[];
  /** X-Signature / X-Webhook-Token use these until `until`, then `current`; absent = `current`. */
  contract?: RetiredKeys;
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

const valid = (k: RetiredKeys | undefined, now: Date): k is RetiredKeys => !!k && now.getTime() < k.until.getTime();

export function signDelivery(input: SignInput): Record<string, string> {
  if (!UUID.test(input.messageId)) throw new Error(`messageId debe ser un UUID (recibido "${input.messageId}")`);
  if (!Number.isInteger(input.attempt) || input.attempt < 1) throw new Error(`attempt debe ser un entero ≥ 1 (recibido ${input.attempt})`);
  const now = input.now ?? new Date();
  const seconds = Math.floor(now.getTime() / 1000);
  const retired = (input.keys.retired ?? []).filter((k) => valid(k, now) && k.secret !== input.keys.current.secret);
  const signers = [input.keys.current, ...retired];
  const contractKeys = valid(input.keys.contract, now) ? input.keys.contract : input.keys.current;
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
