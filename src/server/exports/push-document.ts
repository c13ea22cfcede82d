/**
 * One document to one PUSH connector: the body of one Inngest step, ONE HTTP call.
 *
 * - Idempotency-Key `<document>:<connector>:<version>`: a retry (ours, or after a crash between
 *   the call and our commit) is the same request to the receiver.
 * - 2xx: the log row, the document's export state, the run item and `document.exported` commit
 *   in one transaction; the event is dispatched after.
 * - 429 / 5xx / 408 / timeouts / connection trouble: logged, then thrown so the engine retries
 *   the step (RetryAfterError when the server sent Retry-After). On the last attempt the
 *   document is marked FAILED instead of throwing.
 *   The item keeps the next attempt's time and the reason meanwhile ("reintento n/m en Xs").
 * - Other 4xx (auth, validation), mapping errors, configuration errors: FAILED at once.
 * - The export guard is checked again at push time: a document discarded, marked duplicate or
 *   re-opened for review since the run was created is SKIPPED with the reason (unless the run's
 *   "exportar igual" covered it).
 * A step re-executed after its outcome was committed finds the item done and calls nobody; a
 * duplicate execution running at the same time (an expired lease) loses at commit and rolls back.
 */
import { formatDateTime } from "@/lib/format";
import { tenantTimeZone } from "@/server/tenants/time-zone";
import "server-only";
import { RetryAfterError } from "inngest";
import type { Document, ExportRunItem, Prisma } from "@/generated/prisma/client";
import { recordExportCall, type ExportCallLog } from "@/server/connectors/export-log";
import { ConnectorCallError, connectorRequest, responseJson, type ConnectorResponse } from "@/server/connectors/http-client";
import { evaluateExpression } from "@/server/connectors/mapping";
import { bodyRefusal, errorMessage, maskSecrets } from "@/server/connectors/steps/run";
import { db } from "@/server/db/client";
import { env } from "@/env";
import { createDomainEvent } from "@/server/events/build";
import { dispatchAfterCommit } from "@/server/events/dispatch";
import { recordDomainEvent } from "@/server/events/outbox";
import { findBlocks, GUARD_SELECT } from "./export-guard";
import { exportedEventFields } from "./mapping-input";
import { preparePush, type PreparedPush } from "./prepare-push";

export type PushOutcome = { status: "SUCCESS" | "FAILED" | "SKIPPED"; externalId?: string | null; error?: string | null };

export const PUSH_RETRIES = 4;

/**
 * Our own retry schedule, told to the engine explicitly (RetryAfterError) so the time shown to
 * the user is the time it happens: the engine's base delay (INNGEST_ENGINE_BACKOFF_MS, 10 s)
 * doubling, whole seconds (the SDK's unit), ≤ 10 min; a server's Retry-After wins.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null): number {
  const base = env().INNGEST_ENGINE_BACKOFF_MS;
  const ms = retryAfterMs ?? base * 2 ** attempt;
  return Math.ceil(Math.min(Math.max(ms, 1000), 600_000) / 1000) * 1000;
}

export function idempotencyKey(documentId: string, connectorId: string, version: number) {
  return `${documentId}:${connectorId}:${version}`;
}

/** Already exported to this connector with the same version (and not forced). */
export function alreadyExported(doc: Pick<Document, "exportConfigId" | "exportedVersion" | "version">, connectorId: string) {
  return doc.exportConfigId === connectorId && doc.exportedVersion === doc.version;
}

/** Stored on the run item, written in the organization's zone. */
export function skipReason(doc: Pick<Document, "version" | "lastExportedAt" | "externalSystemId">, timeZone: string) {
  const when = doc.lastExportedAt ? ` el ${formatDateTime(doc.lastExportedAt, { timeZone })}` : "";
  return `Ya exportado (versión ${doc.version})${when}${doc.externalSystemId ? ` con id externo ${doc.externalSystemId}` : ""}.`;
}

/** `erpMessage`: what the connector's error path found in the body (it wins over the usual fields). */
function reasonFromResponse(res: ConnectorResponse, erpMessage: string | null = null): string {
  let detail = erpMessage ?? "";
  if (!detail) {
    try {
      const body = JSON.parse(res.text) as Record<string, unknown>;
      const msg = body.message ?? body.error ?? body.detail ?? body.errors;
      if (msg !== undefined) detail = typeof msg === "string" ? msg : JSON.stringify(msg);
    } catch {
      detail = res.text.trim().slice(0, 200);
    }
  }
  const label = res.status === 401 || res.status === 403 ? " (credenciales rechazadas)" : res.status === 429 ? " (demasiados pedidos)" : res.status >= 500 ? " (error del servidor)" : "";
  return `El sistema externo respondió ${res.status}${label}${detail ? `: ${detail.slice(0, 300)}` : ""}`;
}

const retryableStatus = (s: number) => s === 408 || s === 429 || s >= 500;

