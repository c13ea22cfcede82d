/**
 * The one place environment variables are read and validated. Parsed lazily so that
 * `next build` never needs runtime secrets.
 */
import ipaddr from "ipaddr.js";
import { z } from "zod";

const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… → PostgreSQL; unset → embedded PGlite in PGLITE_DIR. */
  DATABASE_URL: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL debe empezar con postgres://").optional()),
  /** PostgreSQL connections per process (actions, the engine's run transactions, delivery steps). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(200).default(20),
  DATA_DIR: z.string().default(".data"),
  PGLITE_DIR: optionalString,
  APP_URL: z.url().default("http://127.0.0.1:3000"),
  AUTH_SECRET: optionalString,
  /** 32 bytes, base64: key for secrets at rest. Generated into DATA_DIR when unset. */
  SECRETS_KEY: optionalString,
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default("Contaflow <no-reply@contaflow.local>"),
  SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  /** Sign-ups per minute from one client address. */
  SIGN_UP_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** Reverse proxies (IPs/CIDRs) whose X-Forwarded-For is believed; unset → the socket address is the client. */
  TRUSTED_PROXIES: optionalString,
  INNGEST_BASE_URL: optionalUrl,
  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  /** Embedded engine: steps in flight at once per process. */
  INNGEST_ENGINE_PARALLELISM: z.coerce.number().int().min(1).max(1_000).default(32),
  /** Embedded engine: how long a claimed step is reserved before another process may take it (ms). */
  INNGEST_ENGINE_LEASE_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(360_000),
  /** Embedded engine: how long one call to the app may take before it counts as a failed attempt (ms). */
  INNGEST_ENGINE_CALL_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(300_000),
  /** Embedded engine (and export retries): first retry delay after a failed attempt (ms), doubling per attempt. */
  INNGEST_ENGINE_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  /** Embedded engine: let the SDK run consecutive steps in one call and checkpoint each result (0 = one call per step). */
  INNGEST_ENGINE_CHECKPOINTING: z.enum(["0", "1"]).default("1").transform((v) => v === "1"),
  /** SSRF guard exceptions for outgoing requests (IPs, CIDRs, host names); empty in production. */
  OUTBOUND_ALLOWLIST: optionalString,
  /** An endpoint failing for this long without a single success is disabled (default 5 days). */
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(120),
  /** Webhook attempt logs older than this are deleted (a negative or zero value would delete them all). */
  WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  /** Uploaded files: set S3_BUCKET to keep them in S3-compatible storage, else DATA_DIR/files. */
  S3_BUCKET: optionalString,
  /** e.g. http://127.0.0.1:9000 (MinIO) or https://<account>.r2.cloudflarestorage.com; unset → AWS S3 in S3_REGION. */
  S3_ENDPOINT: optionalUrl,
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  /** Path-style URLs (endpoint/bucket/key); default true with S3_ENDPOINT, false for AWS. */
  S3_FORCE_PATH_STYLE: z.preprocess((v) => (v === "" || v === undefined ? undefined : v === "true" || v === "1"), z.boolean().optional()),
  /** Largest accepted upload, in MiB. */
  UPLOAD_MAX_MB: z.coerce.number().positive().max(200).default(20),
  /** First retry delay of an n8n call in ms, doubling per attempt (tests, e2e); unset → the engine's backoff (INNGEST_ENGINE_BACKOFF_MS). */
  N8N_RETRY_DELAY_MS: z.coerce.number().int().positive().max(3_600_000).optional(),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
});

const refined = schema.superRefine((v, ctx) => {
  for (const entry of (v.TRUSTED_PROXIES ?? "").split(/[\s,]+/).filter(Boolean)) {
    const bare = entry.replace(/^\[|\]$/g, "");
    if (!ipaddr.isValid(bare) && !ipaddr.isValidCIDR(bare)) ctx.addIssue({ code: "custom", path: ["TRUSTED_PROXIES"], message: `entrada inválida "${entry}" (se esperan IPs o CIDRs)` });
  }
  if (v.S3_BUCKET && (!v.S3_ACCESS_KEY_ID || !v.S3_SECRET_ACCESS_KEY)) {
    ctx.addIssue({ code: "custom", path: ["S3_ACCESS_KEY_ID"], message: "con S3_BUCKET hacen falta S3_ACCESS_KEY_ID y S3_SECRET_ACCESS_KEY" });
  }
});

export type Env = z.infer<typeof schema>;
let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = refined.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Configuración inválida:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change process.env between files; this forgets the cached parse. */
export function resetEnvCache() {
  cached = undefined;
}
