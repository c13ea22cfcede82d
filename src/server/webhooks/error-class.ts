/**
 * One error class per failed attempt, plus an es-AR explanation the delivery log shows next to
 * it ("tu URL redirige a …; guardá esa URL"), so an admin can act without reading stack traces.
 */
import { SSRF_ERROR_CODE } from "@/server/net/safe-agent";

export type ErrorClass =
  | "TIMEOUT"
  | "DNS"
  | "CONNECTION_REFUSED"
  | "CONNECTION_RESET"
  | "NETWORK_UNREACHABLE"
  | "TLS"
  | "SSRF_BLOCKED"
  | "INVALID_URL"
  | "REDIRECT"
  | "HTTP_4XX"
  | "HTTP_5XX"
  | "HTTP_OTHER"
  | "UNKNOWN";

export const ATTEMPT_TIMEOUT_CODE = "ERR_WEBHOOK_ATTEMPT_TIMEOUT";

const TIMEOUT_CODES = new Set([ATTEMPT_TIMEOUT_CODE, "ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "ENODATA"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN"]);

/** The most specific `code` in an error, its causes and (for happy-eyeballs) its aggregated errors. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== "object" || depth > 5) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof e.code === "string" && e.code !== "UND_ERR" ? e.code : undefined;
  const nested = errorCode(e.cause, depth + 1) ?? (Array.isArray(e.errors) ? e.errors.map((x) => errorCode(x, depth + 1)).find(Boolean) : undefined);
  // undici wraps socket errors; the innermost OS code is the useful one.
  return own && own.startsWith("UND_ERR") && nested ? nested : (own ?? nested);
}

function isTlsCode(code: string): boolean {
  return code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || code.includes("CERT") || code.includes("SELF_SIGNED") || code === "EPROTO";
}

export function classifyNetworkError(err: unknown): { errorClass: ErrorClass; code: string | undefined } {
  const code = errorCode(err);
  if (!code) return { errorClass: "UNKNOWN", code };
  if (code === SSRF_ERROR_CODE) return { errorClass: "SSRF_BLOCKED", code };
  if (TIMEOUT_CODES.has(code)) return { errorClass: "TIMEOUT", code };
  if (DNS_CODES.has(code)) return { errorClass: "DNS", code };
  if (code === "ECONNREFUSED") return { errorClass: "CONNECTION_REFUSED", code };
  if (RESET_CODES.has(code)) return { errorClass: "CONNECTION_RESET", code };
  if (UNREACHABLE_CODES.has(code)) return { errorClass: "NETWORK_UNREACHABLE", code };
  if (isTlsCode(code)) return { errorClass: "TLS", code };
  if (code === "ERR_INVALID_URL" || code === "UND_ERR_INVALID_ARG") return { errorClass: "INVALID_URL", code };
  return { errorClass: "UNKNOWN", code };
}

export function classifyStatus(status: number): ErrorClass | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400) return "REDIRECT";
  if (status >= 400 && status < 500) return "HTTP_4XX";
  if (status >= 500 && status < 600) return "HTTP_5XX";
  return "HTTP_OTHER";
}

export interface ExplainInput {
  errorClass: ErrorClass;
  status?: number | null;
  code?: string;
  location?: string | null;
  timeoutMs?: number;
  detail?: string;
}

/** An actionable es-AR sentence for the delivery log. */
export function explainFailure(x: ExplainInput): string {
  switch (x.errorClass) {
    case "TIMEOUT":
      return `El receptor no respondió en ${Math.round((x.timeoutMs ?? 15_000) / 1000)} s. Respondé 2xx enseguida y procesá el evento en segundo plano.`;
    case "DNS":
      return `No pudimos resolver el nombre del host (${x.code ?? "DNS"}). Revisá que la URL esté bien escrita.`;
    case "CONNECTION_REFUSED":
      return "El servidor rechazó la conexión: no hay nada escuchando en ese puerto.";
    case "CONNECTION_RESET":
      return "El servidor cortó la conexión antes de responder.";
    case "NETWORK_UNREACHABLE":
      return "No hay ruta de red hasta el servidor.";
    case "TLS":
      return `Falló la conexión segura (TLS: ${x.code ?? "desconocido"}). Revisá que el certificado sea válido y no esté vencido.`;
    case "SSRF_BLOCKED":
      return x.detail ?? "La URL apunta a una red no permitida.";
    case "INVALID_URL":
      return "La URL del endpoint no es válida.";
    case "REDIRECT":
      return x.location
        ? `La URL redirige (HTTP ${x.status}) a ${x.location}; no seguimos redirecciones: guardá esa URL en su lugar.`
        : `La URL respondió una redirección (HTTP ${x.status}) sin destino; no seguimos redirecciones.`;
    case "HTTP_4XX":
      if (x.status === 410) return "El receptor respondió 410 Gone: pidió dar de baja este endpoint.";
      if (x.status === 429) return "El receptor pidió bajar el ritmo (429); reintentamos más tarde.";
      if (x.status === 401 || x.status === 403) return `El receptor rechazó la autenticación (HTTP ${x.status}). Revisá el secreto y el token configurados.`;
      return `El receptor rechazó el evento (HTTP ${x.status}).`;
    case "HTTP_5XX":
      return `El receptor tuvo un error interno (HTTP ${x.status}).`;
    case "HTTP_OTHER":
      return `El receptor respondió un código inesperado (HTTP ${x.status}).`;
    case "UNKNOWN":
      return `Error inesperado al enviar${x.code ? ` (${x.code})` : ""}${x.detail ? `: ${x.detail}` : ""}.`;
  }
}
