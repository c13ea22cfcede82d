/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for connectors, with oauth4webapi doing the
 * protocol (client_secret_basic or client_secret_post, response validation). The access token is
 * cached encrypted in ConnectorOAuthToken and reused until shortly before it expires (a tenth of
 * its lifetime, at most 60 s early); `invalidateOAuthToken` drops it after the API answers 401.
 * The token endpoint is called through the same SSRF-guarded agent as the API, without
 * following redirects. Concurrent callers in one process share one token request.
 */
import "server-only";
import { createHash } from "node:crypto";
import * as oauth from "oauth4webapi";
import { fetch as undiciFetch, type Dispatcher } from "undici";
import type { ApiConnector } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { scoped } from "@/server/tenants/scope";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import { classifyNetworkError } from "@/server/webhooks/error-class";
import { connectorAad, openAuthSecret } from "./credentials";
import { ConnectorCallError, connectorAgent, TIMEOUT_CODE } from "./transport";

/** When the server does not say how long a token lives. */
const DEFAULT_LIFETIME_S = 300;
const MAX_EARLY_REFRESH_MS = 60_000;

export type OAuthConnector = Pick<ApiConnector, "id" | "tenantId" | "timeoutMs" | "oauthTokenUrl" | "oauthClientId" | "oauthScope" | "oauthClientAuth" | "secretEnc">;

export interface AccessToken {
  accessToken: string;
  tokenType: string;
  expiresAt: Date;
  /** Served from the cache (true) or just issued by the token endpoint (false). */
  cached: boolean;
}

/** Ties a cached token to the configuration it was issued for: a changed one is never reused. */
function configHash(c: OAuthConnector): string {
  return createHash("sha256")
    .update(JSON.stringify([c.oauthTokenUrl, c.oauthClientId, c.oauthScope, c.oauthClientAuth, c.secretEnc]))
    .digest("base64url");
}

function stillFresh(row: { expiresAt: Date; updatedAt: Date }, now: number): boolean {
  const lifetime = row.expiresAt.getTime() - row.updatedAt.getTime();
  const early = Math.min(MAX_EARLY_REFRESH_MS, Math.max(0, lifetime / 10));
  return now < row.expiresAt.getTime() - early;
}

const inFlight = new Map<string, Promise<AccessToken>>();

export async function oauthAccessToken(connector: OAuthConnector, opts: { forceRefresh?: boolean; dispatcher?: Dispatcher } = {}): Promise<AccessToken> {
  const hash = configHash(connector);
  if (!opts.forceRefresh) {
    const row = await db().connectorOAuthToken.findFirst({ where: scoped(connector, { connectorId: connector.id }) });
    if (row && row.configHash === hash && stillFresh(row, Date.now())) {
      return { accessToken: decryptSecret(row.accessTokenEnc, connectorAad(connector.id, "oauth-access-token")), tokenType: row.tokenType, expiresAt: row.expiresAt, cached: true };
    }
  }
  const pending = inFlight.get(connector.id);
  if (pending) return pending;
  const issuing = issueToken(connector, hash, opts.dispatcher).finally(() => inFlight.delete(connector.id));
  inFlight.set(connector.id, issuing);
  return issuing;
}

export async function invalidateOAuthToken(connector: Pick<ApiConnector, "id" | "tenantId">): Promise<void> {
  await db().connectorOAuthToken.deleteMany({ where: scoped(connector, { connectorId: connector.id }) });
}

/**
 * A token for credentials being typed (the preset gallery's lists), not cached: there is no
 * connector row to cache it on yet. Same client, same SSRF guard, same tolerant answer reading.
 */
export async function uncachedOAuthToken(connector: OAuthConnector): Promise<AccessToken> {
  return issueToken(connector, configHash(connector), undefined, false);
}

