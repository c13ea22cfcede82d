/**
 * When to try again. The Standard Webhooks example schedule (docs/reference/webhooks.md §6.1):
 * 10 attempts over ≈75.6 h, ±10 % jitter; the 68 h minimum survives a Friday-to-Monday outage.
 * Pure: the delivery function computes the delay here and hands it to Inngest (RetryAfterError),
 * so the exact schedule lives in our code, not in the engine's default backoff.
 */
const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Delay before attempt n+1, indexed by n-1 (the attempt that just failed). */
export const RETRY_DELAYS_MS = [5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.1;
/** Receiver asked us to slow down (429/502/503/504, timeout): never sooner than this. */
export const THROTTLE_FLOOR_MS = 60 * S;
export const MAX_DELAY_MS = 24 * H;

export interface RetryInput {
  /** 1-based number of the attempt that just failed. */
  failedAttempt: number;
  /** 429/502/503/504 or a timeout. */
  throttled?: boolean;
  /** Parsed Retry-After of the failed response, if any. */
  retryAfterMs?: number | null;
  /** Injectable for tests; Math.random by default. */
  random?: () => number;
}

/**
 * Milliseconds until the next attempt, or null when the attempts are exhausted. Always whole
 * seconds, rounded UP: Inngest's durable sleeps have one-second resolution and the SDK floors
 * ("4.86 s" becomes "4s"), which made the first retry of "5 s ± 10 %" fire after 4.26 s.
 */
export function nextRetryDelay(input: RetryInput): number | null {
  const delay = plannedDelay(input);
  return delay === null ? null : Math.ceil(delay / S) * S;
}

function plannedDelay(input: RetryInput): number | null {
  const step = RETRY_DELAYS_MS[input.failedAttempt - 1];
  if (step === undefined) return null;
  const base = input.throttled ? Math.max(step, THROTTLE_FLOOR_MS) : step;
  if (input.retryAfterMs != null && Number.isFinite(input.retryAfterMs)) {
    // Honour Retry-After, but within [base, 2 × base] and at most 24 h: a receiver can neither
    // make us hammer it nor park a message for days.
    return Math.min(Math.max(input.retryAfterMs, base), 2 * base, MAX_DELAY_MS);
  }
  const random = input.random ?? Math.random;
  return base * (1 + JITTER * (2 * random() - 1));
}

/** Total span of the schedule without jitter (for the UI: "reintentamos durante ~3 días"). */
export const SCHEDULE_SPAN_MS = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
