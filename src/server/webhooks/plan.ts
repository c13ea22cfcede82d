/**
 * What the delivery function does after one attempt, from the attempt result and the schedule.
 * Maps onto Inngest: "retry" → throw RetryAfterError(delayMs); "give-up" / "abort" /
 * "disable-endpoint" → NonRetriableError after recording (and disabling, for the last one).
 */
import type { AttemptResult } from "./attempt";
import { nextRetryDelay } from "./retry-schedule";

export type NextStep =
  | { action: "delivered" }
  | { action: "retry"; delayMs: number; nextAttempt: number }
  | { action: "give-up" }
  | { action: "abort" }
  | { action: "disable-endpoint" };

export function planNextStep(result: Pick<AttemptResult, "outcome" | "throttled" | "retryAfterMs">, attempt: number, random?: () => number): NextStep {
  switch (result.outcome) {
    case "SUCCESS":
      return { action: "delivered" };
    case "DISABLE_ENDPOINT":
      return { action: "disable-endpoint" };
    case "ABORT":
      return { action: "abort" };
    case "RETRY": {
      const delayMs = nextRetryDelay({ failedAttempt: attempt, throttled: result.throttled, retryAfterMs: result.retryAfterMs, random });
      return delayMs === null ? { action: "give-up" } : { action: "retry", delayMs, nextAttempt: attempt + 1 };
    }
  }
}
