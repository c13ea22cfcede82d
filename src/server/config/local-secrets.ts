/**
 * In embedded mode nobody configures secrets, so we generate them once into the data
 * folder (mode 0600) and reuse them on every start. Configured env values always win.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "@/env";

type LocalSecrets = { authSecret: string; secretsKey: string };
let cached: LocalSecrets | undefined;

function loadOrCreate(): LocalSecrets {
  const file = join(env().DATA_DIR, "secrets.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  } catch {
    const created = { authSecret: randomBytes(32).toString("base64"), secretsKey: randomBytes(32).toString("base64") };
    mkdirSync(env().DATA_DIR, { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(created), { mode: 0o600, flag: "wx" });
      return created;
    } catch {
      return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets; // another process won the race
    }
  }
}

export function localSecrets(): LocalSecrets {
  const e = env();
  if (e.AUTH_SECRET && e.SECRETS_KEY) return { authSecret: e.AUTH_SECRET, secretsKey: e.SECRETS_KEY };
  cached ??= loadOrCreate();
  return { authSecret: e.AUTH_SECRET ?? cached.authSecret, secretsKey: e.SECRETS_KEY ?? cached.secretsKey };
}
