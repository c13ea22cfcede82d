import { describe, expect, it } from "vitest";
import { planNextStep } from "@/server/webhooks/plan";
import { MAX_ATTEMPTS, nextRetryDelay, RETRY_DELAYS_MS, SCHEDULE_SPAN_MS } from "@/server/webhooks/retry-schedule";
import { durationMs } from "~/inngest/embedded/time";
// The SDK's own conversion of a step.sleep duration (not exported by the package): what the engine really waits.
// @ts-expect-error -- plain JS module inside the SDK, no types
import { timeStr } from "../../node_modules/inngest/helpers/strings.js";

const H = 3_600_000;
const mid = () => 0.5; // no jitter

describe("retry schedule", () => {
  it("is the Standard Webhooks example schedule: 10 attempts over 75 h 35 m 05 s", () => {
    expect(MAX_ATTEMPTS).toBe(10);
    expect(SCHEDULE_SPAN_MS).toBe(75 * H + 35 * 60_000 + 5_000);
    const delays = Array.from({ length: 9 }, (_, i) => nextRetryDelay({ failedAttempt: i + 1, random: mid }));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H]);
    expect(nextRetryDelay({ failedAttempt: 10 })).toBeNull();
    expect(nextRetryDelay({ failedAttempt: 0 })).toBeNull();
  });

  it("jitters each delay by ±10 %, so the whole span stays within 68–83.1 h", () => {
    RETRY_DELAYS_MS.forEach((step, i) => {
      expect(nextRetryDelay({ failedAttempt: i + 1, random: () => 0 })).toBe(Math.ceil((step * 0.9) / 1000) * 1000);
      const longest = nextRetryDelay({ failedAttempt: i + 1, random: () => 0.999999 })!;
      expect(longest % 1000).toBe(0);
      expect(Math.abs(longest - step * 1.1)).toBeLessThanOrEqual(1000);
    });
    const samples = Array.from({ length: 200 }, () => nextRetryDelay({ failedAttempt: 5 })!);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(4.5 * H);
    expect(Math.max(...samples)).toBeLessThanOrEqual(5.5 * H);
    expect(new Set(samples).size).toBeGreaterThan(100);
  });

  it("never sleeps less than planned: '5 s ± 10 %' never fires before 4.5 s once the SDK turns it into a duration", () => {
    for (let i = 0; i <= 1000; i++) {
      const r = i / 1000;
      const planned = 5_000 * (1 + 0.1 * (2 * r - 1));
      const delay = nextRetryDelay({ failedAttempt: 1, random: () => r })!;
      const slept = durationMs((timeStr as (ms: number) => string)(delay));
      expect(slept, `random ${r}: planned ${planned} ms, slept ${slept} ms`).toBeGreaterThanOrEqual(planned);
      expect(slept).toBeGreaterThanOrEqual(4_500);
    }
  });

  it("waits at least 60 s when the receiver is throttling or timing out", () => {
    expect(nextRetryDelay({ failedAttempt: 1, throttled: true, random: mid })).toBe(60_000);
    expect(nextRetryDelay({ failedAttempt: 3, throttled: true, random: mid })).toBe(1_800_000);
  });

  it("clamps Retry-After to [step, 2 × step] and 24 h", () => {
    expect(nextRetryDelay({ failedAttempt: 2, retryAfterMs: 1_000 })).toBe(300_000);
    expect(nextRetryDelay({ failedAttempt: 2, retryAfterMs: 400_000 })).toBe(400_000);
    expect(nextRetryDelay({ failedAttempt: 2, retryAfterMs: 10 * H })).toBe(600_000);
    expect(nextRetryDelay({ failedAttempt: 9, retryAfterMs: 72 * H })).toBe(24 * H);
    expect(nextRetryDelay({ failedAttempt: 10, retryAfterMs: 1_000 })).toBeNull();
  });
});

describe("planNextStep", () => {
  const retry = { outcome: "RETRY" as const, throttled: false, retryAfterMs: null };
  it("maps an attempt result to the delivery function's next move", () => {
    expect(planNextStep({ ...retry, outcome: "SUCCESS" }, 3)).toEqual({ action: "delivered" });
    expect(planNextStep({ ...retry, outcome: "DISABLE_ENDPOINT" }, 1)).toEqual({ action: "disable-endpoint" });
    expect(planNextStep({ ...retry, outcome: "ABORT" }, 1)).toEqual({ action: "abort" });
    expect(planNextStep(retry, 1, mid)).toEqual({ action: "retry", delayMs: 5_000, nextAttempt: 2 });
    expect(planNextStep({ ...retry, throttled: true, retryAfterMs: 100_000 }, 1)).toEqual({ action: "retry", delayMs: 100_000, nextAttempt: 2 });
    expect(planNextStep(retry, MAX_ATTEMPTS)).toEqual({ action: "give-up" });
  });
});
