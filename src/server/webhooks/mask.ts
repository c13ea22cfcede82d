/**
 * Request headers as stored in the attempt log: secrets masked. Signatures stay readable (they
 * reveal nothing without the secret and are what a receiver compares when debugging).
 */
import { maskSecret } from "@/server/crypto/secret-box";

const SENSITIVE = /^(authorization|proxy-authorization|cookie|x-webhook-token)$|token|secret|password|api-?key/i;

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SENSITIVE.test(name) ? maskSecret(value) : value]));
}