/** Thrown inside a transaction when another execution of the same step finished the item first: rolls ours back. */
class AlreadyFinished extends Error {}

/** Only a PENDING item is finished; a concurrent duplicate execution (expired lease) loses and rolls back. */
async function finishItem(tx: Prisma.TransactionClient, item: ExportRunItem, outcome: PushOutcome & { httpStatus?: number | null; attempts: number }) {
  const { count } = await tx.exportRunItem.updateMany({
    where: { id: item.id, status: "PENDING" },
    data: { status: outcome.status, externalId: outcome.externalId ?? null, error: outcome.error ?? null, httpStatus: outcome.httpStatus ?? null, attempts: outcome.attempts, nextRetryAt: null, finishedAt: new Date() },
  });
  if (count === 0) throw new AlreadyFinished();
}

/** Runs the finishing transaction; if the item was finished meanwhile, returns that outcome instead. */
async function settle<T>(item: ExportRunItem, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<{ done: true; value: T } | { done: false; outcome: PushOutcome }> {
  try {
    return { done: true, value: await db().$transaction(work) };
  } catch (e) {
    if (!(e instanceof AlreadyFinished)) throw e;
    const current = await db().exportRunItem.findUniqueOrThrow({ where: { id: item.id } });
    return { done: false, outcome: { status: current.status === "PENDING" ? "FAILED" : current.status, externalId: current.externalId, error: current.error } };
  }
}

/** A retryable failure: the item says when the next attempt runs and why; the engine is told the same delay. */
async function retryLater(item: ExportRunItem, attempt: number, reason: string, retryAfterMs: number | null, cause?: unknown): Promise<never> {
  const delay = retryDelayMs(attempt, retryAfterMs);
  await db().exportRunItem.updateMany({ where: { id: item.id, status: "PENDING" }, data: { attempts: attempt + 1, nextRetryAt: new Date(Date.now() + delay), lastError: reason } });
  throw new RetryAfterError(reason, delay, { cause });
}

/** Marks an item failed (with a log row when there was a call). */
async function fail(item: ExportRunItem, reason: string, attempts: number, log?: ExportCallLog, httpStatus?: number | null): Promise<PushOutcome> {
  const r = await settle(item, async (tx) => {
    if (log) await recordExportCall({ tenantId: item.tenantId }, log, tx);
    await finishItem(tx, item, { status: "FAILED", error: reason, httpStatus, attempts });
  });
  return r.done ? { status: "FAILED", error: reason } : r.outcome;
}

/** The guard at push time: why this item may not go now (null = it may). */
async function guardRefusal(item: ExportRunItem, doc: Document): Promise<string | null> {
  const guardDoc = Object.fromEntries(Object.keys(GUARD_SELECT).map((k) => [k, doc[k as keyof typeof GUARD_SELECT]])) as Pick<Document, keyof typeof GUARD_SELECT>;
  const block = (await findBlocks(doc.tenantId, [guardDoc])).get(doc.id);
  if (block) return `No se exportó: ${block.reason}`;
  if (doc.reviewStatus !== "REVIEWED" && !item.overridden) return "No se exportó: ya no está revisado (cambió después de elegirlo). Marcalo como revisado o usá «exportar igual».";
  return null;
}

/**
 * Exports (or skips) one run item. `attempt` is the step's zero-based attempt and
 * `maxAttempts` its budget, so the last attempt records a failure instead of throwing.
 */
export async function pushRunItem(runId: string, documentId: string, attempt: number, maxAttempts = PUSH_RETRIES + 1): Promise<PushOutcome> {
  const item = await db().exportRunItem.findUnique({ where: { runId_documentId: { runId, documentId } }, include: { run: true } });
  if (!item) return { status: "FAILED", error: "El ítem de la exportación no existe." };
  if (item.status !== "PENDING") return { status: item.status, externalId: item.externalId, error: item.error };
  const { run } = item;
  const scope = { tenantId: item.tenantId };
  const connector = await db().apiConnector.findFirst({ where: { id: run.connectorId, tenantId: run.tenantId } });
  if (!connector) return fail(item, "El conector ya no existe.", attempt);
  if (!connector.enabled) return fail(item, `El conector «${connector.name}» está deshabilitado.`, attempt);
  const doc = await db().document.findFirst({ where: { id: documentId, tenantId: run.tenantId } });
  if (!doc) return fail(item, "El documento ya no existe.", attempt);
  if (doc.status !== "COMPLETED") return fail(item, "El documento todavía no está procesado.", attempt);
  const refusal = await guardRefusal(item, doc);

  const key = idempotencyKey(doc.id, connector.id, doc.version);
  const base: ExportCallLog = { connectorId: connector.id, status: "FAILED", method: connector.pushMethod, url: `${connector.baseUrl.replace(/\/+$/, "")}/${connector.pushPath.replace(/^\/+/, "")}`, runId, documentId: doc.id, documentVersion: doc.version, idempotencyKey: key, attempt: attempt + 1 };

  if (refusal || (!run.force && alreadyExported(doc, connector.id))) {
    const reason = refusal ?? skipReason(doc, await tenantTimeZone(run.tenantId));
    const externalId = refusal ? null : doc.externalSystemId;
    const r = await settle(item, async (tx) => {
      await recordExportCall(scope, { ...base, status: "SKIPPED", externalId, error: reason }, tx);
      await finishItem(tx, item, { status: "SKIPPED", externalId, error: reason, attempts: 0 });
    });
    return r.done ? { status: "SKIPPED", externalId, error: reason } : r.outcome;
  }

  const last = attempt + 1 >= maxAttempts;
  let prepared: PreparedPush;
  try {
    prepared = await preparePush(connector, doc);
  } catch (e) {
    const err = e as ConnectorCallError;
    if (!last) {
      await recordExportCall(scope, { ...base, error: err });
      return retryLater(item, attempt, err.message, null, e);
    }
    return fail(item, err.message, attempt + 1, { ...base, error: err });
  }
  // The steps' own calls (login, supplier lookup / create, duplicate check) are logged too.
  for (const call of prepared.ctx?.calls ?? []) await recordExportCall(scope, { ...base, status: call.ok ? "SUCCESS" : "FAILED", response: call, idempotencyKey: undefined });
  if (prepared.kind === "fail") return fail(item, prepared.reason, attempt + 1, { ...base, error: prepared.reason });
  const { ctx } = prepared;
  if (prepared.kind === "exists") return succeed(item, doc, connector.id, { ...base, status: "SUCCESS" }, prepared.externalId, null, attempt);
  const body = prepared.body;
  const masked = (res: ConnectorResponse): ConnectorResponse => ({ ...res, requestBody: maskSecrets(res.requestBody, ctx) });

  let res: ConnectorResponse;
  try {
    res = masked(await connectorRequest(connector, { method: connector.pushMethod, path: connector.pushPath, json: body, headers: { ...ctx.headers, "Idempotency-Key": key } }));
  } catch (e) {
    const err = e instanceof ConnectorCallError ? e : new ConnectorCallError("UNKNOWN", e instanceof Error ? e.message : String(e));
    if (err.retryable && !last) {
      await recordExportCall(scope, { ...base, error: err, requestBody: maskSecrets(JSON.stringify(body), ctx) });
      return retryLater(item, attempt, err.message, null, e);
    }
    return fail(item, err.message, attempt + 1, { ...base, error: err, requestBody: maskSecrets(JSON.stringify(body), ctx) });
  }

  if (!res.ok) {
    const reason = reasonFromResponse(res, await errorMessage(connector.pushErrorPath, res, ctx));
    if (retryableStatus(res.status) && !last) {
      await recordExportCall(scope, { ...base, response: res, error: reason });
      return retryLater(item, attempt, reason, res.retryAfterMs);
    }
    return fail(item, reason, attempt + 1, { ...base, response: res, error: reason }, res.status);
  }

  let responseBody: unknown = null;
  try {
    responseBody = responseJson(res);
  } catch {
    /* judged below only when a success rule needs the body */
  }
  const refused = await bodyRefusal(connector.pushSuccessPath, connector.pushErrorPath, responseBody, ctx);
  if (refused) return fail(item, refused, attempt + 1, { ...base, response: res, error: refused }, res.status);

  let externalId = "unknown";
  try {
    const value = await evaluateExpression(connector.pushResponseIdPath, responseBody, ctx.bindings);
    if (value !== undefined && value !== null && value !== "") externalId = String(value);
  } catch {
    /* a 2xx without a readable id is still an export ("unknown", as the seed does) */
  }
  return succeed(item, doc, connector.id, { ...base, status: "SUCCESS", response: res }, externalId, res.status, attempt);
}

/** The success commit: item, log row, the document's export state and `document.exported`, together. */
async function succeed(item: ExportRunItem, doc: Document, connectorId: string, log: ExportCallLog, externalId: string, httpStatus: number | null, attempt: number): Promise<PushOutcome> {
  const scope = { tenantId: item.tenantId };
  const exportedAt = new Date();
  const settled = await settle(item, async (tx) => {
    await finishItem(tx, item, { status: "SUCCESS", externalId, httpStatus, attempts: attempt + 1 });
    await recordExportCall(scope, { ...log, externalId }, tx);
    await tx.document.updateMany({
      where: { id: doc.id, tenantId: doc.tenantId, version: doc.version },
      data: { externalSystemId: externalId, lastExportedAt: exportedAt, exportConfigId: connectorId, exportedVersion: doc.version },
    });
    const event = createDomainEvent("document.exported", { ...exportedEventFields(doc), externalId, exportedAt: exportedAt.toISOString() }, exportedAt);
    return [await recordDomainEvent(tx, doc.tenantId, event)];
  });
  if (!settled.done) return settled.outcome;
  dispatchAfterCommit(settled.value);
  return { status: "SUCCESS", externalId };
}
