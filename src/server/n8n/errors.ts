/**
 * What each n8n error code means for Contaflow (the contract's "acción recomendada"):
 *   RATE_LIMITED, TIMEOUT, AI_ERROR, INTERNAL_ERROR (and network trouble) → retry with backoff;
 *     AI_ERROR may fall back to a local rule once the retries are used up;
 *   AUTH_FAILED, INVALID_PAYLOAD (and our configuration/response problems) → no retry, a clear
 *     message for the admin on the call log;
 *   PARSE_FAILED → the content goes to manual review.
 */
import type { N8nErrorCode } from "@/lib/schemas/n8n";

export type N8nOutcome = "retry" | "no_retry" | "manual_review";

export const ERROR_POLICY: Record<N8nErrorCode, N8nOutcome> = {
  RATE_LIMITED: "retry",
  TIMEOUT: "retry",
  AI_ERROR: "retry",
  INTERNAL_ERROR: "retry",
  NETWORK: "retry",
  AUTH_FAILED: "no_retry",
  INVALID_PAYLOAD: "no_retry",
  INVALID_RESPONSE: "no_retry",
  NOT_CONFIGURED: "no_retry",
  NOT_FOUND: "no_retry",
  BLOCKED_URL: "no_retry",
  UNKNOWN_ERROR: "no_retry",
  PARSE_FAILED: "manual_review",
};

const ADVICE: Record<N8nErrorCode, string> = {
  AUTH_FAILED: "n8n rechazó el token o la firma. Verificá el token y el secreto de firma en Integraciones › n8n (deben coincidir con los del workflow). No se reintenta.",
  INVALID_PAYLOAD: "n8n rechazó la estructura del pedido. Revisá que el workflow espere el formato v1 del contrato. No se reintenta.",
  PARSE_FAILED: "n8n no pudo extraer datos del contenido. Queda para revisión manual.",
  AI_ERROR: "Falló el servicio de IA de n8n. Se reintenta; si sigue fallando se usa una regla local.",
  RATE_LIMITED: "n8n pidió bajar el ritmo de pedidos. Se reintenta más tarde.",
  INTERNAL_ERROR: "Error interno de n8n. Se reintenta; si persiste, revisá el workflow o contactá al soporte de tu n8n.",
  TIMEOUT: "El workflow de n8n excedió el tiempo límite. Se reintenta; conviene optimizar el workflow.",
  NETWORK: "No pudimos conectarnos con n8n. Se reintenta.",
  BLOCKED_URL: "La URL de n8n apunta a una red privada o local; por seguridad no la llamamos. No se reintenta.",
  INVALID_RESPONSE: "La respuesta de n8n no cumple el contrato; no se guardó nada. Revisá el nodo «Respond to Webhook» del workflow. No se reintenta.",
  NOT_CONFIGURED: "n8n no está configurado o está desactivado: cargá la URL, el token y el secreto en Integraciones › n8n.",
  NOT_FOUND: "El webhook no existe en n8n: importá el workflow de docs/n8n y activalo. No se reintenta.",
  UNKNOWN_ERROR: "n8n respondió con un código de error que el contrato no define. No se reintenta.",
};

export class N8nCallError extends Error {
  constructor(
    readonly code: N8nErrorCode,
    /** What n8n (or the network) said, without our advice. */
    readonly detail: string,
    readonly info: { httpStatus?: number; executionId?: string | null; retryAfterMs?: number | null; requestId?: string; latencyMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail ? `${detail}. ` : ""}${ADVICE[code]}`, options);
    this.name = "N8nCallError";
  }

  get outcome(): N8nOutcome {
    return ERROR_POLICY[this.code];
  }

  get retriable(): boolean {
    return this.outcome === "retry";
  }
}

export function adviceFor(code: N8nErrorCode): string {
  return ADVICE[code];
}

/** The HTTP status of an answer that carried no contract error body. */
export function codeForStatus(status: number): N8nErrorCode {
  if (status === 401 || status === 403) return "AUTH_FAILED";
  if (status === 404) return "NOT_FOUND";
  if (status === 408 || status === 504) return "TIMEOUT";
  if (status === 429) return "RATE_LIMITED";
  if (status === 400 || status === 422) return "INVALID_PAYLOAD";
  if (status >= 500) return "INTERNAL_ERROR";
  return "INVALID_RESPONSE";
}
