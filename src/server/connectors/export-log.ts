/**
 * One ConnectorExportLog row per HTTP call of a PUSH export, from what `connectorRequest`
 * returned or threw. Excerpts are bounded (8 KiB) and request headers are already masked.
 * Used by the PUSH functions; "Probar conexión" does not log here.
 */
import "server-only";
import type { ConnectorExportStatus, Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import type { TenantScope } from "@/server/tenants/scope";
import { excerpt, type ConnectorResponse } from "./http-client";
import { ConnectorCallError } from "./transport";

export interface ExportCallLog {
  connectorId: string;
  status: ConnectorExportStatus;
  /** What was sent: the method and URL even when the call failed before an answer. */
  method: string;
  url: string;
  response?: ConnectorResponse;
  error?: unknown;
  runId?: string;
  documentId?: string;
  documentVersion?: number;
  idempotencyKey?: string;
  attempt?: number;
  externalId?: string | null;
  requestBody?: string | null;
}

/** `client`: pass the transaction that also records the outcome, so the log and the outcome commit together. */
export async function recordExportCall(scope: Pick<TenantScope, "tenantId">, log: ExportCallLog, client: Prisma.TransactionClient = db()) {
  const res = log.response;
  const err = log.error;
  const callError = err instanceof ConnectorCallError ? err : null;
  const headerBlock = res ? Object.entries(res.requestHeaders).map(([k, v]) => `${k}: ${v}`).join("\n") : "";
  const body = res?.requestBody ?? log.requestBody ?? null;
  return client.connectorExportLog.create({
    data: {
      tenantId: scope.tenantId,
      connectorId: log.connectorId,
      runId: log.runId,
      documentId: log.documentId,
      documentVersion: log.documentVersion,
      idempotencyKey: log.idempotencyKey,
      attempt: log.attempt ?? 1,
      status: log.status,
      method: res?.method ?? log.method,
      url: res?.url ?? callError?.details.url ?? log.url,
      httpStatus: res?.status ?? callError?.details.status ?? null,
      latencyMs: res?.latencyMs ?? callError?.details.latencyMs ?? null,
      requestExcerpt: excerpt([headerBlock, body].filter(Boolean).join("\n\n")) || null,
      responseExcerpt: excerpt(res?.text),
      externalId: log.externalId ?? null,
      errorClass: callError?.errorClass ?? (res && !res.ok ? `HTTP_${res.status}` : err ? "UNKNOWN" : null),
      errorMessage: err instanceof Error ? err.message : err ? String(err) : null,
    },
  });
}
