/**
 * Authenticated encryption for secrets stored in the database (webhook secrets, API keys,
 * tokens). AES-256-GCM; the stored form is `v1.<iv>.<tag>.<ciphertext>` in base64url so the
 * key can be rotated later by version.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { localSecrets } from "@/server/config/local-secrets";
import { AppError } from "@/server/errors";

function key(): Buffer {
  const k = Buffer.from(localSecrets().secretsKey, "base64");
  if (k.length !== 32) throw new Error("SECRETS_KEY debe ser de 32 bytes en base64");
  return k;
}

export function encryptSecret(plain: string, aad = ""): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(stored: string, aad = ""): string {
  const [version, iv, tag, data] = stored.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new AppError("INTERNAL", "Secreto almacenado con formato desconocido");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** For display after creation: never the secret itself. */
export function maskSecret(plain: string): string {
  return plain.length <= 8 ? "••••" : `${plain.slice(0, 4)}…${plain.slice(-4)}`;
}
