import type { ApiConnector } from "@/generated/prisma/client";
import { headerLines } from "@/lib/schemas/connectors";

function headersOf(json: unknown): Record<string, string> {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}

/** What leaves the server about a connector: never a secret or a token, only the masked hint. */
export function connectorView(c: ApiConnector) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    direction: c.direction,
    baseUrl: c.baseUrl,
    enabled: c.enabled,
    timeoutSeconds: Math.round(c.timeoutMs / 1000),
    concurrency: c.concurrency,
    defaultHeaders: headerLines(headersOf(c.defaultHeaders)),
    healthPath: c.healthPath,
    authType: c.authType,
    apiKeyHeader: c.apiKeyHeader ?? "",
    username: c.username ?? "",
    oauthTokenUrl: c.oauthTokenUrl ?? "",
    oauthClientId: c.oauthClientId ?? "",
    oauthScope: c.oauthScope ?? "",
    oauthClientAuth: c.oauthClientAuth,
    hasSecret: c.secretEnc !== null,
    secretHint: c.secretHint,
    pushPath: c.pushPath,
    pushMethod: c.pushMethod,
    pushMapping: c.pushMapping,
    pushResponseIdPath: c.pushResponseIdPath,
    pullPath: c.pullPath,
    pullPagination: c.pullPagination,
    pullPageSize: c.pullPageSize,
    pullPageParam: c.pullPageParam,
    pullSizeParam: c.pullSizeParam,
    pullCursorPath: c.pullCursorPath,
    pullRecordPath: c.pullRecordPath,
    pullIdField: c.pullIdField,
    pullMapping: c.pullMapping,
    presetKey: c.presetKey,
    parameters: (c.parameters ?? {}) as Record<string, unknown>,
    hasExtraSecrets: c.extraSecretsEnc !== null,
    pushSuccessPath: c.pushSuccessPath,
    pushErrorPath: c.pushErrorPath,
    pushSchedule: c.pushSchedule ?? "",
    pullSchedule: c.pullSchedule ?? "",
    scheduleTimezone: c.scheduleTimezone,
    lastTest: c.lastTestAt ? { at: c.lastTestAt, ok: c.lastTestOk === true, status: c.lastTestStatus, latencyMs: c.lastTestLatencyMs, message: c.lastTestMessage ?? "" } : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
export type ConnectorView = ReturnType<typeof connectorView>;

/** The stored default headers as a record (for the HTTP client). */
export function storedHeaders(c: Pick<ApiConnector, "defaultHeaders">): Record<string, string> {
  return headersOf(c.defaultHeaders);
}
