/** "Probar": one call of an action with the contract's sample payload, right now, logged as a test. */
import "server-only";
import type { N8nAction } from "@/lib/schemas/n8n";
import type { TenantScope } from "@/server/tenants/scope";
import { callN8n } from "./client";
import { N8nCallError } from "./errors";
import { samplePayload } from "./samples";

export type N8nTestResult =
  | { ok: true; action: N8nAction; requestId: string; executionId: string | null; latencyMs: number; data: unknown }
  | { ok: false; action: N8nAction; requestId: string | null; code: string; message: string; latencyMs: number | null };

export async function testN8nAction(scope: TenantScope, action: N8nAction): Promise<N8nTestResult> {
  try {
    const res = await callN8n({ tenantId: scope.tenantId, action, payload: samplePayload(action), test: true });
    return { ok: true, action, requestId: res.requestId, executionId: res.executionId, latencyMs: res.latencyMs, data: res.data };
  } catch (err) {
    if (!(err instanceof N8nCallError)) throw err;
    return { ok: false, action, requestId: err.info.requestId ?? null, code: err.code, message: err.message, latencyMs: err.info.latencyMs ?? null };
  }
}
