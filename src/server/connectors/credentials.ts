import "server-only";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";

/** Ciphertexts are bound to their connector and purpose: a copied column does not decrypt elsewhere. */
export function connectorAad(connectorId: string, purpose: "auth-secret" | "oauth-access-token" | "extra-secrets") {
  return `api-connector:${connectorId}:${purpose}`;
}

/** Only the last 4 characters, and only of secrets long enough that 4 reveal little. */
export function secretHint(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
}

/** The encrypted column and the masked hint for a connector's auth secret. */
export function sealAuthSecret(connectorId: string, secret: string) {
  return { secretEnc: encryptSecret(secret, connectorAad(connectorId, "auth-secret")), secretHint: secretHint(secret) };
}

export function openAuthSecret(connectorId: string, secretEnc: string) {
  return decryptSecret(secretEnc, connectorAad(connectorId, "auth-secret"));
}

/** Extra named secrets (a preset's second password): one encrypted JSON object. */
export function sealExtraSecrets(connectorId: string, secrets: Record<string, string>) {
  return { extraSecretsEnc: Object.keys(secrets).length ? encryptSecret(JSON.stringify(secrets), connectorAad(connectorId, "extra-secrets")) : null };
}

export function openExtraSecrets(connectorId: string, extraSecretsEnc: string | null): Record<string, string> {
  if (!extraSecretsEnc) return {};
  return JSON.parse(decryptSecret(extraSecretsEnc, connectorAad(connectorId, "extra-secrets"))) as Record<string, string>;
}
