import "server-only";
import { decryptSecret, encryptSecret, maskSecret } from "@/server/crypto/secret-box";
import { generateSigningSecret, generateWebhookToken } from "../secrets";

/** A fresh secret + token: the encrypted columns to store and the plaintext to show once. */
export function newCredentials(endpointId: string) {
  const secret = generateSigningSecret();
  const token = generateWebhookToken();
  return {
    plain: { secret, token },
    columns: { secretEnc: encryptSecret(secret, aad(endpointId, "secret")), tokenEnc: encryptSecret(token, aad(endpointId, "token")), secretHint: maskSecret(secret) },
  };
}

/** Ciphertexts are bound to their endpoint and purpose: a copied column does not decrypt elsewhere. */
export function aad(endpointId: string, purpose: "secret" | "token") {
  return `webhook-endpoint:${endpointId}:${purpose}`;
}

export function openSecret(endpointId: string, stored: string) {
  return decryptSecret(stored, aad(endpointId, "secret"));
}

export function openToken(endpointId: string, stored: string) {
  return decryptSecret(stored, aad(endpointId, "token"));
}
