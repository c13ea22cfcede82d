import "server-only";
import type { ApiScope } from "@/lib/schemas/api-clients";
import { verifyAccessToken, type ApiCaller } from "@/server/oauth/access";
import { API_BEARER_TOKEN, failureBlock, recordFailure } from "@/server/http/failure-limit";
import { problem, problemResponse, toProblem } from "./problem";
import { consumeRateLimit, rateLimitHeaders } from "./rate-limit";

/** Next passes no params to a route without dynamic segments. */
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined> | undefined> } | undefined;
export type ApiRequest = { req: Request; url: URL; caller: ApiCaller; params: Record<string, string> };

/** A JSON response of a public endpoint (problems go through problem.ts). */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: { "content-type": "application/json", "cache-control": "no-store", ...init.headers } });
}

/**
 * Wraps every /api/v1 route handler: bearer token (401) → rate limit per client and plan
 * (429 + RateLimit-* / Retry-After) → scope (403) → the handler; anything thrown becomes
 * problem details. RateLimit headers go on every answer after the token was accepted.
 */
export function apiRoute(options: { scopes: readonly ApiScope[] }, fn: (r: ApiRequest) => Promise<Response>) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    const url = new URL(req.url);
    const instance = url.pathname;
    try {
      // Too many invalid tokens from this address: refuse before checking another one.
      const wait = await failureBlock(API_BEARER_TOKEN, req.headers);
      if (wait !== null) return problemResponse(problem("RATE_LIMITED", `Demasiados tokens inválidos desde tu dirección; reintentá en ${wait} s`, { instance }), { "Retry-After": String(wait) });
      const caller = await verifyAccessToken(req.headers.get("authorization"));
      if ("reason" in caller) {
        if (caller.reason !== "missing") await recordFailure(API_BEARER_TOKEN, req.headers);
        const p =
          caller.reason === "missing"
            ? problem("UNAUTHORIZED", "Falta el token: enviá Authorization: Bearer <access_token>", { instance })
            : problem("INVALID_TOKEN", "El token es inválido, venció o fue revocado", { instance });
        const challenge = caller.reason === "missing" ? 'Bearer realm="contaflow"' : 'Bearer realm="contaflow", error="invalid_token"';
        return problemResponse(p, { "www-authenticate": challenge });
      }
      const limit = await consumeRateLimit(caller);
      const limitHeaders = rateLimitHeaders(limit);
      if (!limit.allowed) {
        return problemResponse(problem("RATE_LIMITED", `Superaste el límite de ${limit.limit} llamadas por minuto de tu plan; reintentá en ${limit.resetSeconds} s`, { instance }), limitHeaders);
      }
      if (!options.scopes.some((s) => caller.scopes.includes(s))) {
        const needed = options.scopes.join(" ");
        return problemResponse(problem("INSUFFICIENT_SCOPE", `Este token no tiene el permiso necesario (${options.scopes.join(" o ")})`, { instance }), {
          ...limitHeaders,
          "www-authenticate": `Bearer realm="contaflow", error="insufficient_scope", scope="${needed}"`,
        });
      }
      const raw = (await ctx?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
      try {
        const res = await fn({ req, url, caller, params });
        for (const [k, v] of Object.entries(limitHeaders)) res.headers.set(k, v);
        return res;
      } catch (e) {
        return problemResponse(toProblem(e, instance), limitHeaders);
      }
    } catch (e) {
      return problemResponse(toProblem(e, instance));
    }
  };
}
