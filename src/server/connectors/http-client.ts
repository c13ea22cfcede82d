/**
 * The one way to call a connector's API. `connectorRequest` builds the URL under the base URL,
 * adds default headers and the connector's authentication (API key header, bearer, basic, or an
 * OAuth 2.0 client-credentials token from ./oauth.ts), and sends ONE request through the
 * SSRF-guarded agent (every connection resolved, checked and pinned; redirects never
 * followed). With OAuth a 401 drops the cached token and the request is sent once more with a
 * fresh one.
 *
 * It never retries on its own otherwise: the PUSH/PULL functions decide (429/5xx/timeouts with
 * backoff and `retryAfterMs`, 4xx not). Any HTTP status is a `ConnectorResponse`; network
 * failures, timeouts, SSRF refusals and token-endpoint failures throw `ConnectorCallError`
 * with an error class and an es-AR message.
 */
import "server-only";
import { performance } from "node:perf_hooks";
import { request, type Dispatcher } from "undici";
import type { ApiConnector } from "@/generated/prisma/client";
import { parseRetryAfter } from "@/server/webhooks/attempt";
import { classifyNetworkError, type ErrorClass } from "@/server/webhooks/error-class";
import { maskHeaders } from "@/server/webhooks/mask";
import { storedHeaders } from "./connector-view";
import { openAuthSecret } from "./credentials";
import { invalidateOAuthToken, oauthAccessToken } from "./oauth";
import { ConnectorCallError, connectorAgent, TIMEOUT_CODE } from "./transport";

export { ConnectorCallError, connectorAgent, type ConnectorErrorClass } from "./transport";

export const USER_AGENT = "Contaflow-Conectores/1.0";
/** Enough for a page of PULL records; past it the response is refused, not truncated. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const EXCERPT_CHARS = 8 * 1024;

export type ConnectorTarget = Pick<
  ApiConnector,
  "id" | "tenantId" | "baseUrl" | "timeoutMs" | "defaultHeaders" | "authType" | "apiKeyHeader" | "username" | "oauthTokenUrl" | "oauthClientId" | "oauthScope" | "oauthClientAuth" | "secretEnc"
>;

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ConnectorRequest {
  method: HttpMethod;
  /** Under the base URL (`/facturas?x=1`); empty for the base URL itself. */
  path?: string;
  /** An absolute URL instead of `path` (a Link header's next page); must share the base URL's origin. */
  url?: string;
  query?: Record<string, string | number | undefined | null>;
  /** Sent as JSON. */
  json?: unknown;
  /** Extra headers for this call, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
  /** Defaults to the connector's timeout. Covers connect, headers and body. */
  timeoutMs?: number;
  maxBodyBytes?: number;
}

export interface ConnectorResponse {
  ok: boolean;
  status: number;
  url: string;
  method: HttpMethod;
  headers: Record<string, string>;
  text: string;
  latencyMs: number;
  /** 429/503 Retry-After as a delay in ms. */
  retryAfterMs: number | null;
  /** Request headers as logged: secrets masked. */
  requestHeaders: Record<string, string>;
  /** The request body as sent (for the export log excerpt). */
  requestBody: string | null;
  /** OAuth: the first answer was 401, the token was renewed and the request sent again. */
  authRetried: boolean;
}

export interface CallOptions {
  /** Tests pass their own agent; production uses the shared guarded one. */
  dispatcher?: Dispatcher;
}

/** baseUrl + path (+ query). An absolute `url` must stay on the base URL's origin. */
export function buildUrl(baseUrl: string, req: Pick<ConnectorRequest, "path" | "url" | "query">): URL {
  let url: URL;
  if (req.url) {
    url = new URL(req.url, baseUrl);
    if (url.origin !== new URL(baseUrl).origin) throw new ConnectorCallError("INVALID_URL", `La URL ${url.origin} no es la del conector; no la seguimos.`);
  } else {
    const base = new URL(baseUrl);
    const path = req.path ?? "";
    const [pathname = "", search = ""] = path.split(/\?(.*)/s, 2);
    url = new URL(base.toString());
    if (pathname) url.pathname = `${base.pathname.replace(/\/+$/, "")}/${pathname.replace(/^\/+/, "")}`;
    if (search) for (const [k, v] of new URLSearchParams(search)) url.searchParams.append(k, v);
  }
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  return url;
}

function secretOf(connector: ConnectorTarget): string {
  if (!connector.secretEnc) throw new ConnectorCallError("AUTH_CONFIG", "Falta el secreto de autenticación del conector; editalo y cargalo de nuevo.");
  return openAuthSecret(connector.id, connector.secretEnc);
}

/** The Authorization (or API key) header for the connector's auth type. */
export async function authHeaders(connector: ConnectorTarget, opts: CallOptions & { forceRefresh?: boolean } = {}): Promise<Record<string, string>> {
  switch (connector.authType) {
    case "NONE":
      return {};
    case "API_KEY":
      if (!connector.apiKeyHeader) throw new ConnectorCallError("AUTH_CONFIG", "Falta el nombre del encabezado de la API key.");
      return { [connector.apiKeyHeader]: secretOf(connector) };
    case "BEARER":
      return { authorization: `Bearer ${secretOf(connector)}` };
    case "BASIC":
      return { authorization: `Basic ${Buffer.from(`${connector.username ?? ""}:${secretOf(connector)}`, "utf8").toString("base64")}` };
    case "OAUTH2_CLIENT_CREDENTIALS": {
      const token = await oauthAccessToken(connector, { forceRefresh: opts.forceRefresh, dispatcher: opts.dispatcher });
      return { authorization: `Bearer ${token.accessToken}` };
    }
  }
}

