import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Random credentials of the public API. All are 256-bit random strings with a prefix that says
 * what they are (so a leaked one is easy to recognise); only their SHA-256 is stored.
 */
export const PREFIX = { clientId: "cf_", clientSecret: "cfcs_", access: "cfat_", refresh: "cfrt_", code: "cfac_" } as const;

export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

export function newClientId(): string {
  return `${PREFIX.clientId}${randomBytes(12).toString("hex")}`;
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function matchesHash(presented: string, storedHex: string): boolean {
  const a = Buffer.from(sha256Hex(presented), "hex");
  const b = Buffer.from(storedHex, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** PKCE S256: base64url(SHA-256(verifier)). */
export function pkceS256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** RFC 7636: 43–128 characters of [A-Za-z0-9-._~]. */
export const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
export const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Lifetimes. */
export const ACCESS_TOKEN_TTL_S = 15 * 60;
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 60 * 60;
export const CODE_TTL_S = 60;
