/**
 * OAuth 2.0 over real HTTP: client credentials, authorization code with PKCE through the consent
 * form, refresh rotation with reuse detection, revocation, secret rotation, revoked clients.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { sha256Hex } from "@/server/oauth/tokens";
import { addMember } from "../support/factories";
import { signUp } from "../support/http";
import { REDIRECT, ownerWithClient } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials, pkcePair, tokenCall } from "./support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;

beforeAll(async () => {
  server = await startApiServer();
  ctx = await ownerWithClient();
});
afterAll(() => server.close());

/** The consent form's POST, as the browser sends it from /oauth/autorizar. */
async function consent(cookie: string, fields: Record<string, string>, decision: "approve" | "deny" = "approve", origin = new URL(process.env.APP_URL!).origin) {
  const res = await fetch(`${server.url}/api/oauth/authorize`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, origin, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, decision }),
  });
  return { status: res.status, location: res.headers.get("location"), text: res.status === 303 ? "" : await res.text() };
}

function authorizeFields(challenge: string, over: Record<string, string> = {}) {
  return { response_type: "code", client_id: ctx.client.clientId, redirect_uri: REDIRECT, scope: "documents:read parse", state: "xyz-123", code_challenge: challenge, code_challenge_method: "S256", ...over };
}

async function authorizationCodeTokens(cookie = ctx.cookie) {
  const { verifier, challenge } = pkcePair();
  const answer = await consent(cookie, authorizeFields(challenge));
  expect(answer.status).toBe(303);
  const code = new URL(answer.location!).searchParams.get("code")!;
  const r = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }, { clientId: ctx.client.clientId, secret: ctx.secret });
  expect(r.status).toBe(200);
  return { ...r.body, code, verifier };
}

describe("client credentials", () => {
  it("issues a short-lived bearer token (basic auth), no refresh token, that lists documents", async () => {
    const r = await tokenCall(server.url, { grant_type: "client_credentials" }, { clientId: ctx.client.clientId, secret: ctx.secret });
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 900, scope: "documents:read documents:write parse webhooks:manage" });
    expect(r.body.refresh_token).toBeUndefined();
    expect(r.body.access_token).toMatch(/^cfat_/);
    // Stored hashed only.
    const row = await db().oAuthToken.findUniqueOrThrow({ where: { tokenHash: sha256Hex(r.body.access_token) } });
    expect(row).toMatchObject({ kind: "ACCESS", userId: null });
    expect(await db().oAuthToken.count({ where: { tokenHash: r.body.access_token } })).toBe(0);
    const list = await api(server.url, "/api/v1/documents", r.body.access_token);
    expect(list.status).toBe(200);
    expect((await db().apiClient.findUniqueOrThrow({ where: { id: ctx.client.id } })).lastUsedAt).not.toBeNull();
  });

  it("accepts client_secret_post and a narrower scope; rejects scopes the client lacks", async () => {
    const post = await tokenCall(server.url, { grant_type: "client_credentials", client_id: ctx.client.clientId, client_secret: ctx.secret, scope: "documents:read" });
    expect(post.status).toBe(200);
    expect(post.body.scope).toBe("documents:read");
    const narrow = await ownerWithClient({ scopes: ["documents:read"] });
    const bad = await tokenCall(server.url, { grant_type: "client_credentials", scope: "parse" }, { clientId: narrow.client.clientId, secret: narrow.secret });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_scope");
  });

  it("rejects a wrong secret, a missing client and an unknown grant", async () => {
    const wrong = await tokenCall(server.url, { grant_type: "client_credentials" }, { clientId: ctx.client.clientId, secret: "cfcs_incorrecto" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe("invalid_client");
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Basic/);
    const none = await tokenCall(server.url, { grant_type: "client_credentials" });
    expect(none.status).toBe(401);
    const grant = await tokenCall(server.url, { grant_type: "password" }, { clientId: ctx.client.clientId, secret: ctx.secret });
    expect(grant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
    const form = await fetch(`${server.url}/api/oauth/token`, { method: "POST", headers: { "content-type": "text/plain" }, body: "grant_type=client_credentials" });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { error: string }).error).toBe("invalid_request");
  });
});

