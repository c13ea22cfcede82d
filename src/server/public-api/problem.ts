import "server-only";
import { ZodError } from "zod";
import { DB_RETRY_AFTER_SECONDS, DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/availability";
import { AppError, appErrorStatus, type AppErrorCode } from "@/server/errors";
import { serverMessage } from "@/server/i18n/server-message";
import { serverText } from "@/server/i18n/server-text";
import { logger } from "@/server/log/logger";

/**
 * RFC 9457 problem details: the ONE error shape of /api/v1. Every error of a public endpoint —
 * AppError from domain code, zod validation, auth, scopes, rate limit, anything unexpected — is
 * turned into a response here and only here.
 */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Our machine-readable code (same as AppError codes, plus a few of the API's own). */
  code: string;
  instance?: string;
  /** Field-level messages (validation). */
  errors?: Record<string, string[]>;
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
export const PROBLEM_BASE = "https://contaflow.ar/api/problemas/";

export type ProblemCode = AppErrorCode | "INVALID_TOKEN" | "INSUFFICIENT_SCOPE" | "VALIDATION" | "METHOD_NOT_ALLOWED" | "PRECONDITION_FAILED" | "PRECONDITION_REQUIRED";

/** Problems speak Spanish unless the client asks for English (Accept-Language: en…). */
export type ProblemLang = "es" | "en";

/** The first language of Accept-Language we speak, by q order; Spanish otherwise. */
export function problemLang(headers: Headers): ProblemLang {
  const ranges = (headers.get("accept-language") ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.map((x) => x.trim()).find((x) => x.startsWith("q="))?.slice(2) ?? "1");
      return { tag: tag.trim(), q: Number.isNaN(q) ? 0 : q, i };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    if (r.tag === "en" || r.tag.startsWith("en-")) return "en";
    if (r.tag === "es" || r.tag.startsWith("es-") || r.tag === "*") return "es";
  }
  return "es";
}

/**
 * A detail in both languages, or a Spanish one (domain messages): written in English through the
 * server catalogue (the "server" message area), or the generic English text of its code when
 * it has no entry yet.
 */
export type Detail = string | { es: string; en: string };

const statusOf: Record<ProblemCode, number> = { ...appErrorStatus, INVALID_TOKEN: 401, INSUFFICIENT_SCOPE: 403, VALIDATION: 400, METHOD_NOT_ALLOWED: 405, PRECONDITION_FAILED: 412, PRECONDITION_REQUIRED: 428 };

export function problem(code: ProblemCode, detail: Detail, extra: Partial<Pick<Problem, "errors" | "instance">> & { lang?: ProblemLang } = {}): Problem {
  const { lang = "es", errors, ...rest } = extra;
  const locale = lang === "en" ? "en" : "es-AR";
  const text = typeof detail === "string" ? (lang === "en" ? english(detail, serverMessage(`problems.generic.${code}`, {}, locale)) : detail) : detail[lang];
  // Titles (and the generic details) are the "problems" server messages.
  return { type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, "-")}`, title: serverMessage(`problems.titles.${code}`, {}, locale), status: statusOf[code], detail: text, code, ...rest, ...(errors ? { errors: lang === "en" ? englishFields(errors) : errors } : {}) };
}

function english(text: string, fallback: string): string {
  const en = serverText(text, "en");
  return en === text ? fallback : en;
}

/** Field messages in English where catalogued (others stay as written: they name the field anyway). */
function englishFields(errors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(errors).map(([k, list]) => [k, list.map((m) => serverText(m, "en"))]));
}

/** Messages by parameter; unknown parameters are named as such. */
function zodErrors(e: ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (key: string, message: string) => (errors[key] ??= []).push(message);
  for (const issue of e.issues) {
    if (issue.code === "unrecognized_keys") for (const k of issue.keys) add(k, "Parámetro desconocido");
    else add(issue.path.map(String).join(".") || "_", issue.message);
  }
  return errors;
}

/** Converts anything thrown by a public endpoint into a problem. */
export function toProblem(e: unknown, instance?: string, lang: ProblemLang = "es"): Problem {
  if (e instanceof AppError) return problem(e.code, e.message, { instance, lang, ...(e.fieldErrors ? { errors: e.fieldErrors } : {}) });
  if (e instanceof ZodError) return problem("VALIDATION", "Revisá los parámetros de la solicitud", { instance, lang, errors: zodErrors(e) });
  if (isDatabaseUnavailable(e)) return problem("UNAVAILABLE", DB_UNAVAILABLE_MESSAGE, { instance, lang });
  logger.child({ module: "public-api" }).error({ err: e, instance }, "public API: unexpected error");
  return problem("INTERNAL", "Ocurrió un error inesperado; volvé a intentar en unos minutos", { instance, lang });
}

export function problemResponse(p: Problem, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  // 503 always says when to come back.
  if (p.status === 503 && !h.has("retry-after")) h.set("retry-after", String(DB_RETRY_AFTER_SECONDS));
  h.set("content-type", PROBLEM_CONTENT_TYPE);
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(p), { status: p.status, headers: h });
}
