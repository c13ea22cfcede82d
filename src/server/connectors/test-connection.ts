/**
 * "Probar conexión": one authenticated GET to the base URL (or the connector's health path),
 * through the same client the PUSH/PULL functions use. A 429 whose Retry-After is short is
 * waited out once. The result (ok, HTTP status, latency, an es-AR reason) is stored on the
 * connector and shown in the list.
 */
import "server-only";
import type { Dispatcher } from "undici";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { buildUrl, connectorRequest, ConnectorCallError, type ConnectorResponse } from "./http-client";
import { findConnector } from "./manage-connectors";

/** Waiting longer than this for a Retry-After is not worth it in an interactive test. */
export const MAX_TEST_RETRY_WAIT_MS = 5_000;
/** A success slower than this says so. */
export const SLOW_RESPONSE_MS = 3_000;

export type ConnectionTestResult = {
  ok: boolean;
  status: number | null;
  latencyMs: number | null;
  message: string;
  url: string;
  errorClass: string | null;
  testedAt: Date;
};

function seconds(ms: number) {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1).replace(".", ",")} s`;
}

export function explainResponse(res: Pick<ConnectorResponse, "status" | "latencyMs" | "retryAfterMs" | "headers" | "authRetried">): { ok: boolean; message: string } {
  const s = res.status;
  if (s >= 200 && s < 300) {
    const slow = res.latencyMs >= SLOW_RESPONSE_MS ? ` La respuesta fue lenta (${seconds(res.latencyMs)}): revisá el tiempo de espera del conector.` : "";
    return { ok: true, message: `Conexión correcta: HTTP ${s} en ${res.latencyMs} ms.${slow}` };
  }
  if (s === 401 || s === 403) {
    const renewed = res.authRetried ? " (también con un token OAuth recién pedido)" : "";
    return { ok: false, message: `El servidor rechazó las credenciales (HTTP ${s})${renewed}. Revisá el tipo de autenticación y el secreto.` };
  }
  if (s === 429) {
    const wait = res.retryAfterMs !== null ? ` Pidió esperar ${seconds(res.retryAfterMs)} (Retry-After) antes de volver a intentar.` : "";
    return { ok: false, message: `El servidor pidió bajar el ritmo (HTTP 429: demasiadas solicitudes).${wait}` };
  }
  if (s >= 300 && s < 400) {
    const location = res.headers.location;
    return { ok: false, message: location ? `La URL redirige (HTTP ${s}) a ${location}; no seguimos redirecciones: usá esa URL como base.` : `La URL respondió una redirección (HTTP ${s}) sin destino.` };
  }
  if (s === 404) return { ok: false, message: "El servidor respondió 404: la URL base o la ruta de prueba no existe. Configurá una ruta de prueba que responda 2xx." };
  if (s >= 400 && s < 500) return { ok: false, message: `El servidor rechazó la solicitud (HTTP ${s}).` };
  if (s >= 500) return { ok: false, message: `El servidor tuvo un error interno (HTTP ${s}); probá de nuevo más tarde.` };
  return { ok: false, message: `El servidor respondió un código inesperado (HTTP ${s}).` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function testConnection(scope: TenantScope, id: string, opts: { dispatcher?: Dispatcher } = {}): Promise<ConnectionTestResult> {
  const connector = await findConnector(scope, id);
  const req = { method: "GET" as const, path: connector.healthPath, maxBodyBytes: 1024 * 1024 };
  const url = buildUrl(connector.baseUrl, req).toString();
  let result: Omit<ConnectionTestResult, "testedAt">;
  try {
    let res = await connectorRequest(connector, req, opts);
    let waitedMs: number | null = null;
    if (res.status === 429 && res.retryAfterMs !== null && res.retryAfterMs <= MAX_TEST_RETRY_WAIT_MS) {
      waitedMs = res.retryAfterMs;
      await sleep(waitedMs);
      res = await connectorRequest(connector, req, opts);
    }
    const explained = explainResponse(res);
    const waited = waitedMs !== null ? ` Antes respondió 429 y esperamos ${seconds(waitedMs)}, como pidió (Retry-After).` : "";
    result = { ok: explained.ok, status: res.status, latencyMs: res.latencyMs, url: res.url, errorClass: explained.ok ? null : `HTTP_${res.status}`, message: explained.message + waited };
  } catch (e) {
    if (!(e instanceof ConnectorCallError)) throw e;
    result = { ok: false, status: e.details.status ?? null, latencyMs: e.details.latencyMs ?? null, url: e.details.url ?? url, errorClass: e.errorClass, message: e.message };
  }
  return record(scope, id, result);
}

async function record(scope: TenantScope, id: string, result: Omit<ConnectionTestResult, "testedAt">): Promise<ConnectionTestResult> {
  const testedAt = new Date();
  await db().apiConnector.updateMany({
    where: scoped(scope, { id }),
    data: { lastTestAt: testedAt, lastTestOk: result.ok, lastTestStatus: result.status, lastTestLatencyMs: result.latencyMs, lastTestMessage: result.message },
  });
  return { ...result, testedAt };
}
