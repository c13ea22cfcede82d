/**
 * Per-endpoint credentials. Two separate values, never one reused for the other:
 * - the signing secret `whsec_<base64 of 32 random bytes>` (Standard Webhooks format). For
 *   `webhook-signature` its base64-decoded bytes are the HMAC key; for `X-Signature` the string
 *   as displayed is (what `createHmac('sha256', secret)` or the n8n Crypto node do with it).
 * - the X-Webhook-Token, a static random token for receivers that only check a header.
 * Imported legacy secrets (not `whsec_`) are used raw, as UTF-8, in both places.
 */
import { randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";
export const TOKEN_PREFIX = "whtok_";

export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

export function generateWebhookToken(): string {
  return TOKEN_PREFIX + randomBytes(24).toString("base64url");
}

export function isStandardSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const b64 = secret.slice(SECRET_PREFIX.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(b64) && b64.length % 4 === 0 && Buffer.from(b64, "base64").length >= 24;
}

/** The HMAC key for `webhook-signature`. */
export function standardSigningKey(secret: string): Buffer {
  return secret.startsWith(SECRET_PREFIX) ? Buffer.from(secret.slice(SECRET_PREFIX.length), "base64") : Buffer.from(secret, "utf8");
}

/**
 * Why an imported secret cannot be used, or null. Legacy secrets must be printable ASCII:
 * receivers' libraries turn a raw string into bytes in different ways beyond ASCII.
 */
export function secretProblem(secret: string): string | null {
  if (secret.startsWith(SECRET_PREFIX)) {
    return isStandardSecret(secret) ? null : "El secreto whsec_ debe ser base64 de al menos 24 bytes.";
  }
  if (secret.length < 16) return "El secreto debe tener al menos 16 caracteres.";
  if (!/^[\x21-\x7e]+$/.test(secret)) return "El secreto solo puede tener caracteres ASCII visibles, sin espacios.";
  return null;
}
