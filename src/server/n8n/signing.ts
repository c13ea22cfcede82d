/**
 * Request signing of the n8n contract: `X-Signature` is the HMAC-SHA256 (hex) of the exact body
 * bytes with the signing secret; `X-Webhook-Token` carries the shared token; `X-Request-Id` is
 * the envelope's requestId and `X-Timestamp` its timestamp. The workflows in docs/n8n verify
 * them the same way (`verifyN8nSignature`).
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function signN8nBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export function n8nHeaders(opts: { body: string; token: string; signingSecret: string; requestId: string; timestamp: string }): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-webhook-token": opts.token,
    "x-signature": signN8nBody(opts.body, opts.signingSecret),
    "x-request-id": opts.requestId,
    "x-timestamp": opts.timestamp,
  };
}

/** Constant-time check of a received signature against the body (for receivers and tests). */
export function verifyN8nSignature(body: string | Buffer, signature: string | undefined, secret: string): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signN8nBody(body, secret), "hex");
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), "hex"));
}
