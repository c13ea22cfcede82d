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

/** What the admin should do. Retriable codes say nothing about retrying: `retryNote` adds that. */
const ADVICE: Record<N8nErrorCode, string> = {
  AUTH_FAILED: "n8n rechazó el token o la firma. Verificá el token y el secreto de firma en Integraciones › n8n (deben coincidir con los del workflow). No se reintenta.",
  INVALID_PAYLOAD: "n8n rechazó la estructura del pedido. Revisá que el workflow espere el formato v1 del contrato. No se reintenta.",
  PARSE_FAILED: "n8n no pudo extraer datos del contenido. Queda para revisión manual.",
  AI_ERROR: "Falló el servicio de IA de n8n; si sigue fallando se usa una regla local.",
  RATE_LIMITED: "n8n pidió bajar el ritmo de pedidos.",
  INTERNAL_ERROR: "Error interno de n8n: mirá la ejecución en n8n (Executions) o contactá al soporte de tu n8n.",
  TIMEOUT: "El workflow de n8n excedió el tiempo límite; conviene optimizarlo o subir el tiempo de espera.",
  NETWORK: "No pudimos conectarnos con n8n.",
  BLOCKED_URL: "La URL de n8n apunta a una red privada o local; por seguridad no la llamamos. No se reintenta.",
  INVALID_RESPONSE: "La respuesta de n8n no cumple el contrato; no se guardó nada. Revisá el nodo «Respond to Webhook» del workflow. No se reintenta.",
  NOT_CONFIGURED: "n8n no está configurado o está desactivado: cargá la URL, el token y el secreto en Integraciones › n8n.",
  NOT_FOUND: "El webhook no existe en n8n: importá el workflow de docs/n8n y activalo. No se reintenta.",
  UNKNOWN_ERROR: "n8n respondió con un código de error que el contrato no define. No se reintenta.",
};

/**
 * A 2xx with an empty or non-JSON body: what real n8n answers when a step of the workflow
 * throws (the webhook already promised a 200). Retriable like INTERNAL_ERROR; the cause is in
 * n8n's executions.
 */
export function emptyAnswerAdvice(executionId: string | null): string {
  const where = executionId ? `la ejecución ${executionId} en n8n (Executions)` : "la última ejecución del workflow en n8n (Executions)";
  return `Suele significar que un paso del workflow falló: mirá ${where}. Con los workflows de docs/n8n, la causa más común es que falte NODE_FUNCTION_ALLOW_BUILTIN=crypto (o las variables CONTAFLOW_WEBHOOK_TOKEN / CONTAFLOW_SIGNING_SECRET) en la instancia de n8n; «Revisar mi configuración» en Integraciones › n8n dice cuál.`;
}

/** Where a failed call stands: another attempt follows, the attempts ran out, or it was one call (e.g. «Probar»). */
export type RetryPhase = "retrying" | "exhausted" | "single";

function retryNote(phase: RetryPhase, attempts: number): string {
  if (phase === "retrying") return "Se reintenta automáticamente.";
  if (phase === "exhausted") return `Se agotaron los reintentos (${attempts} intentos); no se vuelve a intentar.`;
  return "";
}

export class N8nCallError extends Error {
  private phase: RetryPhase = "retrying";
  private attempts = 1;

  constructor(
    readonly code: N8nErrorCode,
    /** What n8n (or the network) said, without our advice. */
    readonly detail: string,
    readonly info: { httpStatus?: number; executionId?: string | null; retryAfterMs?: number | null; requestId?: string; latencyMs?: number; advice?: string; details?: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super("", options);
    this.name = "N8nCallError";
    this.message = this.compose();
  }

  private compose(): string {
    const advice = this.info.advice ?? ADVICE[this.code];
    const note = this.retriable ? retryNote(this.phase, this.attempts) : "";
    return `${this.code}: ${this.detail ? `${this.detail}. ` : ""}${advice}${note ? ` ${note}` : ""}`;
  }

  /** Rewrites the message for where the call stands (the log and the UI read it). */
  settle(phase: RetryPhase, attempts: number): this {
    this.phase = phase;
    this.attempts = attempts;
    this.message = this.compose();
    return this;
  }

  get outcome(): N8nOutcome {
    return ERROR_POLICY[this.code];
  }

  get retriable(): boolean {
    return this.outcome === "retry";
  }
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
