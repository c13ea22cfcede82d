/**
 * Where the app's Inngest client sends events and registers, and how requests are signed.
 * INNGEST_BASE_URL (self-hosted `inngest start`) or INNGEST_EVENT_KEY (Inngest Cloud) set → that
 * external server, with the SDK reading its own INNGEST_* variables. Neither → the embedded engine, with a signing key generated into the data folder,
 * so the SDK runs in cloud mode and every call is signed exactly as in production.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function isEmbedded(): boolean {
  return !process.env.INNGEST_BASE_URL && !process.env.INNGEST_EVENT_KEY;
}

export function enginePort(): number {
  if (process.env.INNGEST_ENGINE_PORT) return Number(process.env.INNGEST_ENGINE_PORT);
  return Number(process.env.PORT ?? 3000) + 288;
}

export function engineUrl(): string {
  if (!isEmbedded()) return process.env.INNGEST_BASE_URL ?? "https://inn.gs (Inngest Cloud)";
  return `http://127.0.0.1:${enginePort()}`;
}

/** Secrets already read, by file: the engine signs every call with one (a file read each time cost ~1 % of its CPU). */
const readSecrets = new Map<string, string>();

/** A secret generated once into the data folder (0600), shared by every process on that folder; never rewritten. */
function generatedSecret(name: string, make: () => string): string {
  const dir = process.env.DATA_DIR ?? ".data";
  const file = join(/*turbopackIgnore: true*/ dir, name);
  const known = readSecrets.get(file);
  if (known) return known;
  const secret = readOrCreate(file, dir, make);
  readSecrets.set(file, secret);
  return secret;
}

function readOrCreate(file: string, dir: string, make: () => string): string {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, make(), { mode: 0o600, flag: "wx" });
    } catch {
      /* another process wrote it first */
    }
    return readFileSync(file, "utf8").trim();
  }
}

/** `signkey-local-<hex>`; the engine signs calls with it and the SDK verifies them. */
export function localSigningKey(): string {
  if (process.env.INNGEST_SIGNING_KEY) return process.env.INNGEST_SIGNING_KEY;
  return generatedSecret("inngest-signing-key", () => `signkey-local-${randomBytes(32).toString("hex")}`);
}

/** The Event API key (`POST /e/<key>`): only processes that can read the data folder may send events. */
export function localEventKey(): string {
  return generatedSecret("inngest-event-key", () => randomBytes(32).toString("hex"));
}

/** Where the engine reaches the app's serve endpoint (PUT to sync, POST to run steps). */
export function appServeUrl(): string {
  return process.env.INNGEST_SERVE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/api/inngest`;
}
