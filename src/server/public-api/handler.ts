import "server-only";
import type { ApiScope } from "@/lib/schemas/api-clients";
import { verifyAccessToken, type ApiCaller } from "@/server/oauth/access";
import { API_BEARER_TOKEN, failureBlock, recordFailure } from "@/server/http/failure-limit";
import { problem, problemLang, problemResponse, toProblem, type ProblemLang } from "./problem";
import { withIdempotency } from "./idempotency";
import { consumeRateLimit, rateLimitHeaders } from "./rate-limit";
import { requestIdOf, withRequestId } from "./request-id";

/** Scopes whose calls create or change documents (a route needing only these writes). */
const DOCUMENT_WRITE_SCOPES: readonly ApiScope[] = ["documents:write", "parse"];
const CREATOR_CANNOT_WRITE = {
  removed: {
    es: "Quien creó este cliente de API ya no pertenece a la organización, así que el cliente no puede crear ni cambiar documentos. Un administrador puede crear un cliente nuevo.",
    en: "The person who created this API client no longer belongs to the organization, so the client cannot create or change documents. An administrator can create a new client.",
  },
  reader: {
    es: "Quien creó este cliente de API ahora tiene un rol de solo lectura, así que el cliente no puede crear ni cambiar documentos.",
    en: "The person who created this API client now has a read-only role, so the client cannot create or change documents.",
  },
} as const;

/** Next passes no params to a route without dynamic segments. */
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined> | undefined> } | undefined;
/** `url` is the request's own URL (path and query only matter): links handed out come from urls.ts. */
export type ApiRequest = { req: Request; url: URL; caller: ApiCaller; params: Record<string, string>; lang: ProblemLang };

/** A JSON response of a public endpoint (problems go through problem.ts). */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers: { "content-type": "application/json", "cache-control": "no-store", ...init.headers } });
}

/**
 * Wraps every /api/v1 route handler: bearer token (401) → rate limit per client and plan
 * (429 + RateLimit-* / Retry-After) → scope (403) → for a route that writes documents, a
 * client-credentials token's creator must still be a member whose role may write (403 with the
 * reason) → the handler; anything thrown becomes
 * problem details (in the Accept-Language's language). RateLimit headers go on every answer after
 * the token was accepted; X-Request-Id on every answer. A POST with Idempotency-Key is answered
 * once per key (idempotency.ts).
 */
export function apiRoute(options: { scopes: readonly ApiScope[] }, fn: (r: ApiRequest) => Promise<Response>) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => withRequestId(await guarded(options, fn, req, ctx), requestIdOf(req.headers));
}

async function guarded(options: { scopes: readonly ApiScope[] }, fn: (r: ApiRequest) => Promise<Response>, req: Request, ctx: RouteContext): Promise<Response> {
  const url = new URL(req.url);
  const instance = url.pathname;
  const lang = problemLang(req.headers);
  try {
    // Too many invalid tokens from this address: refuse before checking another one.
    const wait = await failureBlock(API_BEARER_TOKEN, req.headers);
    if (wait !== null) return problemResponse(problem("RATE_LIMITED", { es: `Demasiados tokens inválidos desde tu dirección; reintentá en ${wait} s`, en: `Too many invalid tokens from your address; retry in ${wait} s` }, { instance, lang }), { "Retry-After": String(wait) });
    const caller = await verifyAccessToken(req.headers.get("authorization"));
    if ("reason" in caller) {
      if (caller.reason !== "missing") await recordFailure(API_BEARER_TOKEN, req.headers);
      const p =
        caller.reason === "missing"
          ? problem("UNAUTHORIZED", { es: "Falta el token: enviá Authorization: Bearer <access_token>", en: "Missing token: send Authorization: Bearer <access_token>" }, { instance, lang })
          : problem("INVALID_TOKEN", { es: "El token es inválido, venció o fue revocado", en: "The token is invalid, expired or revoked" }, { instance, lang });
      const challenge = caller.reason === "missing" ? 'Bearer realm="contaflow"' : 'Bearer realm="contaflow", error="invalid_token"';
      return problemResponse(p, { "www-authenticate": challenge });
    }
    const limit = await consumeRateLimit(caller);
    const limitHeaders = rateLimitHeaders(limit);
    if (!limit.allowed) {
      return problemResponse(problem("RATE_LIMITED", { es: `Superaste el límite de ${limit.limit} llamadas por minuto de tu plan; reintentá en ${limit.resetSeconds} s`, en: `You exceeded your plan's limit of ${limit.limit} calls per minute; retry in ${limit.resetSeconds} s` }, { instance, lang }), limitHeaders);
    }
    if (!options.scopes.some((s) => caller.scopes.includes(s))) {
      const needed = options.scopes.join(" ");
      return problemResponse(problem("INSUFFICIENT_SCOPE", { es: `Este token no tiene el permiso necesario (${options.scopes.join(" o ")})`, en: `This token lacks the required scope (${options.scopes.join(" or ")})` }, { instance, lang }), {
        ...limitHeaders,
        "www-authenticate": `Bearer realm="contaflow", error="insufficient_scope", scope="${needed}"`,
      });
    }
    // Writing documents: a client-credentials token writes as its creator, who must still be a member allowed to write.
    const writesDocuments = options.scopes.every((s) => DOCUMENT_WRITE_SCOPES.includes(s));
    if (writesDocuments && caller.creatorCannotWrite) {
      return problemResponse(problem("FORBIDDEN", CREATOR_CANNOT_WRITE[caller.creatorCannotWrite], { instance, lang }), limitHeaders);
    }
    const raw = (await ctx?.params) ?? {};
    const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]));
    try {
      const res = await withIdempotency(req, url, caller, (r) => fn({ req: r, url, caller, params, lang }));
      for (const [k, v] of Object.entries(limitHeaders)) res.headers.set(k, v);
      return res;
    } catch (e) {
      return problemResponse(toProblem(e, instance, lang), limitHeaders);
    }
  } catch (e) {
    return problemResponse(toProblem(e, instance, lang));
  }
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/** 405 problem+json with Allow, for a method a route does not serve (Next answers an empty 405). */
export function methodNotAllowed(req: Request, allow: readonly string[]): Response {
  const list = [...allow, ...(allow.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const lang = problemLang(req.headers);
  const p = problem("METHOD_NOT_ALLOWED", { es: `${req.method} no está permitido aquí; usá ${allow.join(" o ")}`, en: `${req.method} is not allowed here; use ${allow.join(" or ")}` }, { instance: new URL(req.url).pathname, lang });
  return withRequestId(problemResponse(p, { allow: list }), requestIdOf(req.headers));
}

/**
 * The handlers for every method a route does NOT serve: spread into a route file
 * (`export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"])`).
 */
export function otherMethods(allow: readonly Method[]): Record<Method, (req: Request) => Response> {
  const handler = Object.assign((req: Request) => methodNotAllowed(req, allow), { notServed: true as const });
  return Object.fromEntries(METHODS.map((m) => [m, handler])) as unknown as Record<Method, (req: Request) => Response>;
}

/** 404 problem+json for any /api/v1 path no route serves. */
export const apiNotFound = Object.assign(notFound, { notServed: true as const });

function notFound(req: Request): Response {
  const lang = problemLang(req.headers);
  const path = new URL(req.url).pathname;
  const p = problem("NOT_FOUND", { es: `No existe ${path} en la API v1; ver /api/v1/openapi.json`, en: `There is no ${path} in API v1; see /api/v1/openapi.json` }, { instance: path, lang });
  return withRequestId(problemResponse(p), requestIdOf(req.headers));
}