async function issueToken(connector: OAuthConnector, hash: string, dispatcher?: Dispatcher, persist = true): Promise<AccessToken> {
  if (!connector.oauthTokenUrl || !connector.oauthClientId) throw new ConnectorCallError("AUTH_CONFIG", "Faltan la URL de tokens o el client ID de OAuth.");
  if (!connector.secretEnc) throw new ConnectorCallError("AUTH_CONFIG", "Falta el client secret de OAuth; editá el conector y cargalo.");
  const tokenUrl = new URL(connector.oauthTokenUrl);
  const as: oauth.AuthorizationServer = { issuer: tokenUrl.origin, token_endpoint: tokenUrl.toString() };
  const client: oauth.Client = { client_id: connector.oauthClientId };
  const secret = openAuthSecret(connector.id, connector.secretEnc);
  const clientAuth = connector.oauthClientAuth === "CLIENT_SECRET_POST" ? oauth.ClientSecretPost(secret) : oauth.ClientSecretBasic(secret);
  const params = new URLSearchParams();
  if (connector.oauthScope) params.set("scope", connector.oauthScope);
  const agent = dispatcher ?? connectorAgent();
  const options = {
    [oauth.customFetch]: async (url: string, init: oauth.CustomFetchOptions<"POST", URLSearchParams>) => tolerantTokenResponse((await undiciFetch(url, { ...init, dispatcher: agent })) as unknown as Response),
    // http:// is allowed like for the API base URL; the SSRF guard is what protects us.
    [oauth.allowInsecureRequests]: tokenUrl.protocol === "http:",
    signal: () => AbortSignal.timeout(connector.timeoutMs),
  };

  let result: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.clientCredentialsGrantRequest(as, client, clientAuth, params, options);
    result = await oauth.processClientCredentialsResponse(as, client, response);
  } catch (e) {
    throw tokenError(e, tokenUrl, connector.timeoutMs);
  }
  const lifetimeS = typeof result.expires_in === "number" && result.expires_in > 0 ? result.expires_in : DEFAULT_LIFETIME_S;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + lifetimeS * 1000);
  const tokenType = result.token_type === "bearer" ? "Bearer" : result.token_type;
  if (!persist) return { accessToken: result.access_token, tokenType, expiresAt, cached: false };
  const data = { tenantId: connector.tenantId, configHash: hash, accessTokenEnc: encryptSecret(result.access_token, connectorAad(connector.id, "oauth-access-token")), tokenType, expiresAt, updatedAt: now };
  await db().connectorOAuthToken.upsert({ where: { connectorId: connector.id }, create: { connectorId: connector.id, ...data }, update: data });
  return { accessToken: result.access_token, tokenType, expiresAt, cached: false };
}

/**
 * Real token endpoints are looser than RFC 6749, and oauth4webapi is strict. A successful JSON
 * answer is normalised before it sees it: a missing or odd-cased `token_type` is taken as
 * bearer (the only type we send), `token` is accepted for `access_token` (Xubio, some versions),
 * and a JSON body served as text/plain is read as JSON. Errors pass through untouched.
 */
export async function tolerantTokenResponse(res: Response): Promise<Response> {
  if (!res.ok) return res;
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, { status: res.status, headers: res.headers });
  }
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (b.access_token === undefined && typeof b.token === "string") b.access_token = b.token;
    if (typeof b.token_type !== "string" || b.token_type.toLowerCase() === "bearer") b.token_type = "bearer";
    if (typeof b.expires_in === "string" && /^\d+$/.test(b.expires_in)) b.expires_in = Number(b.expires_in);
  }
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: res.status, headers });
}

function tokenError(e: unknown, tokenUrl: URL, timeoutMs: number): ConnectorCallError {
  if (e instanceof ConnectorCallError) return e;
  if (e instanceof oauth.ResponseBodyError || e instanceof oauth.WWWAuthenticateChallengeError) {
    const status = e.status;
    const code = e instanceof oauth.ResponseBodyError ? e.error : (e.cause[0]?.parameters.error ?? "");
    const description = e instanceof oauth.ResponseBodyError ? e.error_description : e.cause[0]?.parameters.error_description;
    const detail = [code, description].filter(Boolean).join(": ");
    const credentials = status === 400 || status === 401 || status === 403 || code === "invalid_client" || code === "unauthorized_client";
    return new ConnectorCallError(
      "OAUTH_TOKEN",
      credentials
        ? `El servidor de tokens rechazó las credenciales OAuth (HTTP ${status}${detail ? `, ${detail}` : ""}). Revisá el client ID, el client secret y el scope.`
        : `El servidor de tokens respondió HTTP ${status}${detail ? ` (${detail})` : ""}.`,
      { status, url: tokenUrl.toString() },
      { cause: e },
    );
  }
  if (e instanceof oauth.OperationProcessingError) {
    const status = (e.cause as { status?: number } | undefined)?.status;
    return new ConnectorCallError("OAUTH_TOKEN", `El servidor de tokens respondió algo inesperado${status ? ` (HTTP ${status})` : ""}: ${e.message}.`, { status, url: tokenUrl.toString() }, { cause: e });
  }
  const aborted = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
  const { errorClass, code } = aborted ? { errorClass: "TIMEOUT" as const, code: TIMEOUT_CODE } : classifyNetworkError(e);
  const host = tokenUrl.host;
  const reason =
    errorClass === "TIMEOUT"
      ? `no respondió en ${Math.round(timeoutMs / 1000)} s`
      : errorClass === "SSRF_BLOCKED"
        ? `apunta a una red no permitida (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`
        : errorClass === "CONNECTION_REFUSED"
          ? "rechazó la conexión"
          : errorClass === "DNS"
            ? `no se pudo resolver (${code})`
            : `falló (${code ?? (e instanceof Error ? e.message : String(e))})`;
  return new ConnectorCallError(errorClass, `No pudimos pedir el token OAuth: ${host} ${reason}.`, { code, url: tokenUrl.toString() }, { cause: e });
}
