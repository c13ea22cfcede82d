/**
 * ONE HTTP attempt of one delivery. The caller signs (signing.ts) right before calling this and
 * records the result; the retry decision is retry-schedule.ts. Rules (docs/reference/webhooks.md):
 * - POST the body bytes as given (serialized once, identical on every attempt);
 * - timeout default 15 s, per endpoint 5–30 s, covering connect, headers and body;
 * - redirects are never followed: a 3xx is a failure with its Location recorded;
 * - 2xx only is success; 410 or `webhook-delivery: disable` → disable the endpoint;
 *   `webhook-delivery: abort-message` or an SSRF refusal → stop this message;
 * - the result keeps the first 8 KiB of the response and the request headers with secrets masked;
 * - a connection refused in under 1 s is re-tried once within the attempt (nothing was sent).
 * Connections go through the SSRF-guarded, keep-alive agent (net/safe-agent.ts).
 */
import { performance } from "node:perf_hooks";
import { request, type Dispatcher } from "undici";
import { createSafeAgent } from "@/server/net/safe-agent";
import { ATTEMPT_TIMEOUT_CODE, classifyNetworkError, classifyStatus, explainFailure, type ErrorClass } from "./error-class";
import { maskHeaders } from "./mask";

export const DEFAULT_TIMEOUT_MS = 15_000;
export const MIN_TIMEOUT_MS = 5_000;
export const MAX_TIMEOUT_MS = 30_000;
export const EXCERPT_BYTES = 8 * 1024;
/** Past this we stop reading a response and drop the connection instead of draining it. */
const MAX_DRAIN_BYTES = 1024 * 1024;
const KEPT_RESPONSE_HEADERS = ["content-type", "content-length", "location", "retry-after", "webhook-delivery", "server", "date"];

export type AttemptOutcome = "SUCCESS" | "RETRY" | "DISABLE_ENDPOINT" | "ABORT";

export interface AttemptInput {
  url: string;
  body: Buffer;
  headers: Record<string, string>;
  /** Per-endpoint timeout; clamped to 5–30 s. */
  timeoutMs?: number;
  /** Tests and benches pass their own agent; production uses the shared guarded one. */
  dispatcher?: Dispatcher;
}

export interface AttemptResult {
  outcome: AttemptOutcome;
  status: number | null;
  latencyMs: number;
  errorClass: ErrorClass | null;
  errorCode: string | null;
  /** es-AR explanation for the log; null on success. */
  message: string | null;
  /** 429/502/503/504 or timeout: the schedule waits at least 60 s. */
  throttled: boolean;
  retryAfterMs: number | null;
  location: string | null;
  responseExcerpt: string;
  responseBytes: number;
  responseTruncated: boolean;
  responseHeaders: Record<string, string>;
  requestHeaders: Record<string, string>;
  timeoutMs: number;
  /** A connection refused in under 1 s was re-tried once inside this attempt. */
  refusedRetry: boolean;
}

let sharedAgent: Dispatcher | undefined;
/** The process-wide guarded agent: one pool of kept-alive connections per receiver origin. */
export function deliveryAgent(): Dispatcher {
  sharedAgent ??= createSafeAgent();
  return sharedAgent;
}

export function clampTimeout(ms: number | undefined): number {
  if (ms === undefined || !Number.isFinite(ms)) return DEFAULT_TIMEOUT_MS;
  return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.round(ms)));
}

