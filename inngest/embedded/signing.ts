import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import canonicalize from "canonicalize";

/** The key as the SDK uses it: the signing key without its `signkey-<env>-` prefix, as text. */
function hmacKey(signingKey: string): string {
  return signingKey.replace(/^signkey-\w+-/, "");
}

/** Canonical (RFC 8785) body and its `X-Inngest-Signature`, as the Inngest server signs calls. */
export function signRequest(body: unknown, signingKey: string, now = Date.now()): { raw: string; signature: string } {
  const raw = canonicalize(body) ?? "null";
  const t = Math.floor(now / 1000);
  const s = createHmac("sha256", hmacKey(signingKey)).update(raw + t).digest("hex");
  return { raw, signature: `t=${t}&s=${s}` };
}

/**
 * The SDK signs its responses over the raw text; a mismatch (or a signature older than 5 minutes,
 * the SDK's own window for requests) means it is not our app answering.
 */
export function verifyResponse(text: string, header: string | null, signingKey: string, now = Date.now()): boolean {
  if (!header) return false;
  const p = new URLSearchParams(header);
  const t = p.get("t") ?? "";
  if (!/^\d+$/.test(t) || Math.abs(now - Number(t) * 1000) > 5 * 60_000) return false;
  const expected = Buffer.from(createHmac("sha256", hmacKey(signingKey)).update(text + t).digest("hex"));
  const given = Buffer.from(p.get("s") ?? "");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the SDK sends as `Authorization: Bearer …` on API calls: the key with its secret part hashed. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  return prefix + createHash("sha256").update(Buffer.from(hmacKey(signingKey), "hex")).digest("hex");
}
