/**
 * Engine settings are validated in src/env.ts like every other variable (issue 23, part A):
 * a bad value stops the process with a clear message instead of silently misbehaving (a negative
 * retention used to delete the whole attempt log). [matrix:setting:env-validated:supported]
 */
import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/env";

const KEYS = ["INNGEST_ENGINE_PARALLELISM", "INNGEST_ENGINE_LEASE_MS", "WEBHOOK_LOG_RETENTION_DAYS", "INNGEST_ENGINE_CHECKPOINTING", "INNGEST_ENGINE_CALL_TIMEOUT_MS", "INNGEST_ENGINE_BACKOFF_MS"] as const;
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  resetEnvCache();
});

function withEnv(values: Partial<Record<(typeof KEYS)[number], string>>) {
  Object.assign(process.env, values);
  resetEnvCache();
  return () => env();
}

describe("engine settings in src/env.ts [matrix:setting:env-validated:supported]", () => {
  it("defaults when unset", () => {
    for (const k of KEYS) delete process.env[k];
    resetEnvCache();
    expect(env()).toMatchObject({ INNGEST_ENGINE_PARALLELISM: 32, INNGEST_ENGINE_LEASE_MS: 360_000, WEBHOOK_LOG_RETENTION_DAYS: 30, INNGEST_ENGINE_CALL_TIMEOUT_MS: 300_000, INNGEST_ENGINE_BACKOFF_MS: 10_000 });
  });

  it("reads valid values", () => {
    expect(withEnv({ INNGEST_ENGINE_PARALLELISM: "8", INNGEST_ENGINE_LEASE_MS: "60000", WEBHOOK_LOG_RETENTION_DAYS: "90" })()).toMatchObject({ INNGEST_ENGINE_PARALLELISM: 8, INNGEST_ENGINE_LEASE_MS: 60_000, WEBHOOK_LOG_RETENTION_DAYS: 90 });
  });

  it("checkpointing is on by default, off with 0, and anything but 0/1 is refused", () => {
    delete process.env.INNGEST_ENGINE_CHECKPOINTING;
    resetEnvCache();
    expect(env().INNGEST_ENGINE_CHECKPOINTING).toBe(true);
    expect(withEnv({ INNGEST_ENGINE_CHECKPOINTING: "0" })().INNGEST_ENGINE_CHECKPOINTING).toBe(false);
    expect(withEnv({ INNGEST_ENGINE_CHECKPOINTING: "si" })).toThrow(/INNGEST_ENGINE_CHECKPOINTING/);
  });

  it("refuses a negative or zero retention, a zero parallelism and a lease that is not a number", () => {
    expect(withEnv({ WEBHOOK_LOG_RETENTION_DAYS: "-1" })).toThrow(/WEBHOOK_LOG_RETENTION_DAYS/);
    expect(withEnv({ WEBHOOK_LOG_RETENTION_DAYS: "0" })).toThrow(/WEBHOOK_LOG_RETENTION_DAYS/);
    expect(withEnv({ WEBHOOK_LOG_RETENTION_DAYS: "30", INNGEST_ENGINE_PARALLELISM: "0" })).toThrow(/INNGEST_ENGINE_PARALLELISM/);
    expect(withEnv({ INNGEST_ENGINE_PARALLELISM: "4", INNGEST_ENGINE_LEASE_MS: "pronto" })).toThrow(/INNGEST_ENGINE_LEASE_MS/);
  });

  it("the call timeout and the retry backoff are read here too: a value that is not a positive number of ms is refused", async () => {
    // They used to be read with Number(process.env…) in the engine: "pronto" gave NaN — every call
    // to the app failed at once (AbortSignal.timeout(NaN) throws), every retry had no delay.
    expect(withEnv({ INNGEST_ENGINE_CALL_TIMEOUT_MS: "pronto" })).toThrow(/INNGEST_ENGINE_CALL_TIMEOUT_MS/);
    expect(withEnv({ INNGEST_ENGINE_CALL_TIMEOUT_MS: "500" })).toThrow(/INNGEST_ENGINE_CALL_TIMEOUT_MS/);
    expect(withEnv({ INNGEST_ENGINE_CALL_TIMEOUT_MS: "60000", INNGEST_ENGINE_BACKOFF_MS: "-5" })).toThrow(/INNGEST_ENGINE_BACKOFF_MS/);
    expect(withEnv({ INNGEST_ENGINE_BACKOFF_MS: "ya" })).toThrow(/INNGEST_ENGINE_BACKOFF_MS/);
    expect(withEnv({ INNGEST_ENGINE_BACKOFF_MS: "200" })()).toMatchObject({ INNGEST_ENGINE_CALL_TIMEOUT_MS: 60_000, INNGEST_ENGINE_BACKOFF_MS: 200 });
    // …and the engine's retry delay follows the validated value (±20 % jitter).
    const { backoffMs } = await import("~/inngest/embedded/time");
    const delay = backoffMs(1);
    expect(delay).toBeGreaterThanOrEqual(320);
    expect(delay).toBeLessThanOrEqual(480);
  });
});
