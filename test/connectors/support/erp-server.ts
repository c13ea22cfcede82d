/**
 * A small ERP on 127.0.0.1 for connector tests: a real node:http server with the auth variants
 * connectors speak (API key header, bearer, basic, OAuth 2.0 client credentials with its own
 * token endpoint), and knobs for the unpleasant parts (429 with Retry-After, slow answers,
 * revoked tokens, malformed JSON). Everything it receives is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ErpAuth =
  | { kind: "none" }
  | { kind: "apiKey"; header: string; key: string }
  | { kind: "bearer"; token: string }
  | { kind: "basic"; user: string; password: string }
  | { kind: "oauth"; clientId: string; clientSecret: string; scope?: string; expiresIn?: number; clientAuth?: "basic" | "post" };

export type ErpRequest = { method: string; path: string; headers: Record<string, string>; body: string; at: number };

export interface ErpServer {
  url: string;
  requests: ErpRequest[];
  tokenRequests: ErpRequest[];
  /** Access tokens the token endpoint has issued. */
  issued: string[];
  /** Make every issued token invalid (the API answers 401 until a new one is requested). */
  revokeTokens(): void;
  /** Answer the next `count` API calls with 429 and this Retry-After. */
  throttle(count: number, retryAfter: string | null): void;
  /** Delay every API answer by `ms`. */
  setDelay(ms: number): void;
  /** Override the answer of a path (method + path, e.g. "GET /salud"). */
  route(key: string, handler: (req: ErpRequest, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export async function startErp(auth: ErpAuth = { kind: "none" }): Promise<ErpServer> {
  const requests: ErpRequest[] = [];
  const tokenRequests: ErpRequest[] = [];
  const issued: string[] = [];
  let valid = new Set<string>();
  let throttled = 0;
  let retryAfter: string | null = null;
  let delayMs = 0;
  const routes = new Map<string, (req: ErpRequest, res: ServerResponse) => void>();

  function authorized(req: ErpRequest): boolean {
    const h = req.headers;
    switch (auth.kind) {
      case "none":
        return true;
      case "apiKey":
        return h[auth.header.toLowerCase()] === auth.key;
      case "bearer":
        return h.authorization === `Bearer ${auth.token}`;
      case "basic":
        return h.authorization === `Basic ${Buffer.from(`${auth.user}:${auth.password}`).toString("base64")}`;
      case "oauth": {
        const m = /^Bearer (.+)$/.exec(h.authorization ?? "");
        return !!m && valid.has(m[1]!);
      }
    }
  }

  function tokenEndpoint(req: ErpRequest, res: ServerResponse) {
    tokenRequests.push(req);
    if (auth.kind !== "oauth") return send(res, 404, { error: "not_found" });
    const form = new URLSearchParams(req.body);
    let id: string | null = null;
    let secret: string | null = null;
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
    if (basic) {
      const [u, p] = Buffer.from(basic[1]!, "base64").toString().split(":");
      id = decodeURIComponent(u ?? "");
      secret = decodeURIComponent(p ?? "");
    } else {
      id = form.get("client_id");
      secret = form.get("client_secret");
    }
    if (auth.clientAuth === "post" && basic) return send(res, 401, { error: "invalid_client", error_description: "use client_secret_post" });
    if (form.get("grant_type") !== "client_credentials") return send(res, 400, { error: "unsupported_grant_type" });
    if (id !== auth.clientId || secret !== auth.clientSecret) return send(res, 401, { error: "invalid_client", error_description: "Client authentication failed" });
    if (auth.scope && form.get("scope") !== auth.scope) return send(res, 400, { error: "invalid_scope" });
    const token = `tok-${issued.length + 1}-${Math.random().toString(36).slice(2, 8)}`;
    issued.push(token);
    valid.add(token);
    send(res, 200, { access_token: token, token_type: "Bearer", expires_in: auth.expiresIn ?? 3600 }, { "cache-control": "no-store" });
  }

  const server = createServer((incoming: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (c: Buffer) => chunks.push(c));
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://erp.local");
      const req: ErpRequest = {
        method: incoming.method ?? "GET",
        path: url.pathname + url.search,
        headers: Object.fromEntries(Object.entries(incoming.headers).map(([k, v]) => [k, String(v)])),
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      if (url.pathname === "/oauth/token") return tokenEndpoint(req, res);
      requests.push(req);
      const answer = () => {
        if (throttled > 0) {
          throttled -= 1;
          return send(res, 429, { error: "too_many_requests" }, retryAfter === null ? {} : { "retry-after": retryAfter });
        }
        if (!authorized(req)) return send(res, 401, { error: "unauthorized" }, auth.kind === "oauth" || auth.kind === "bearer" ? { "www-authenticate": 'Bearer error="invalid_token"' } : {});
        const custom = routes.get(`${req.method} ${url.pathname}`);
        if (custom) return custom(req, res);
        send(res, 200, { ok: true, path: url.pathname });
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    tokenRequests,
    issued,
    revokeTokens: () => {
      valid = new Set();
    },
    throttle: (count, ra) => {
      throttled = count;
      retryAfter = ra;
    },
    setDelay: (ms) => {
      delayMs = ms;
    },
    route: (key, handler) => routes.set(key, handler),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