describe("authorization code with PKCE", () => {
  it("consent → code → tokens acting for the user, with a refresh token", async () => {
    const tokens = await authorizationCodeTokens();
    expect(tokens.scope).toBe("documents:read parse");
    expect(tokens.refresh_token).toMatch(/^cfrt_/);
    const row = await db().oAuthToken.findUniqueOrThrow({ where: { tokenHash: sha256Hex(tokens.access_token) } });
    expect(row.userId).toBe(ctx.user.id);
    expect((await api(server.url, "/api/v1/documents", tokens.access_token)).status).toBe(200);
  });

  it("the redirect carries code and state; deny answers access_denied", async () => {
    const { challenge } = pkcePair();
    const ok = await consent(ctx.cookie, authorizeFields(challenge));
    const url = new URL(ok.location!);
    expect(`${url.origin}${url.pathname}`).toBe(REDIRECT);
    expect(url.searchParams.get("state")).toBe("xyz-123");
    const denied = await consent(ctx.cookie, authorizeFields(challenge), "deny");
    expect(new URL(denied.location!).searchParams.get("error")).toBe("access_denied");
  });

  it("requires PKCE S256 and a registered redirect URI; refuses other sites and signed-out users", async () => {
    const { challenge } = pkcePair();
    const plain = await consent(ctx.cookie, authorizeFields(challenge, { code_challenge_method: "plain" }));
    expect(new URL(plain.location!).searchParams.get("error")).toBe("invalid_request");
    const badRedirect = await consent(ctx.cookie, authorizeFields(challenge, { redirect_uri: "https://evil.example.com/cb" }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.location).toBeNull();
    const crossSite = await consent(ctx.cookie, authorizeFields(challenge), "approve", "https://evil.example.com");
    expect(crossSite.status).toBe(403);
    const signedOut = await consent("", authorizeFields(challenge));
    expect(signedOut.status).toBe(401);
  });

  it("rejects a wrong verifier, a wrong redirect URI, and a replayed code (revoking what it issued)", async () => {
    const { verifier, challenge } = pkcePair();
    const answer = await consent(ctx.cookie, authorizeFields(challenge));
    const code = new URL(answer.location!).searchParams.get("code")!;
    const auth = { clientId: ctx.client.clientId, secret: ctx.secret };
    const noVerifier = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT }, auth);
    expect(noVerifier.body.error).toBe("invalid_request");
    const wrongVerifier = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: pkcePair().verifier }, auth);
    expect(wrongVerifier.body.error).toBe("invalid_grant");
    const wrongRedirect = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: "https://app.example.com/otro", code_verifier: verifier }, auth);
    expect(wrongRedirect.body.error).toBe("invalid_grant");
    const ok = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }, auth);
    expect(ok.status).toBe(200);
    const replay = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }, auth);
    expect(replay).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect((await api(server.url, "/api/v1/documents", ok.body.access_token)).status).toBe(401);
  });

  it("another client cannot redeem the code", async () => {
    const other = await ownerWithClient();
    const { verifier, challenge } = pkcePair();
    const answer = await consent(ctx.cookie, authorizeFields(challenge));
    const code = new URL(answer.location!).searchParams.get("code")!;
    const r = await tokenCall(server.url, { grant_type: "authorization_code", code, redirect_uri: REDIRECT, code_verifier: verifier }, { clientId: other.client.clientId, secret: other.secret });
    expect(r.body.error).toBe("invalid_grant");
  });

  it("a reader can only delegate read scopes", async () => {
    const email = `lectora-${Date.now()}@example.com`;
    const cookie = await signUp(email, "clave-segura-1", "Lectora");
    const reader = await db().user.findUniqueOrThrow({ where: { email } });
    await addMember(ctx.tenant.id, "VIEWER", reader);
    const tokens = await authorizationCodeTokens(cookie);
    expect(tokens.scope).toBe("documents:read");
    const upload = await api(server.url, "/api/v1/parse", tokens.access_token, { method: "POST" });
    expect(upload.status).toBe(403);
  });
});

describe("refresh tokens", () => {
  it("rotate on every use; reusing a rotated one revokes the whole family", async () => {
    const first = await authorizationCodeTokens();
    const auth = { clientId: ctx.client.clientId, secret: ctx.secret };
    const second = await tokenCall(server.url, { grant_type: "refresh_token", refresh_token: first.refresh_token! }, auth);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.scope).toBe("documents:read parse");
    expect((await api(server.url, "/api/v1/documents", second.body.access_token)).status).toBe(200);

    const reuse = await tokenCall(server.url, { grant_type: "refresh_token", refresh_token: first.refresh_token! }, auth);
    expect(reuse).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    // The attacker's reuse killed the legitimate chain too.
    expect((await api(server.url, "/api/v1/documents", second.body.access_token)).status).toBe(401);
    const third = await tokenCall(server.url, { grant_type: "refresh_token", refresh_token: second.body.refresh_token! }, auth);
    expect(third.body.error).toBe("invalid_grant");
  });

  it("cannot widen scopes", async () => {
    const t = await authorizationCodeTokens();
    const r = await tokenCall(server.url, { grant_type: "refresh_token", refresh_token: t.refresh_token!, scope: "documents:read webhooks:manage" }, { clientId: ctx.client.clientId, secret: ctx.secret });
    expect(r.body.error).toBe("invalid_scope");
  });
});

