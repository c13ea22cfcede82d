import "server-only";
import { decryptSecret, encryptSecret } from "@/server/crypto/secret-box";

/** Ciphertexts are bound to their connector and purpose: a copied column does not decrypt elsewhere. */
export function connectorAad(connectorId: string, purpose: "auth-secret" | "oauth-access-token") {
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
