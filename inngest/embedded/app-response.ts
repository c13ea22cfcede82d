/**
 * Reads the app's answer to a step call as the Inngest server does:
 * - streaming (`serve({ streaming: true })`, INNGEST_STREAMING=true): the SDK answers 201 at once,
 *   keeps the connection alive with spaces, and ends the body with the real answer as JSON
 *   `{ status, headers, body, version }` (inngest/components/InngestCommHandler + helpers/stream);
 * - the SDK signs every answer to a signed request: `X-Inngest-Signature: t=…&s=HMAC(body + t)`
 *   over the raw body text; a missing or wrong signature means it is not our app answering;
 * - a body that is not JSON is a failure, never a result.
 */
import { verifyResponse } from "./signing";

export type AppAnswer =
  | { status: number; body: unknown; retryAfter: string | null; noRetry: boolean; version: number | null }
  | { networkError: string }
  | { invalid: string };

export async function readAppAnswer(res: Response, signingKey: string): Promise<AppAnswer> {
  const text = await res.text();
  let status = res.status;
  let header = (name: string) => res.headers.get(name);
  let body = text;
  if (status === 201) {
    let final: { status?: number; headers?: Record<string, string>; body?: unknown };
    try {
      final = JSON.parse(text.trim()) as typeof final;
    } catch {
      return { invalid: "La respuesta en streaming (201) de la app terminó sin un JSON final" };
    }
    const headers = Object.fromEntries(Object.entries(final.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    status = Number(final.status);
    header = (name) => headers[name.toLowerCase()] ?? null;
    body = typeof final.body === "string" ? final.body : JSON.stringify(final.body ?? null);
  }
  if (!verifyResponse(body, header("x-inngest-signature"), signingKey)) {
    return { invalid: `La respuesta de la app (HTTP ${status}) no trae una firma X-Inngest-Signature válida` };
  }
  let parsed: unknown = null;
  try {
    parsed = body ? JSON.parse(body) : null;
  } catch {
    if (status === 200 || status === 206) return { invalid: `La app respondió HTTP ${status} con un cuerpo que no es JSON: ${body.slice(0, 200)}` };
    parsed = { name: "Error", message: body.slice(0, 500) };
  }
  const version = header("x-inngest-req-version");
  return { status, body: parsed, retryAfter: header("retry-after"), noRetry: header("x-inngest-no-retry") === "true", version: version === null ? null : Number(version) };
}