/** Retry-After as delay in ms: delta-seconds or an HTTP date. null when absent or unparseable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function header(headers: Dispatcher.ResponseData["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

async function readExcerpt(body: Dispatcher.ResponseData["body"]) {
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (keptBytes < EXCERPT_BYTES) {
      const part = chunk.subarray(0, EXCERPT_BYTES - keptBytes);
      kept.push(part);
      keptBytes += part.length;
    }
    if (total > MAX_DRAIN_BYTES) {
      body.destroy();
      break;
    }
  }
  // A multi-byte character cut at 8 KiB decodes to U+FFFD; acceptable for a log excerpt.
  return { excerpt: new TextDecoder().decode(Buffer.concat(kept)), bytes: total, truncated: total > EXCERPT_BYTES };
}

function outcomeFor(status: number, deliveryControl: string | undefined): AttemptOutcome {
  const control = deliveryControl?.trim().toLowerCase();
  if (status === 410 || control === "disable") return "DISABLE_ENDPOINT";
  if (status >= 200 && status < 300) return "SUCCESS";
  if (control === "abort-message") return "ABORT";
  return "RETRY";
}

/** A refusal this fast is usually a receiver restarting; no request byte was sent, so re-try once. */
const QUICK_REFUSAL_MS = 1000;

export async function sendAttempt(input: AttemptInput): Promise<AttemptResult> {
  const timeoutMs = clampTimeout(input.timeoutMs);
  const first = await sendOnce(input, timeoutMs);
  if (first.errorClass !== "CONNECTION_REFUSED" || first.latencyMs >= QUICK_REFUSAL_MS) return first;
  const second = await sendOnce(input, timeoutMs);
  return { ...second, latencyMs: first.latencyMs + second.latencyMs, refusedRetry: true };
}

async function sendOnce(input: AttemptInput, timeoutMs: number): Promise<AttemptResult> {
  const requestHeaders = maskHeaders(input.headers);
  const base = { requestHeaders, timeoutMs, retryAfterMs: null, location: null, responseHeaders: {}, responseExcerpt: "", responseBytes: 0, responseTruncated: false, refusedRetry: false };
  const controller = new AbortController();
  const timeoutError = Object.assign(new Error(`Timeout de ${timeoutMs} ms`), { code: ATTEMPT_TIMEOUT_CODE });
  const timer = setTimeout(() => controller.abort(timeoutError), timeoutMs);
  const started = performance.now();
  try {
    const res = await request(input.url, {
      method: "POST",
      body: input.body,
      headers: input.headers,
      dispatcher: input.dispatcher ?? deliveryAgent(),
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    // The status decides the outcome: a body that stalls after a 2xx does not undo the delivery.
    const { excerpt, bytes, truncated } = await readExcerpt(res.body).catch(() => ({ excerpt: "", bytes: 0, truncated: true }));
    const latencyMs = Math.round(performance.now() - started);
    const status = res.statusCode;
    const responseHeaders = Object.fromEntries(KEPT_RESPONSE_HEADERS.flatMap((n) => (header(res.headers, n) === undefined ? [] : [[n, header(res.headers, n)!]])));
    const location = header(res.headers, "location") ?? null;
    const errorClass = classifyStatus(status);
    return {
      ...base,
      outcome: outcomeFor(status, header(res.headers, "webhook-delivery")),
      status,
      latencyMs,
      errorClass,
      errorCode: null,
      message: errorClass ? explainFailure({ errorClass, status, location }) : null,
      throttled: [429, 502, 503, 504].includes(status),
      retryAfterMs: errorClass ? parseRetryAfter(header(res.headers, "retry-after")) : null,
      location,
      responseExcerpt: excerpt,
      responseBytes: bytes,
      responseTruncated: truncated,
      responseHeaders,
    };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    const { errorClass, code } = controller.signal.aborted ? { errorClass: "TIMEOUT" as const, code: ATTEMPT_TIMEOUT_CODE } : classifyNetworkError(err);
    const detail = err instanceof Error ? err.message : String(err);
    return {
      ...base,
      outcome: errorClass === "SSRF_BLOCKED" || errorClass === "INVALID_URL" ? "ABORT" : "RETRY",
      status: null,
      latencyMs,
      errorClass,
      errorCode: code ?? null,
      message: explainFailure({ errorClass, code, timeoutMs, detail }),
      throttled: errorClass === "TIMEOUT",
    };
  } finally {
    clearTimeout(timer);
  }
}
