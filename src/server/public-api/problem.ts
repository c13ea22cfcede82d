import "server-only";
import { ZodError } from "zod";
import { AppError, appErrorStatus, type AppErrorCode } from "@/server/errors";
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

export type ProblemCode = AppErrorCode | "INVALID_TOKEN" | "INSUFFICIENT_SCOPE" | "VALIDATION";

const titles: Record<ProblemCode, string> = {
  BAD_REQUEST: "Solicitud inválida",
  VALIDATION: "Datos inválidos",
  UNAUTHORIZED: "No autenticado",
  INVALID_TOKEN: "Token inválido",
  FORBIDDEN: "Prohibido",
  INSUFFICIENT_SCOPE: "Permiso insuficiente",
  NOT_FOUND: "No encontrado",
  CONFLICT: "Conflicto",
  PAYLOAD_TOO_LARGE: "Archivo demasiado grande",
  UNPROCESSABLE: "No procesable",
  RATE_LIMITED: "Demasiadas solicitudes",
  INTERNAL: "Error interno",
};

const statusOf: Record<ProblemCode, number> = { ...appErrorStatus, INVALID_TOKEN: 401, INSUFFICIENT_SCOPE: 403, VALIDATION: 400 };

export function problem(code: ProblemCode, detail: string, extra: Partial<Pick<Problem, "errors" | "instance">> = {}): Problem {
  return { type: `${PROBLEM_BASE}${code.toLowerCase().replace(/_/g, "-")}`, title: titles[code], status: statusOf[code], detail, code, ...extra };
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
export function toProblem(e: unknown, instance?: string): Problem {
  if (e instanceof AppError) return problem(e.code, e.message, { instance, ...(e.fieldErrors ? { errors: e.fieldErrors } : {}) });
  if (e instanceof ZodError) return problem("VALIDATION", "Revisá los parámetros de la solicitud", { instance, errors: zodErrors(e) });
  logger.child({ module: "public-api" }).error({ err: e, instance }, "public API: unexpected error");
  return problem("INTERNAL", "Ocurrió un error inesperado; volvé a intentar en unos minutos", { instance });
}

export function problemResponse(p: Problem, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("content-type", PROBLEM_CONTENT_TYPE);
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(p), { status: p.status, headers: h });
}
