/**
 * The tenant's AI provider settings: one row per tenant. The API key is encrypted with the
 * secret box on save and never returned (the view carries only a hint). The base URL goes
 * through the SSRF guard at save time (a field error) and again on every call (the guarded agent).
 */
import "server-only";
import { z } from "zod";
import type { AiProviderConfig } from "@/generated/prisma/client";
import type { SaveAiProviderInput } from "@/lib/schemas/ai";
import { saveAiProviderInput } from "@/lib/schemas/ai";
import { decryptSecret, encryptSecret, maskSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { assertOutboundUrlAllowed } from "@/server/net/ssrf";
import type { TenantScope } from "@/server/tenants/scope";
import { AiCallError, chatCompletion } from "./chat-client";
import { apiKeyAad } from "./provider";

export type AiProviderView = {
  configured: boolean;
  baseUrl: string;
  model: string;
  hasApiKey: boolean;
  apiKeyHint: string | null;
  timeoutSeconds: number;
  extractionEnabled: boolean;
  classificationEnabled: boolean;
  suggestionsEnabled: boolean;
  lastTest: { at: Date; ok: boolean; message: string; latencyMs: number | null } | null;
  updatedAt: Date | null;
};

export function toProviderView(row: AiProviderConfig | null): AiProviderView {
  if (!row) {
    return { configured: false, baseUrl: "", model: "", hasApiKey: false, apiKeyHint: null, timeoutSeconds: 30, extractionEnabled: true, classificationEnabled: true, suggestionsEnabled: true, lastTest: null, updatedAt: null };
  }
  return {
    configured: true,
    baseUrl: row.baseUrl,
    model: row.model,
    hasApiKey: row.apiKeyEnc !== null,
    apiKeyHint: row.apiKeyHint,
    timeoutSeconds: Math.round(row.timeoutMs / 1000),
    extractionEnabled: row.extractionEnabled,
    classificationEnabled: row.classificationEnabled,
    suggestionsEnabled: row.suggestionsEnabled,
    lastTest: row.lastTestAt ? { at: row.lastTestAt, ok: row.lastTestOk ?? false, message: row.lastTestMessage ?? "", latencyMs: row.lastTestLatencyMs } : null,
    updatedAt: row.updatedAt,
  };
}

export async function getAiProvider(scope: TenantScope): Promise<AiProviderView> {
  return toProviderView(await db().aiProviderConfig.findUnique({ where: { tenantId: scope.tenantId } }));
}

export async function saveAiProvider(scope: TenantScope, raw: SaveAiProviderInput): Promise<AiProviderView> {
  const input = saveAiProviderInput.parse(raw);
  const url = await assertOutboundUrlAllowed(input.baseUrl, { field: "baseUrl" });
  const baseUrl = url.toString().replace(/\/+$/, "");
  const key = input.apiKey?.trim();
  const secret = key ? { apiKeyEnc: encryptSecret(key, apiKeyAad(scope.tenantId)), apiKeyHint: maskSecret(key) } : input.clearApiKey ? { apiKeyEnc: null, apiKeyHint: null } : {};
  const data = {
    baseUrl,
    model: input.model,
    timeoutMs: input.timeoutSeconds * 1000,
    extractionEnabled: input.extractionEnabled,
    classificationEnabled: input.classificationEnabled,
    suggestionsEnabled: input.suggestionsEnabled,
    updatedById: scope.userId,
    // A changed target invalidates the last test result.
    lastTestAt: null,
    lastTestOk: null,
    lastTestMessage: null,
    lastTestLatencyMs: null,
  };
  const row = await db().aiProviderConfig.upsert({
    where: { tenantId: scope.tenantId },
    create: { tenantId: scope.tenantId, ...data, ...secret },
    update: { ...data, ...secret },
  });
  return toProviderView(row);
}

/** Removes the provider: AI features switch off, everything else keeps working. */
export async function deleteAiProvider(scope: TenantScope): Promise<{ ok: true }> {
  await db().aiProviderConfig.deleteMany({ where: { tenantId: scope.tenantId } });
  return { ok: true };
}

const pingReply = z.object({ ok: z.boolean() });

export type ProviderTestResult = { ok: boolean; message: string; latencyMs: number | null };

/** The "Probar" button: one tiny JSON-mode completion against the saved settings; the result is kept. */
export async function testAiProvider(scope: TenantScope): Promise<ProviderTestResult> {
  const config = await db().aiProviderConfig.findUnique({ where: { tenantId: scope.tenantId } });
  if (!config) throw new AppError("BAD_REQUEST", "Primero guardá la configuración del proveedor");
  let result: ProviderTestResult;
  try {
    const apiKey = config.apiKeyEnc ? decryptSecret(config.apiKeyEnc, apiKeyAad(config.tenantId)) : null;
    const { latencyMs } = await chatCompletion(
      { baseUrl: config.baseUrl, model: config.model, apiKey, timeoutMs: config.timeoutMs },
      { system: 'Respondé solo con el objeto JSON {"ok": true}.', user: "Prueba de conexión de Contaflow. Respondé en JSON.", schema: pingReply, maxTokens: 20 },
    );
    result = { ok: true, message: `El proveedor respondió correctamente con el modelo ${config.model}.`, latencyMs };
  } catch (e) {
    if (!(e instanceof AiCallError)) throw e;
    result = { ok: false, message: e.message, latencyMs: e.details.latencyMs ?? null };
  }
  await db().aiProviderConfig.update({
    where: { tenantId: scope.tenantId },
    data: { lastTestAt: new Date(), lastTestOk: result.ok, lastTestMessage: result.message, lastTestLatencyMs: result.latencyMs },
  });
  return result;
}