function header(headers: Dispatcher.ResponseData["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

async function readBody(body: Dispatcher.ResponseData["body"], max: number, url: string): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      body.destroy();
      throw new ConnectorCallError("TOO_LARGE", `La respuesta supera ${Math.round(max / 1024 / 1024)} MB; pedí páginas más chicas.`, { url });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function networkMessage(errorClass: ErrorClass, code: string | undefined, timeoutMs: number, detail: string, host: string): string {
  switch (errorClass) {
    case "TIMEOUT":
      return `El servidor no respondió en ${String(Math.round(timeoutMs / 100) / 10).replace(".", ",")} s (tiempo de espera agotado).`;
    case "DNS":
      return `No pudimos resolver el nombre ${host} (${code ?? "DNS"}); revisá que la URL esté bien escrita.`;
    case "CONNECTION_REFUSED":
      return `${host} rechazó la conexión: no hay nada escuchando en ese puerto.`;
    case "CONNECTION_RESET":
      return `${host} cortó la conexión antes de responder.`;
    case "NETWORK_UNREACHABLE":
      return `No hay ruta de red hasta ${host}.`;
    case "TLS":
      return `Falló la conexión segura (TLS: ${code ?? "desconocido"}); revisá que el certificado sea válido.`;
    case "SSRF_BLOCKED":
      return `${detail} Por seguridad, Contaflow no se conecta a redes privadas ni locales.`;
    case "INVALID_URL":
      return "La URL del conector no es válida.";
    default:
      return `Error inesperado al conectar${code ? ` (${code})` : ""}: ${detail}`;
  }
}

async function sendOnce(connector: ConnectorTarget, req: ConnectorRequest, auth: Record<string, string>, opts: CallOptions): Promise<ConnectorResponse> {
  const url = buildUrl(connector.baseUrl, req);
  const timeoutMs = req.timeoutMs ?? connector.timeoutMs;
  const requestBody = req.json === undefined ? null : JSON.stringify(req.json);
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept: "application/json",
    ...storedHeaders(connector),
    ...(requestBody !== null ? { "content-type": "application/json" } : {}),
    ...(req.headers ?? {}),
    ...auth,
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(Object.assign(new Error(`Timeout de ${timeoutMs} ms`), { code: TIMEOUT_CODE })), timeoutMs);
  const started = performance.now();
  try {
    const res = await request(url, {
      method: req.method,
      headers,
      body: requestBody ?? undefined,
      dispatcher: opts.dispatcher ?? connectorAgent(),
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await readBody(res.body, req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, url.toString());
    const responseHeaders = Object.fromEntries(Object.keys(res.headers).map((n) => [n, header(res.headers, n) ?? ""]));
    return {
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      url: url.toString(),
      method: req.method,
      headers: responseHeaders,
      text,
      latencyMs: Math.round(performance.now() - started),
      retryAfterMs: res.statusCode === 429 || res.statusCode === 503 ? parseRetryAfter(responseHeaders["retry-after"]) : null,
      requestHeaders: maskHeaders(headers),
      requestBody,
      authRetried: false,
    };
  } catch (err) {
    if (err instanceof ConnectorCallError) throw err;
    const latencyMs = Math.round(performance.now() - started);
    const { errorClass, code } = controller.signal.aborted ? { errorClass: "TIMEOUT" as const, code: TIMEOUT_CODE } : classifyNetworkError(err);
    const detail = err instanceof Error ? err.message : String(err);
    throw new ConnectorCallError(errorClass, networkMessage(errorClass, code, timeoutMs, detail, url.host), { code, url: url.toString(), latencyMs }, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** One authenticated call to the connector's API (plus one re-send with a fresh OAuth token after a 401). */
export async function connectorRequest(connector: ConnectorTarget, req: ConnectorRequest, opts: CallOptions = {}): Promise<ConnectorResponse> {
  const first = await sendOnce(connector, req, await authHeaders(connector, opts), opts);
  if (first.status !== 401 || connector.authType !== "OAUTH2_CLIENT_CREDENTIALS") return first;
  await invalidateOAuthToken(connector);
  const second = await sendOnce(connector, req, await authHeaders(connector, { ...opts, forceRefresh: true }), opts);
  return { ...second, latencyMs: first.latencyMs + second.latencyMs, authRetried: true };
}

/** The response body as JSON; throws a ConnectorCallError naming the problem when it is not. */
export function responseJson(res: ConnectorResponse): unknown {
  if (!res.text.trim()) return null;
  try {
    return JSON.parse(res.text) as unknown;
  } catch (e) {
    throw new ConnectorCallError("HTTP_OTHER", `La respuesta de ${res.url} no es JSON válido (${(e as Error).message}).`, { url: res.url, status: res.status });
  }
}

/** First characters of a body for logs. */
export function excerpt(text: string | null | undefined, max = EXCERPT_CHARS): string | null {
  if (text === null || text === undefined) return null;
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
