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
 * - Other 4xx (auth, validation), mapping errors, configuration errors: FAILED at once.
 * A step re-executed after its outcome was committed finds the item done and calls nobody; a
 * duplicate execution running at the same time (an expired lease) loses at commit and rolls back.
 */
import "server-only";
import { RetryAfterError } from "inngest";
import type { Document, ExportRunItem, Prisma } from "@/generated/prisma/client";
import { recordExportCall, type ExportCallLog } from "@/server/connectors/export-log";
import { ConnectorCallError, connectorRequest, responseJson, type ConnectorResponse } from "@/server/connectors/http-client";
import { compileMapping, evaluateExpression, MappingError } from "@/server/connectors/mapping";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { dispatchDomainEvents } from "@/server/events/dispatch";
import { recordDomainEvent } from "@/server/events/outbox";
import { exportedEventFields, pushMappingInput } from "./mapping-input";

export type PushOutcome = { status: "SUCCESS" | "FAILED" | "SKIPPED"; externalId?: string | null; error?: string | null };

export const PUSH_RETRIES = 4;

export function idempotencyKey(documentId: string, connectorId: string, version: number) {
  return `${documentId}:${connectorId}:${version}`;
}

/** Already exported to this connector with the same version (and not forced). */
export function alreadyExported(doc: Pick<Document, "exportConfigId" | "exportedVersion" | "version">, connectorId: string) {
  return doc.exportConfigId === connectorId && doc.exportedVersion === doc.version;
}

export function skipReason(doc: Pick<Document, "version" | "lastExportedAt" | "externalSystemId">) {
  const when = doc.lastExportedAt ? ` el ${doc.lastExportedAt.toLocaleString("es-AR", { timeZone: "America/Argentina/Buenos_Aires" })}` : "";
  return `Ya exportado (versión ${doc.version})${when}${doc.externalSystemId ? ` con id externo ${doc.externalSystemId}` : ""}.`;
}

function reasonFromResponse(res: ConnectorResponse): string {
  let detail = "";
  try {
    const body = JSON.parse(res.text) as Record<string, unknown>;
    const msg = body.message ?? body.error ?? body.detail ?? body.errors;
    if (msg !== undefined) detail = typeof msg === "string" ? msg : JSON.stringify(msg);
  } catch {
    detail = res.text.trim().slice(0, 200);
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
    data: { status: outcome.status, externalId: outcome.externalId ?? null, error: outcome.error ?? null, httpStatus: outcome.httpStatus ?? null, attempts: outcome.attempts, finishedAt: new Date() },
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

/** Marks an item failed (with a log row when there was a call). */
async function fail(item: ExportRunItem, reason: string, attempts: number, log?: ExportCallLog, httpStatus?: number | null): Promise<PushOutcome> {
  const r = await settle(item, async (tx) => {
    if (log) await recordExportCall({ tenantId: item.tenantId }, log, tx);
    await finishItem(tx, item, { status: "FAILED", error: reason, httpStatus, attempts });
  });
  return r.done ? { status: "FAILED", error: reason } : r.outcome;
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

  const key = idempotencyKey(doc.id, connector.id, doc.version);
  const base: ExportCallLog = { connectorId: connector.id, status: "FAILED", method: connector.pushMethod, url: `${connector.baseUrl.replace(/\/+$/, "")}/${connector.pushPath.replace(/^\/+/, "")}`, runId, documentId: doc.id, documentVersion: doc.version, idempotencyKey: key, attempt: attempt + 1 };

  if (!run.force && alreadyExported(doc, connector.id)) {
    const reason = skipReason(doc);
    const r = await settle(item, async (tx) => {
      await recordExportCall(scope, { ...base, status: "SKIPPED", externalId: doc.externalSystemId, error: reason }, tx);
      await finishItem(tx, item, { status: "SKIPPED", externalId: doc.externalSystemId, error: reason, attempts: 0 });
    });
    return r.done ? { status: "SKIPPED", externalId: doc.externalSystemId, error: reason } : r.outcome;
  }

  let body: unknown;
  try {
    body = await compileMapping(connector.pushMapping).evaluate(pushMappingInput(doc));
  } catch (e) {
    const reason = `El mapeo del conector falló: ${e instanceof MappingError ? e.message : String(e)}`;
    return fail(item, reason, attempt + 1, { ...base, error: reason });
  }

  const last = attempt + 1 >= maxAttempts;
  let res: ConnectorResponse;
  try {
    res = await connectorRequest(connector, { method: connector.pushMethod, path: connector.pushPath, json: body, headers: { "Idempotency-Key": key } });
  } catch (e) {
    const err = e instanceof ConnectorCallError ? e : new ConnectorCallError("UNKNOWN", e instanceof Error ? e.message : String(e));
    if (err.retryable && !last) {
      await recordExportCall(scope, { ...base, error: err, requestBody: JSON.stringify(body) });
      throw new Error(err.message, { cause: e });
    }
    return fail(item, err.message, attempt + 1, { ...base, error: err, requestBody: JSON.stringify(body) });
  }

  if (!res.ok) {
    const reason = reasonFromResponse(res);
    if (retryableStatus(res.status) && !last) {
      await recordExportCall(scope, { ...base, response: res, error: reason });
      if (res.retryAfterMs !== null) throw new RetryAfterError(reason, Math.min(Math.max(res.retryAfterMs, 1000), 600_000));
      throw new Error(reason);
    }
    return fail(item, reason, attempt + 1, { ...base, response: res, error: reason }, res.status);
  }

  let externalId = "unknown";
  try {
    const value = await evaluateExpression(connector.pushResponseIdPath, responseJson(res));
    if (value !== undefined && value !== null && value !== "") externalId = String(value);
  } catch {
    /* a 2xx without a readable id is still an export ("unknown", as the seed does) */
  }
  const exportedAt = new Date();
  const settled = await settle(item, async (tx) => {
    await finishItem(tx, item, { status: "SUCCESS", externalId, httpStatus: res.status, attempts: attempt + 1 });
    await recordExportCall(scope, { ...base, status: "SUCCESS", response: res, externalId }, tx);
    await tx.document.updateMany({
      where: { id: doc.id, tenantId: doc.tenantId, version: doc.version },
      data: { externalSystemId: externalId, lastExportedAt: exportedAt, exportConfigId: connector.id, exportedVersion: doc.version },
    });
    const event = createDomainEvent("document.exported", { ...exportedEventFields(doc), externalId, exportedAt: exportedAt.toISOString() }, exportedAt);
    return [await recordDomainEvent(tx, doc.tenantId, event)];
  });
  if (!settled.done) return settled.outcome;
  await dispatchDomainEvents(settled.value);
  return { status: "SUCCESS", externalId };
}
