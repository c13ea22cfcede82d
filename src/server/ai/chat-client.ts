/**
 * One OpenAI-compatible chat completion (`POST {baseUrl}/chat/completions`) in JSON mode,
 * through the SSRF-guarded agent (every connection resolved, checked and pinned; redirects
 * never followed). The reply's message content is parsed as JSON (a ```json fence is tolerated)
 * and validated with the caller's zod schema. Every failure is an `AiCallError` with an es-AR
 * message the UI can show as is; the API key never appears in messages.
 */
import "server-only";
import { performance } from "node:perf_hooks";
import { request, type Dispatcher } from "undici";
import { z } from "zod";
import { createSafeAgent } from "@/server/net/safe-agent";
import { classifyNetworkError } from "@/server/webhooks/error-class";

export type AiErrorKind = "NETWORK" | "TIMEOUT" | "SSRF_BLOCKED" | "AUTH" | "HTTP" | "RATE_LIMITED" | "BAD_REPLY" | "INVALID_JSON" | "SCHEMA";

export class AiCallError extends Error {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    readonly details: { status?: number; latencyMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AiCallError";
  }

  /** Worth another try later (network trouble, 429, 5xx); not for configuration or bad replies. */
  get retryable(): boolean {
    return this.kind === "NETWORK" || this.kind === "TIMEOUT" || this.kind === "RATE_LIMITED" || (this.kind === "HTTP" && (this.details.status ?? 0) >= 500);
  }
}

export interface ChatTarget {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

export interface ChatOptions {
  /** Tests may pass their own agent; production uses the shared guarded one. */
  dispatcher?: Dispatcher;
}

export interface ChatRequest<T> {
  system: string;
  user: string;
  schema: z.ZodType<T>;
  maxTokens?: number;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const TIMEOUT_CODE = "ERR_AI_TIMEOUT";

let sharedAgent: Dispatcher | undefined;
function aiAgent(): Dispatcher {
  sharedAgent ??= createSafeAgent({ connections: 8 });
  return sharedAgent;
}

/** `{baseUrl}/chat/completions`, whether or not the base URL ends with a slash. */
export function completionsUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/chat/completions`;
  return url.toString();
}

const completionReply = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable().optional() }).passthrough() }).passthrough())
    .min(1),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).passthrough().optional(),
});

/** The JSON inside a model's reply: the whole text, or a fenced ```json block. */
export function parseJsonContent(content: string): unknown {
  const text = content.trim();
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text);
  try {
    return JSON.parse(fenced?.[1] ?? text) as unknown;
  } catch {
    throw new AiCallError("INVALID_JSON", "El modelo no respondió JSON válido; revisá que el modelo soporte el modo JSON o ajustá el prompt.");
  }
}

function zodSummary(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(raíz)"}: ${i.message}`)
    .join("; ");
}

async function readBody(body: Dispatcher.ResponseData["body"]): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_BODY_BYTES) {
      body.destroy();
      throw new AiCallError("BAD_REPLY", "La respuesta del proveedor de IA es demasiado grande.");
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function httpError(status: number, text: string, latencyMs: number): AiCallError {
  let detail = "";
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string };
    const msg = typeof body.error === "string" ? body.error : body.error?.message;
    if (typeof msg === "string") detail = `: ${msg.slice(0, 200)}`;
  } catch {
    /* not JSON: status alone */
  }
  if (status === 401 || status === 403) return new AiCallError("AUTH", `El proveedor rechazó la API key (HTTP ${status})${detail}.`, { status, latencyMs });
  if (status === 429) return new AiCallError("RATE_LIMITED", `El proveedor limitó las consultas (HTTP 429)${detail}; probá de nuevo en un rato.`, { status, latencyMs });
  if (status === 404) return new AiCallError("HTTP", `No encontramos /chat/completions en esa URL base o el modelo no existe (HTTP 404)${detail}.`, { status, latencyMs });
  return new AiCallError("HTTP", `El proveedor respondió HTTP ${status}${detail}.`, { status, latencyMs });
}

/** Sends the completion and returns the validated JSON reply (plus latency for the test button). */
export async function chatCompletion<T>(target: ChatTarget, req: ChatRequest<T>, opts: ChatOptions = {}): Promise<{ value: T; latencyMs: number }> {
  const url = completionsUrl(target.baseUrl);
  const body = JSON.stringify({
    model: target.model,
    messages: [
      { role: "system", content: req.system },
      { role: "user", content: req.user },
    ],
    response_format: { type: "json_object" },
    temperature: 0,
    max_tokens: req.maxTokens ?? 1024,
  });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": "Contaflow-IA/1.0",
    ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(Object.assign(new Error("timeout"), { code: TIMEOUT_CODE })), target.timeoutMs);
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const res = await request(url, {
      method: "POST",
      headers,
      body,
      dispatcher: opts.dispatcher ?? aiAgent(),
      signal: controller.signal,
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
    });
    status = res.statusCode;
    text = await readBody(res.body);
  } catch (err) {
    if (err instanceof AiCallError) throw err;
    const latencyMs = Math.round(performance.now() - started);
    if (controller.signal.aborted) {
      throw new AiCallError("TIMEOUT", `El proveedor de IA no respondió en ${Math.round(target.timeoutMs / 1000)} s.`, { latencyMs }, { cause: err });
    }
    const { errorClass, code } = classifyNetworkError(err);
    const host = new URL(url).host;
    if (errorClass === "SSRF_BLOCKED") {
      throw new AiCallError("SSRF_BLOCKED", `${(err as Error).message} Por seguridad, Contaflow no se conecta a redes privadas ni locales.`, { latencyMs }, { cause: err });
    }
    const what =
      errorClass === "CONNECTION_REFUSED" ? `${host} rechazó la conexión` : errorClass === "DNS" ? `No pudimos resolver ${host}` : `No pudimos conectar con ${host}${code ? ` (${code})` : ""}`;
    throw new AiCallError("NETWORK", `${what}; revisá la URL base del proveedor.`, { latencyMs }, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = Math.round(performance.now() - started);
  if (status < 200 || status >= 300) throw httpError(status, text, latencyMs);

  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw new AiCallError("BAD_REPLY", "La respuesta del proveedor no es JSON; ¿la URL base apunta a una API compatible con OpenAI?", { status, latencyMs });
  }
  const reply = completionReply.safeParse(raw);
  if (!reply.success) throw new AiCallError("BAD_REPLY", "La respuesta del proveedor no tiene el formato de chat completions (falta choices[0].message).", { status, latencyMs });
  const content = reply.data.choices[0]?.message.content;
  if (!content) throw new AiCallError("BAD_REPLY", "El modelo respondió vacío.", { status, latencyMs });

  const parsed = req.schema.safeParse(parseJsonContent(content));
  if (!parsed.success) throw new AiCallError("SCHEMA", `La respuesta del modelo no tiene los campos esperados (${zodSummary(parsed.error)}).`, { status, latencyMs });
  return { value: parsed.data, latencyMs };
}

export async function chatCompletionJson<T>(target: ChatTarget, req: ChatRequest<T>, opts: ChatOptions = {}): Promise<T> {
  return (await chatCompletion(target, req, opts)).value;
}