describe("revocation", () => {
  it("revoking an access token (RFC 7009) makes it answer 401", async () => {
    const t = await clientCredentials(server.url, ctx.client.clientId, ctx.secret);
    const res = await fetch(`${server.url}/api/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${ctx.client.clientId}:${ctx.secret}`).toString("base64")}` },
      body: new URLSearchParams({ token: t.access_token }),
    });
    expect(res.status).toBe(200);
    const after = await api(server.url, "/api/v1/documents", t.access_token);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("revoking a refresh token revokes its access tokens", async () => {
    const t = await authorizationCodeTokens();
    await fetch(`${server.url}/api/oauth/revoke`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: t.refresh_token!, token_type_hint: "refresh_token", client_id: ctx.client.clientId, client_secret: ctx.secret }),
    });
    expect((await api(server.url, "/api/v1/documents", t.access_token)).status).toBe(401);
  });

  it("rotating the secret with no grace: the old one stops working, the new one works", async () => {
    const own = await ownerWithClient();
    const rotated = await own.admin.apiClients.rotateSecret({ id: own.client.id, graceHours: 0 });
    expect(rotated.client.previousSecretExpiresAt).toBeNull();
    expect(rotated.clientSecret).not.toBe(own.secret);
    expect((await tokenCall(server.url, { grant_type: "client_credentials" }, { clientId: own.client.clientId, secret: own.secret })).status).toBe(401);
    expect((await tokenCall(server.url, { grant_type: "client_credentials" }, { clientId: own.client.clientId, secret: rotated.clientSecret })).status).toBe(200);
    // The list never shows a secret.
    const listed = await own.admin.apiClients.list();
    expect(JSON.stringify(listed)).not.toContain(rotated.clientSecret);
    expect(listed[0]!.secretHint).toBe(rotated.clientSecret.slice(-4));
  });

  it("rotating with a grace period: the old secret works until the grace ends (shown), then 401; a second rotation retires it", async () => {
    const own = await ownerWithClient();
    const cc = (secret: string) => tokenCall(server.url, { grant_type: "client_credentials" }, { clientId: own.client.clientId, secret });
    const before = Date.now();
    const rotated = await own.admin.apiClients.rotateSecret({ id: own.client.id, graceHours: 24 });
    const until = rotated.client.previousSecretExpiresAt!;
    expect(until.getTime()).toBeGreaterThanOrEqual(before + 24 * 3_600_000);
    expect(until.getTime()).toBeLessThan(Date.now() + 24 * 3_600_000 + 1000);
    expect((await own.admin.apiClients.list())[0]!.previousSecretExpiresAt).toEqual(until);
    expect((await cc(own.secret)).status).toBe(200);
    expect((await cc(rotated.clientSecret)).status).toBe(200);
    // The grace ends (moved into the past rather than waiting a day): the old secret is refused.
    await db().apiClient.update({ where: { id: own.client.id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    expect((await cc(own.secret)).status).toBe(401);
    expect((await cc(rotated.clientSecret)).status).toBe(200);
    expect((await own.admin.apiClients.list())[0]!.previousSecretExpiresAt).toBeNull();
    // A second rotation keeps only the secret it retires.
    const second = await own.admin.apiClients.rotateSecret({ id: own.client.id, graceHours: 1 });
    expect((await cc(rotated.clientSecret)).status).toBe(200);
    expect((await cc(second.clientSecret)).status).toBe(200);
    expect((await cc(own.secret)).status).toBe(401);
    await expect(own.admin.apiClients.rotateSecret({ id: own.client.id, graceHours: 200 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a revoked client gets 401 for its live tokens and cannot obtain new ones", async () => {
    const own = await ownerWithClient();
    const t = await clientCredentials(server.url, own.client.clientId, own.secret);
    expect((await api(server.url, "/api/v1/documents", t.access_token)).status).toBe(200);
    await own.admin.apiClients.revoke({ id: own.client.id });
    const after = await api(server.url, "/api/v1/documents", t.access_token);
    expect(after.status).toBe(401);
    expect(after.headers.get("content-type")).toBe("application/problem+json");
    expect(after.body).toMatchObject({ status: 401, code: "INVALID_TOKEN" });
    const again = await tokenCall(server.url, { grant_type: "client_credentials" }, { clientId: own.client.clientId, secret: own.secret });
    expect(again).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });
});
