/**
 * Custom request headers an admin adds to an endpoint ("Nombre: valor", one per line). They are
 * sent on every attempt, after ours can no longer be overridden: hop-by-hop headers, the ones
 * the HTTP client computes and every signature/identity header are refused at save time.
 */
export const MAX_CUSTOM_HEADERS = 10;
export const MAX_HEADER_NAME = 64;
export const MAX_HEADER_VALUE = 1024;
export const MAX_HEADERS_TOTAL = 4096;

const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];
const COMPUTED = ["host", "content-length", "content-type", "content-encoding", "expect", "user-agent"];
const SIGNATURE = ["x-webhook-token", "x-signature", "x-request-id", "x-timestamp", "x-webhook-event", "x-webhook-attempt"];
const SIGNATURE_PREFIXES = ["webhook-", "x-webhook-"];

export type CustomHeaders = Record<string, string>;
export type ParseResult = { ok: true; headers: CustomHeaders } | { ok: false; error: string };

function refusal(name: string): string | null {
  const lower = name.toLowerCase();
  if (HOP_BY_HOP.includes(lower)) return `«${name}» es un encabezado de conexión (hop-by-hop): no se puede fijar`;
  if (COMPUTED.includes(lower)) return `«${name}» lo calcula Contaflow en cada envío: no se puede fijar`;
  if (SIGNATURE.includes(lower) || SIGNATURE_PREFIXES.some((p) => lower.startsWith(p))) return `«${name}» es un encabezado de firma o identidad del webhook: no se puede fijar`;
  return null;
}

/** Parses the form's text. Lines may be blank; names are case-insensitive and must be unique. */
export function parseCustomHeaders(text: string): ParseResult {
  const headers: CustomHeaders = {};
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_CUSTOM_HEADERS) return { ok: false, error: `Máximo ${MAX_CUSTOM_HEADERS} encabezados` };
  let total = 0;
  for (const [i, line] of lines.entries()) {
    const at = `Línea ${i + 1}`;
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, error: `${at}: escribí «Nombre: valor»` };
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (!TOKEN.test(name)) return { ok: false, error: `${at}: «${name}» no es un nombre de encabezado válido (letras, números y - sin espacios)` };
    if (name.length > MAX_HEADER_NAME) return { ok: false, error: `${at}: el nombre supera ${MAX_HEADER_NAME} caracteres` };
    const refused = refusal(name);
    if (refused) return { ok: false, error: `${at}: ${refused}` };
    if (!value) return { ok: false, error: `${at}: falta el valor de «${name}»` };
    if (value.length > MAX_HEADER_VALUE) return { ok: false, error: `${at}: el valor supera ${MAX_HEADER_VALUE} caracteres` };
    if (!/^[\x20-\x7e\t]*$/.test(value)) return { ok: false, error: `${at}: el valor de «${name}» tiene caracteres no permitidos (solo ASCII visible)` };
    const key = name.toLowerCase();
    if (key in headers) return { ok: false, error: `${at}: «${name}» está repetido` };
    headers[key] = value;
    total += key.length + value.length + 4;
  }
  if (total > MAX_HEADERS_TOTAL) return { ok: false, error: `Los encabezados suman más de ${MAX_HEADERS_TOTAL} bytes` };
  return { ok: true, headers };
}

export function formatCustomHeaders(headers: CustomHeaders): string {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\n");
}
