/**
 * One page of a PULL sync: the body of one Inngest step, ONE HTTP call. The page's records are
 * staged (upsert by run + external id, so a re-executed step does not duplicate), valid ones
 * imported as suppliers, and the next checkpoint and the run's counts written — all in one
 * transaction. A step re-executed after that commit sees the checkpoint past its page and
 * returns without calling. 429/5xx/timeouts are thrown for the engine to retry (Retry-After
 * honoured) until the last attempt; other 4xx and malformed JSON end the run's paging at once.
 */
import "server-only";
import { RetryAfterError } from "inngest";
import type { Prisma } from "@/generated/prisma/client";
import { ConnectorCallError, connectorRequest, responseJson, type ConnectorResponse } from "@/server/connectors/http-client";
import { compileMapping, evaluateExpression, MappingError } from "@/server/connectors/mapping";
import { db } from "@/server/db/client";
import { bodyRefusal, StepRefused, stepContext, type StepContext } from "@/server/connectors/steps/run";
import { FIRST_CHECKPOINT, MAX_PAGES, nextCheckpoint, pageCall, type Checkpoint } from "./pagination";
import { upsertSupplier, validateSupplier } from "./supplier";

export const SYNC_RETRIES = 4;
const RAW_LIMIT = 16 * 1024;

export type PageOutcome = { done: boolean; records: number; error?: string };

function bounded(value: unknown): Prisma.InputJsonValue {
  const text = JSON.stringify(value ?? null);
  return (text.length > RAW_LIMIT ? { truncado: text.slice(0, RAW_LIMIT) } : (JSON.parse(text) as Prisma.InputJsonValue)) ?? {};
}

/** Recounts a run's records by status into its totals (idempotent, whatever was retried). */
export async function recount(tx: Prisma.TransactionClient, runId: string) {
  const groups = await tx.syncStagedRecord.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  const n = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
  return { imported: n("IMPORTED"), staged: n("STAGED"), failed: n("FAILED"), fetched: groups.reduce((s, g) => s + g._count._all, 0) };
}

async function stopWith(runId: string, error: string): Promise<PageOutcome> {
  await db().syncRun.update({ where: { id: runId }, data: { error } });
  return { done: true, records: 0, error };
}

export async function syncPage(runId: string, pageNumber: number, attempt: number, maxAttempts = SYNC_RETRIES + 1): Promise<PageOutcome> {
  const run = await db().syncRun.findUnique({ where: { id: runId } });
  if (!run) return { done: true, records: 0, error: "La sincronización no existe." };
  const cp = (run.checkpoint as Checkpoint | null) ?? FIRST_CHECKPOINT;
  if (cp.done || cp.pageIndex >= pageNumber) return { done: cp.done, records: 0 };
  if (cp.pageIndex >= MAX_PAGES) return stopWith(runId, `Se cortó después de ${MAX_PAGES} páginas.`);
  const connector = await db().apiConnector.findFirst({ where: { id: run.connectorId, tenantId: run.tenantId } });
  if (!connector) return stopWith(runId, "El conector ya no existe.");
  if (!connector.enabled) return stopWith(runId, `El conector «${connector.name}» está deshabilitado.`);

  const last = attempt + 1 >= maxAttempts;
  const where = `Página ${pageNumber}`;
  let res: ConnectorResponse;
  let ctx: StepContext;
  try {
    ctx = await stepContext(connector);
    const req = await pageCall(connector, cp, ctx.bindings);
    res = await connectorRequest(connector, { ...req, headers: { ...ctx.headers, ...req.headers } });
  } catch (e) {
    if (e instanceof StepRefused) return stopWith(runId, `${where}: inicio de sesión: ${e.message}`);
    if (e instanceof MappingError) return stopWith(runId, `${where}: el cuerpo del pedido falló: ${e.message}`);
    const err = e instanceof ConnectorCallError ? e : new ConnectorCallError("UNKNOWN", e instanceof Error ? e.message : String(e));
    if (err.retryable && !last) throw new Error(`${where}: ${err.message}`, { cause: e });
    return stopWith(runId, `${where}: ${err.message}`);
  }
  if (!res.ok) {
    const reason = `${where}: el sistema externo respondió ${res.status}${res.text ? ` (${res.text.trim().slice(0, 200)})` : ""}`;
    if ((res.status === 429 || res.status === 408 || res.status >= 500) && !last) {
      if (res.retryAfterMs !== null) throw new RetryAfterError(reason, Math.min(Math.max(res.retryAfterMs, 1000), 600_000));
      throw new Error(reason);
    }
    return stopWith(runId, reason);
  }

  let body: unknown;
  let records: unknown;
  try {
    body = responseJson(res);
    const refused = await bodyRefusal(connector.pushSuccessPath, connector.pushErrorPath, body, ctx);
    if (refused) return stopWith(runId, `${where}: ${refused}`);
    records = connector.pullRecordPath.trim() ? await evaluateExpression(connector.pullRecordPath, body) : body;
  } catch (e) {
    return stopWith(runId, `${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const list = records === undefined || records === null ? [] : Array.isArray(records) ? records : [records];
  const mapping = compileMapping(connector.pullMapping);
  const next = await nextCheckpoint(connector, cp, res, body, list.length);

  const staged: { externalId: string; raw: unknown; data: unknown; reason: string | null; status: "STAGED" | "IMPORTED" | "FAILED"; value?: unknown }[] = [];
  for (const [i, record] of list.entries()) {
    let externalId: string | null = null;
    try {
      const id = await evaluateExpression(connector.pullIdField, record);
      if (id !== undefined && id !== null && id !== "") externalId = String(id);
    } catch {
      /* below */
    }
    if (!externalId) {
      staged.push({ externalId: `sin-id-p${pageNumber}-${i + 1}`, raw: record, data: {}, reason: `El registro no tiene id (${connector.pullIdField}).`, status: "FAILED" });
      continue;
    }
    let data: unknown;
    try {
      data = await mapping.evaluate(record);
    } catch (e) {
      staged.push({ externalId, raw: record, data: {}, reason: `El mapeo falló: ${e instanceof MappingError ? e.message : String(e)}`, status: "FAILED" });
      continue;
    }
    const check = validateSupplier(data);
    staged.push(check.ok ? { externalId, raw: record, data, reason: null, status: "IMPORTED", value: check.value } : { externalId, raw: record, data, reason: check.reason, status: "STAGED" });
  }

  await db().$transaction(
    async (tx) => {
      for (const s of staged) {
        let supplierId: string | null = null;
        if (s.status === "IMPORTED") supplierId = (await upsertSupplier(tx, run.tenantId, s.value as never, { externalId: s.externalId, connectorId: connector.id })).id;
        const data = { raw: bounded(s.raw), data: bounded(s.data), status: s.status, reason: s.reason, supplierId, importedAt: supplierId ? new Date() : null };
        await tx.syncStagedRecord.upsert({
          where: { runId_externalId: { runId, externalId: s.externalId } },
          create: { tenantId: run.tenantId, connectorId: connector.id, runId, externalId: s.externalId, ...data },
          update: data,
        });
      }
      const counts = await recount(tx, runId);
      await tx.syncRun.update({ where: { id: runId }, data: { ...counts, pages: next.pageIndex, checkpoint: next } });
    },
    { timeout: 60_000 },
  );
  return { done: next.done, records: list.length };
}
