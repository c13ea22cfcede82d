/**
 * «Revisar mi configuración»: one call to each of the five webhooks, and for each a verdict an
 * admin can act on — which n8n setting is missing (the docs/n8n workflows name it in
 * `errors[0].details.setting`), which workflow is not imported or active, whether token and
 * secret match, or that n8n answered an empty 200 (a step threw; most often the crypto builtin).
 * sync-user gets the organization's real settings (a sample would overwrite them in n8n); the
 * others get the contract's samples. Every call is logged as a test.
 */
import "server-only";
import { N8N_ACTIONS, N8N_ENDPOINTS, type N8nAction } from "@/lib/schemas/n8n";
import { buildSyncPayload } from "@/server/movements/sync";
import type { TenantScope } from "@/server/tenants/scope";
import { callN8n } from "./client";
import { N8nCallError } from "./errors";
import { samplePayload } from "./samples";

/** The n8n settings the docs/n8n workflows need, and what each must be. */
export const N8N_SETTINGS_HELP: Record<string, string> = {
  NODE_FUNCTION_ALLOW_BUILTIN: "Falta NODE_FUNCTION_ALLOW_BUILTIN=crypto en el entorno de n8n (los nodos Code verifican la firma con crypto).",
  N8N_BLOCK_ENV_ACCESS_IN_NODE: "n8n no deja leer variables de entorno en los nodos Code: poné N8N_BLOCK_ENV_ACCESS_IN_NODE=false.",
  CONTAFLOW_WEBHOOK_TOKEN: "Falta CONTAFLOW_WEBHOOK_TOKEN en el entorno de n8n: el mismo token que guardaste acá.",
  CONTAFLOW_SIGNING_SECRET: "Falta CONTAFLOW_SIGNING_SECRET en el entorno de n8n: el mismo secreto de firma que guardaste acá.",
};

export type SetupVerdict = "ok" | "missing_setting" | "workflow_missing" | "credentials_mismatch" | "workflow_error" | "unreachable" | "not_configured" | "other";
export type SetupCheck = { action: N8nAction; verdict: SetupVerdict; setting: string | null; message: string };

function verdictFor(action: N8nAction, err: N8nCallError): Omit<SetupCheck, "action"> {
  const details = (err.info.details ?? {}) as { setting?: unknown; header?: unknown };
  const setting = typeof details.setting === "string" ? details.setting : null;
  if (setting) return { verdict: "missing_setting", setting, message: N8N_SETTINGS_HELP[setting] ?? `Falta el ajuste ${setting} en n8n.` };
  switch (err.code) {
    case "NOT_CONFIGURED":
      return { verdict: "not_configured", setting: null, message: "Cargá la URL, el token y el secreto de n8n y activá la integración." };
    case "NOT_FOUND":
      return { verdict: "workflow_missing", setting: null, message: `El webhook /webhook/${N8N_ENDPOINTS[action]} no existe: importá docs/n8n/${N8N_ENDPOINTS[action]}.json y activalo.` };
    case "AUTH_FAILED": {
      const which = details.header === "X-Webhook-Token" ? "El token" : details.header === "X-Signature" ? "El secreto de firma" : "El token o el secreto de firma";
      return { verdict: "credentials_mismatch", setting: null, message: `${which} no coincide con CONTAFLOW_WEBHOOK_TOKEN / CONTAFLOW_SIGNING_SECRET de n8n (o el reloj de n8n está desfasado).` };
    }
    case "NETWORK":
    case "TIMEOUT":
    case "BLOCKED_URL":
      return { verdict: "unreachable", setting: null, message: err.message.replace(/^[A-Z_]+: /, "") };
    case "INTERNAL_ERROR":
      if (err.info.httpStatus !== undefined && err.info.httpStatus >= 200 && err.info.httpStatus < 300) {
        return { verdict: "workflow_error", setting: "NODE_FUNCTION_ALLOW_BUILTIN", message: `n8n respondió ${err.info.httpStatus} sin cuerpo: un paso del workflow falló. ${N8N_SETTINGS_HELP.NODE_FUNCTION_ALLOW_BUILTIN} Si ya está, mirá la ejecución en n8n (Executions).` };
      }
      return { verdict: "other", setting: null, message: err.message.replace(/^[A-Z_]+: /, "") };
    default:
      return { verdict: "other", setting: null, message: err.message.replace(/^[A-Z_]+: /, "") };
  }
}

async function checkOne(tenantId: string, action: N8nAction): Promise<SetupCheck> {
  try {
    const payload = action === "sync_user" ? await buildSyncPayload(tenantId) : samplePayload(action);
    await callN8n({ tenantId, action, payload, test: true });
    return { action, verdict: "ok", setting: null, message: "Responde según el contrato." };
  } catch (err) {
    if (!(err instanceof N8nCallError)) throw err;
    return { action, ...verdictFor(action, err) };
  }
}

export async function checkN8nSetup(scope: TenantScope): Promise<{ ok: boolean; missingSettings: string[]; checks: SetupCheck[] }> {
  const checks = await Promise.all(N8N_ACTIONS.map((action) => checkOne(scope.tenantId, action)));
  const missingSettings = [...new Set(checks.flatMap((c) => (c.setting ? [c.setting] : [])))];
  return { ok: checks.every((c) => c.verdict === "ok"), missingSettings, checks };
}
