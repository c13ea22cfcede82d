/**
 * The tenant's n8n settings. Token and signing secret are encrypted with secret-box (aad bound
 * to the tenant and purpose) and never leave the server: the view carries only hints.
 */
import "server-only";
import type { N8nSettings } from "@/generated/prisma/client";
import { saveN8nSettingsInput, type SaveN8nSettingsInput } from "@/lib/schemas/n8n";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";
import { db } from "@/server/db/client";
import { requestSyncOnChange } from "@/server/movements/sync";
import { AppError } from "@/server/errors";
import { assertOutboundUrlAllowed } from "@/server/net/ssrf";
import type { TenantScope } from "@/server/tenants/scope";

type Purpose = "token" | "signing-secret";
const aad = (tenantId: string, purpose: Purpose) => `n8n:${tenantId}:${purpose}`;
const hint = (secret: string) => (secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••");

export type N8nSettingsView = { configured: boolean; baseUrl: string; tokenHint: string | null; signingSecretHint: string | null; timeoutSeconds: number; enabled: boolean; updatedAt: Date | null };

export function toSettingsView(s: N8nSettings | null): N8nSettingsView {
  if (!s) return { configured: false, baseUrl: "", tokenHint: null, signingSecretHint: null, timeoutSeconds: 30, enabled: true, updatedAt: null };
  return { configured: true, baseUrl: s.baseUrl, tokenHint: s.tokenHint, signingSecretHint: s.signingSecretHint, timeoutSeconds: Math.round(s.timeoutMs / 1000), enabled: s.enabled, updatedAt: s.updatedAt };
}

export async function getN8nSettings(scope: Pick<TenantScope, "tenantId">): Promise<N8nSettingsView> {
  return toSettingsView(await db().n8nSettings.findUnique({ where: { tenantId: scope.tenantId } }));
}

export async function saveN8nSettings(scope: TenantScope, raw: SaveN8nSettingsInput): Promise<N8nSettingsView> {
  const input = saveN8nSettingsInput.parse(raw);
  const url = await assertOutboundUrlAllowed(input.baseUrl, { field: "baseUrl" });
  const baseUrl = url.toString().replace(/\/+$/, "");
  const existing = await db().n8nSettings.findUnique({ where: { tenantId: scope.tenantId } });
  if (!existing && !input.token) throw AppError.field("token", "Ingresá el token (X-Webhook-Token)");
  if (!existing && !input.signingSecret) throw AppError.field("signingSecret", "Ingresá el secreto de firma");
  if (input.signingSecret && input.signingSecret.length < 16) throw AppError.field("signingSecret", "El secreto de firma debe tener al menos 16 caracteres");
  const secrets = {
    ...(input.token ? { tokenEnc: encryptSecret(input.token, aad(scope.tenantId, "token")), tokenHint: hint(input.token) } : {}),
    ...(input.signingSecret ? { signingSecretEnc: encryptSecret(input.signingSecret, aad(scope.tenantId, "signing-secret")), signingSecretHint: hint(input.signingSecret) } : {}),
  };
  const common = { baseUrl, timeoutMs: input.timeoutSeconds * 1000, enabled: input.enabled };
  const saved = existing
    ? await db().n8nSettings.update({ where: { tenantId: scope.tenantId }, data: { ...common, ...secrets } })
    : await db().n8nSettings.create({
        data: {
          tenantId: scope.tenantId,
          ...common,
          tokenEnc: secrets.tokenEnc!,
          tokenHint: secrets.tokenHint!,
          signingSecretEnc: secrets.signingSecretEnc!,
          signingSecretHint: secrets.signingSecretHint!,
        },
      });
  // First configuration (or switched back on): n8n gets the organization's settings right away.
  if (saved.enabled && (!existing || !existing.enabled)) await requestSyncOnChange(scope.tenantId, "n8n-configured");
  return toSettingsView(saved);
}

export type N8nCredentials = { baseUrl: string; token: string; signingSecret: string; timeoutMs: number };

/** Decrypted credentials for a call, or null when n8n is not configured or disabled. */
export async function loadN8nCredentials(tenantId: string): Promise<N8nCredentials | null> {
  const s = await db().n8nSettings.findUnique({ where: { tenantId } });
  if (!s || !s.enabled) return null;
  return { baseUrl: s.baseUrl, timeoutMs: s.timeoutMs, token: decryptSecret(s.tokenEnc, aad(tenantId, "token")), signingSecret: decryptSecret(s.signingSecretEnc, aad(tenantId, "signing-secret")) };
}
