/**
 * The typed n8n client: ONE signed call of a contract action, logged.
 *
 *   envelope {requestId (UUID, = X-Request-Id), timestamp, userId, action, payload}
 *   → POST <baseUrl>/webhook/<endpoint> through the SSRF-guarded agent, signed (./signing.ts)
 *   → the response envelope and the action's `data` validated with zod (./contract.ts)
 *   → typed data, or an N8nCallError whose code decides retry / no retry / manual review.
 *
 * It never retries by itself: Inngest steps do (./step.ts). Every call — success or failure,
 * including the "probar" button — leaves one N8nCall row (action, requestId, executionId,
 * status, error code, latency). The organization is the contract's `userId`.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { request, type Dispatcher } from "undici";
import type { N8nAction, N8nErrorCode } from "@/lib/schemas/n8n";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { createSafeAgent } from "@/server/net/safe-agent";
import { parseRetryAfter } from "@/server/webhooks/attempt";
import { classifyNetworkError } from "@/server/webhooks/error-class";
import { CONTRACT_VERSION, dataSchemas, describeIssues, endpointPath, isContractErrorCode, payloadSchemas, responseEnvelopeSchema, type N8nData, type N8nPayload, type RequestEnvelope } from "./contract";
import { codeForStatus, emptyAnswerAdvice, N8nCallError } from "./errors";
import { loadN8nCredentials, type N8nCredentials } from "./settings";
import { n8nHeaders } from "./signing";

export const N8N_USER_AGENT = `Contaflow-n8n/1.0 (contract ${CONTRACT_VERSION})`;
const MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
const EXCERPT = 2000;
const log = logger.child({ module: "n8n" });

let sharedAgent: Dispatcher | undefined;
function n8nAgent(): Dispatcher {
  sharedAgent ??= createSafeAgent({ connections: 16 });
  return sharedAgent;
}

export interface N8nCallOptions<A extends N8nAction> {
  tenantId: string;
  action: A;
  payload: N8nPayload<A>;
  /** What the call is about (transaction id, e-mail id, projection id). */
  subjectId?: string | null;
  /** 1-based; for the log. */
  attempt?: number;
  /** When false, a retriable failure is logged as RETRYING (another attempt follows). */
  finalAttempt?: boolean;
  test?: boolean;
  runId?: string | null;
  dispatcher?: Dispatcher;
  /** Tests: credentials without the database row. */
  credentials?: N8nCredentials;
}

export interface N8nCallResult<A extends N8nAction> {
  data: N8nData<A>;
  requestId: string;
  executionId: string | null;
  latencyMs: number;
  callId: string;
}

