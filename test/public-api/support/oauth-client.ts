/** A tiny OAuth client for the tests: what a third-party integration would do over HTTP. */
import { createHash, randomBytes } from "node:crypto";

export type Tokens = { access_token: string; refresh_token?: string; expires_in: number; scope: string; token_type: string };

export function basic(clientId: string, secret: string) {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`;
}

export async function tokenCall(base: string, params: Record<string, string>, auth?: { clientId: string; secret: string }) {
  const res = await fetch(`${base}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(auth ? { authorization: basic(auth.clientId, auth.secret) } : {}) },
    body: new URLSearchParams(params),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Tokens & { error?: string; error_description?: string } };
}

export async function clientCredentials(base: string, clientId: string, secret: string, scope?: string): Promise<Tokens> {
  const r = await tokenCall(base, { grant_type: "client_credentials", ...(scope ? { scope } : {}) }, { clientId, secret });
  if (r.status !== 200) throw new Error(`token failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export function pkcePair() {
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export async function api(base: string, path: string, token: string | null, init: RequestInit = {}) {
  const res = await fetch(`${base}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}
