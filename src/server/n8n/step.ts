/**
 * An n8n call as an Inngest step, with the contract's error policy:
 * - retriable codes (RATE_LIMITED, TIMEOUT, AI_ERROR, INTERNAL_ERROR, network) throw, so Inngest
 *   retries the step with backoff (RATE_LIMITED with Retry-After waits that long); on the last
 *   attempt the step returns `{ok: false, outcome: "exhausted"}` instead — the caller may fall back;
 * - AUTH_FAILED / INVALID_PAYLOAD / invalid responses throw NonRetriableError: no retry; the
 *   failed step is caught here and becomes `{ok: false, outcome: "no_retry"}`;
 * - PARSE_FAILED returns `{outcome: "manual_review"}`.
 * The caller records the outcome on its own rows (the call log has the clear message), and then
 * `endRun` makes a run whose n8n call failed end FAILED in Ejecuciones — after its results
 * (fallbacks, error marks) are saved, never instead of them.
 */
import "server-only";
import { NonRetriableError, RetryAfterError } from "inngest";
import { env } from "@/env";
import type { N8nAction, N8nErrorCode } from "@/lib/schemas/n8n";
import { callN8n, type N8nCallOptions } from "./client";
import type { N8nData } from "./contract";
import { N8nCallError } from "./errors";

export type N8nStepResult<A extends N8nAction> =
  | { ok: true; data: N8nData<A>; requestId: string; executionId: string | null }
  | { ok: false; code: N8nErrorCode | "STEP_FAILED"; message: string; outcome: "exhausted" | "no_retry" | "manual_review" };

/** The bits of an Inngest handler context this helper needs. */
export interface StepContext {
  step: { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };
  attempt: number;
  maxAttempts?: number;
  runId: string;
}

const MAX_RETRY_AFTER_MS = 15 * 60_000;
const CODE_PREFIX = /^\[([A-Z_]+)\] /;

export async function n8nStep<A extends N8nAction>(
  ctx: StepContext,
  stepId: string,
  retries: number,
  build: () => Promise<Pick<N8nCallOptions<A>, "tenantId" | "action" | "payload" | "subjectId">>,
): Promise<N8nStepResult<A>> {
  try {
    const result = await ctx.step.run(stepId, async (): Promise<N8nStepResult<A>> => {
      const maxAttempts = ctx.maxAttempts ?? retries + 1;
      const finalAttempt = ctx.attempt + 1 >= maxAttempts;
      try {
        const input = await build();
        const res = await callN8n({ ...input, attempt: ctx.attempt + 1, finalAttempt, runId: ctx.runId });
        return { ok: true, data: res.data, requestId: res.requestId, executionId: res.executionId };
      } catch (err) {
        if (!(err instanceof N8nCallError)) throw err; // our own trouble (database): an ordinary step retry
        if (err.outcome === "manual_review") return { ok: false, code: err.code, message: err.message, outcome: "manual_review" };
        if (err.retriable) {
          if (finalAttempt) return { ok: false, code: err.code, message: err.message, outcome: "exhausted" };
          const base = env().N8N_RETRY_DELAY_MS;
          const wait = err.info.retryAfterMs ?? (base ? base * 2 ** ctx.attempt : null);
          if (wait) throw new RetryAfterError(err.message, Math.min(wait, MAX_RETRY_AFTER_MS));
          throw new Error(err.message);
        }
        throw new NonRetriableError(`[${err.code}] ${err.message}`);
      }
    });
    return result as N8nStepResult<A>;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = CODE_PREFIX.exec(message)?.[1] as N8nErrorCode | undefined;
    return { ok: false, code: code ?? "STEP_FAILED", message: message.replace(CODE_PREFIX, ""), outcome: "no_retry" };
  }
}

/**
 * The last line of a function that called n8n: a failed call (retries exhausted or not
 * retriable) fails the run, so Ejecuciones does not list it as «Completada». Manual review is
 * an answer, not a failure.
 */
export function endRun<A extends N8nAction, T>(res: N8nStepResult<A>, output: T): T {
  if (!res.ok && res.outcome !== "manual_review") throw new NonRetriableError(res.message);
  return output;
}