async function readBody(body: Dispatcher.ResponseData["body"]): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_RESPONSE_BYTES) {
      body.destroy();
      throw new N8nCallError("INVALID_RESPONSE", "La respuesta supera 2 MB");
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function excerpt(text: string | null): string | null {
  if (!text) return null;
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

function executionIdOf(json: unknown): string | null {
  const id = typeof json === "object" && json !== null ? (json as { executionId?: unknown }).executionId : undefined;
  return typeof id === "string" || typeof id === "number" ? String(id) : null;
}

/** Turns an HTTP answer into data or the N8nCallError it stands for. */
export function interpretResponse<A extends N8nAction>(action: A, requestId: string, status: number, text: string, headers: Record<string, string | undefined> = {}): { data: N8nData<A>; executionId: string | null } {
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const envelope = json === undefined ? null : responseEnvelopeSchema.safeParse(json);
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers["retry-after"]) : null;

  if (!envelope || !envelope.success) {
    // No contract body: the HTTP status is all we have.
    if (status >= 200 && status < 300) {
      if (json === undefined) {
        // Real n8n answers 200 with an empty body when a workflow step throws: retriable, and the cause is in n8n.
        const executionId = headers["x-n8n-execution-id"] ?? null;
        const what = text.trim() ? "no es JSON" : "llegó vacía";
        throw new N8nCallError("INTERNAL_ERROR", `La respuesta HTTP ${status} de n8n ${what}`, { httpStatus: status, executionId, advice: emptyAnswerAdvice(executionId) });
      }
      throw new N8nCallError("INVALID_RESPONSE", `La respuesta HTTP ${status} no es el sobre del contrato (${describeIssues(envelope!.error!)})`, { httpStatus: status, executionId: executionIdOf(json) });
    }
    const code = codeForStatus(status);
    throw new N8nCallError(code, `n8n respondió HTTP ${status}${text.trim() ? `: ${text.trim().slice(0, 200)}` : ""}`, { httpStatus: status, retryAfterMs });
  }

  const env = envelope.data;
  const executionId = env.executionId ?? null;
  const firstError = env.errors[0];
  if (!env.success || firstError) {
    if (!firstError) throw new N8nCallError("INVALID_RESPONSE", "success es false pero errors está vacío", { httpStatus: status, executionId });
    const code: N8nErrorCode = isContractErrorCode(firstError.code) ? firstError.code : "UNKNOWN_ERROR";
    const detail = code === "UNKNOWN_ERROR" ? `Código ${firstError.code}: ${firstError.message}` : firstError.message || firstError.code;
    throw new N8nCallError(code, detail, { httpStatus: status, executionId, retryAfterMs, details: firstError.details });
  }
  if (status < 200 || status >= 300) throw new N8nCallError("INVALID_RESPONSE", `success es true pero el estado HTTP es ${status}`, { httpStatus: status, executionId });
  if (env.requestId !== requestId) throw new N8nCallError("INVALID_RESPONSE", `requestId de la respuesta (${env.requestId}) no es el del pedido (${requestId})`, { httpStatus: status, executionId });
  const data = dataSchemas[action].safeParse(env.data);
  if (!data.success) throw new N8nCallError("INVALID_RESPONSE", `data no cumple el contrato de ${action}: ${describeIssues(data.error, "data")}`, { httpStatus: status, executionId });
  return { data: data.data as N8nData<A>, executionId };
}

/** One signed, validated, logged call. Throws N8nCallError. */
export async function callN8n<A extends N8nAction>(opts: N8nCallOptions<A>): Promise<N8nCallResult<A>> {
  const requestId = randomUUID();
  const started = performance.now();
  let httpStatus: number | undefined;
  let responseText: string | null = null;
  const finish = async (status: "SUCCEEDED" | "RETRYING" | "FAILED" | "MANUAL_REVIEW", extra: { executionId?: string | null; errorCode?: string; errorMessage?: string; latencyMs: number }) =>
    db().n8nCall.create({
      data: {
        tenantId: opts.tenantId,
        action: opts.action,
        requestId,
        status,
        httpStatus: httpStatus ?? null,
        attempt: opts.attempt ?? 1,
        subjectId: opts.subjectId ?? null,
        test: opts.test ?? false,
        runId: opts.runId ?? null,
        responseExcerpt: excerpt(responseText),
        executionId: extra.executionId ?? null,
        errorCode: extra.errorCode ?? null,
        errorMessage: extra.errorMessage ?? null,
        latencyMs: extra.latencyMs,
      },
    });

  try {
    const creds = opts.credentials ?? (await loadN8nCredentials(opts.tenantId));
    if (!creds) throw new N8nCallError("NOT_CONFIGURED", "");
    const payload = payloadSchemas[opts.action].safeParse(opts.payload);
    if (!payload.success) throw new N8nCallError("INVALID_PAYLOAD", `El pedido armado por Contaflow no cumple el contrato (${describeIssues(payload.error, "payload")})`);

    const envelope: RequestEnvelope<A> = { requestId, timestamp: new Date().toISOString(), userId: opts.tenantId, action: opts.action, payload: payload.data as N8nPayload<A> };
    const body = JSON.stringify(envelope);
    const url = `${creds.baseUrl.replace(/\/+$/, "")}${endpointPath(opts.action)}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), creds.timeoutMs);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: "POST",
        headers: { ...n8nHeaders({ body, token: creds.token, signingSecret: creds.signingSecret, requestId, timestamp: envelope.timestamp }), "user-agent": N8N_USER_AGENT, accept: "application/json" },
        body,
        dispatcher: opts.dispatcher ?? n8nAgent(),
        signal: controller.signal,
        headersTimeout: creds.timeoutMs,
        bodyTimeout: creds.timeoutMs,
      });
      httpStatus = res.statusCode;
      responseText = await readBody(res.body);
    } catch (err) {
      if (err instanceof N8nCallError) throw err;
      const seconds = String(Math.round(creds.timeoutMs / 100) / 10).replace(".", ",");
      if (controller.signal.aborted) throw new N8nCallError("TIMEOUT", `n8n no respondió en ${seconds} s`, {}, { cause: err });
      const { errorClass, code } = classifyNetworkError(err);
      if (errorClass === "TIMEOUT") throw new N8nCallError("TIMEOUT", `n8n no respondió en ${seconds} s`, {}, { cause: err });
      if (errorClass === "SSRF_BLOCKED") throw new N8nCallError("BLOCKED_URL", err instanceof Error ? err.message : String(err), {}, { cause: err });
      throw new N8nCallError("NETWORK", `${errorClass}${code ? ` (${code})` : ""} al conectar con ${new URL(url).host}`, {}, { cause: err });
    } finally {
      clearTimeout(timer);
    }
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
    const { data, executionId } = interpretResponse(opts.action, requestId, res.statusCode, responseText, headers);
    const latencyMs = Math.round(performance.now() - started);
    const row = await finish("SUCCEEDED", { executionId, latencyMs });
    return { data, requestId, executionId, latencyMs, callId: row.id };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    const error = err instanceof N8nCallError ? err : new N8nCallError("UNKNOWN_ERROR", err instanceof Error ? err.message : String(err), {}, { cause: err });
    const attempt = opts.attempt ?? 1;
    error.settle(opts.finalAttempt === false ? "retrying" : attempt > 1 ? "exhausted" : "single", attempt);
    const status = error.outcome === "manual_review" ? "MANUAL_REVIEW" : error.retriable && opts.finalAttempt === false ? "RETRYING" : "FAILED";
    await finish(status, { executionId: error.info.executionId, errorCode: error.code, errorMessage: error.message, latencyMs }).catch((e: unknown) =>
      log.error({ err: e, tenantId: opts.tenantId, action: opts.action }, "could not log an n8n call"),
    );
    Object.assign(error.info, { requestId, latencyMs, httpStatus: error.info.httpStatus ?? httpStatus });
    throw error;
  }
}
