/**
 * Runs one queue item: one signed call to the app's serve endpoint, exactly as the Inngest
 * server makes it, then applies the answer. With checkpointing (INNGEST_ENGINE_CHECKPOINTING, on
 * by default) the call carries `ctx.fn_id` and `ctx.qi_id`, so the SDK runs consecutive
 * `step.run`s in this one call and saves each result through `POST /v1/checkpoint/{runId}/async`
 * (checkpoint.ts) before running the next; without them it is the classic one-step-per-call protocol.
 */
import type { EngineQueueItem, EngineRun, Prisma } from "@/generated/prisma/client";
import { readAppAnswer, type AppAnswer } from "./app-response";
import { localSigningKey } from "./config";
import { ingestEvents } from "./event-router";
import { finishFromCall, finishRun, type RunResult } from "./finish";
import { performGateway } from "./gateway";
import { newId } from "./ids";
import { LIMITS, UNSUPPORTED_TOOL_ERRORS } from "./options";
import { loadFunctions } from "./registry";
import { env } from "@/env";
import { queueItemRef } from "./checkpoint-ref";
import { addPending, enqueue, saveStep, withRun, type RunSteps, type Tx } from "./run-state";
import { signRequest } from "./signing";
import { backoffMs, durationMs, retryAfterMs } from "./time";
import type { EngineEventPayload, FunctionConfig, Op } from "./types";

type After = (() => Promise<void>) | null;

async function callApp(fn: FunctionConfig, run: EngineRun, item: EngineQueueItem): Promise<AppAnswer> {
  const url = new URL(fn.steps.step.runtime.url);
  url.searchParams.set("fnId", fn.id);
  url.searchParams.set("stepId", item.stepId);
  const event = run.event as unknown as EngineEventPayload;
  const body = {
    event,
    events: (run.events as unknown as EngineEventPayload[] | null) ?? [event],
    steps: run.steps,
    ctx: {
      run_id: run.id,
      // Their presence turns on the SDK's checkpointing; qi_id names this claim (item and lease), so a
      // checkpoint from a call whose lease was lost is refused as stale (409).
      ...(env().INNGEST_ENGINE_CHECKPOINTING ? { fn_id: fn.id, qi_id: queueItemRef(item) } : {}),
      attempt: item.attempt,
      max_attempts: run.maxAttempts,
      disable_immediate_execution: run.disableImmediate,
      use_api: false,
      stack: { stack: run.stack, current: run.stack.length },
    },
    version: run.reqVersion,
    use_api: false,
  };
  const { raw, signature } = signRequest(body, localSigningKey());
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": signature, "x-run-id": run.id, "x-inngest-server-kind": "cloud" },
      body: raw,
      signal: AbortSignal.timeout(env().INNGEST_ENGINE_CALL_TIMEOUT_MS),
    });
    return await readAppAnswer(res, localSigningKey());
  } catch (e) {
    return { networkError: e instanceof Error ? e.message : String(e) };
  }
}

async function log(tx: Tx, run: EngineRun, op: Op | { id: string; name: string }, attempt: number, status: string, detail: { output?: unknown; error?: unknown } = {}) {
  await tx.engineStepLog.create({
    data: {
      runId: run.id,
      stepId: op.id,
      name: ("displayName" in op && op.displayName) || op.name || op.id,
      attempt,
      status,
      output: detail.output === undefined ? undefined : ((detail.output ?? null) as Prisma.InputJsonValue),
      error: detail.error === undefined ? undefined : ((detail.error ?? null) as Prisma.InputJsonValue),
    },
  });
}

/** Retry this item with backoff, or — out of attempts — fail the step (a step op) or the run. */
/** Inngest Cloud refuses a step (or function) result over 4 MiB: "step output size is greater than the limit". */
function tooLarge(value: unknown): { name: string; message: string } | null {
  const bytes = Buffer.byteLength(JSON.stringify(value ?? null));
  return bytes > LIMITS.maxStepOutputBytes ? { name: "StepOutputTooLarge", message: `step output size is greater than the limit (${bytes} bytes > 4 MiB)` } : null;
}

async function retryOrFail(tx: Tx, run: EngineRun, item: EngineQueueItem, error: unknown, retryAfter: string | null, op?: Op): Promise<After> {
  if (item.attempt + 1 >= run.maxAttempts) {
    if (op) {
      await saveStep(tx, run, op.id, { error });
      return null;
    }
    return finishRun(tx, run, { error });
  }
  const delay = retryAfterMs(retryAfter) ?? backoffMs(item.attempt);
  await enqueue(tx, run.id, item.stepId, item.attempt + 1, new Date(Date.now() + delay));
  return null;
}

async function applyOps(tx: Tx, run: EngineRun, fn: FunctionConfig, item: EngineQueueItem, ops: Op[], retryAfter: string | null): Promise<After> {
  if (ops.length > 1 && !run.disableImmediate) {
    run.disableImmediate = true;
    await tx.engineRun.update({ where: { id: run.id }, data: { disableImmediate: true } });
  }
  let after: After = null;
  for (const op of ops) {
    const memoized = op.id in (run.steps as RunSteps);
    switch (op.op) {
      case "StepRun":
      case "Step": {
        // Already saved by a checkpoint (an SDK falling back after a failed checkpoint re-sends its buffer).
        if (memoized) break;
        const overLimit = tooLarge(op.data);
        if (overLimit) {
          await log(tx, run, op, item.attempt, "FAILED", { error: overLimit });
          run = await saveStep(tx, run, op.id, { error: overLimit });
          break;
        }
        await log(tx, run, op, item.attempt, "COMPLETED", { output: op.data ?? null });
        run = await saveStep(tx, run, op.id, { data: op.data ?? null });
        break;
      }
      case "StepPlanned":
        if (await addPending(tx, run, op.id)) await enqueue(tx, run.id, op.id);
        break;
      case "Sleep":
        if (!memoized && (await addPending(tx, run, op.id))) {
          const ms = durationMs((op.opts?.duration as string | undefined) || op.name);
          await tx.engineWait.create({ data: { runId: run.id, stepId: op.id, kind: "SLEEP", expiresAt: new Date(Date.now() + ms) } });
          await log(tx, run, op, item.attempt, "SLEEPING", { output: { ms } });
        }
        break;
      case "WaitForEvent":
        if (!memoized && (await addPending(tx, run, op.id))) {
          // A timeout in the past (a Date already gone) times out at once; none given → 7 days.
          const timeout = op.opts?.timeout ? durationMs(op.opts.timeout) : 7 * 864e5;
          await tx.engineWait.create({ data: { runId: run.id, stepId: op.id, kind: "WAIT", event: op.opts?.event ?? op.name ?? "", expr: op.opts?.if ?? null, expiresAt: new Date(Date.now() + timeout) } });
          await log(tx, run, op, item.attempt, "WAITING", { output: { event: op.opts?.event } });
        }
        break;
      case "InvokeFunction":
        if (!memoized && (await addPending(tx, run, op.id))) after = chain(after, await invoke(tx, run, fn, op));
        break;
      case "Gateway":
        if (!memoized && (await addPending(tx, run, op.id))) {
          await log(tx, run, op, item.attempt, "FETCHING", { output: { url: (op.opts as { url?: string } | undefined)?.url } });
          after = chain(after, fetchForStep(run.id, op));
        }
        break;
      case "AIGateway":
      case "WaitForSignal": {
        const error = { name: "NonRetriableError", message: UNSUPPORTED_TOOL_ERRORS[op.op]! };
        await log(tx, run, op, item.attempt, "FAILED", { error });
        run = await saveStep(tx, run, op.id, { error });
        break;
      }
      case "StepError":
        await log(tx, run, op, item.attempt, "ERROR", { error: op.error });
        after = chain(after, await retryOrFail(tx, run, item, op.error, retryAfter, op));
        return after;
      case "StepFailed":
        await log(tx, run, op, item.attempt, "FAILED", { error: op.error });
        await saveStep(tx, run, op.id, { error: op.error });
        break;
      case "RunComplete": {
        const overLimit = tooLarge(op.data);
        return chain(after, await finishRun(tx, run, overLimit ? { error: overLimit } : { data: op.data ?? null }));
      }
      default:
        return chain(after, await finishRun(tx, run, { error: { name: "EngineError", message: `Operación desconocida del SDK: ${op.op}` } }));
    }
  }
  // An answer with nothing to do still must not leave the run without work.
  if (ops.length === 0) await enqueue(tx, run.id, "step");
  return after;
}

function chain(a: After, b: After): After {
  if (!a) return b;
  if (!b) return a;
  return async () => {
    await a();
    await b();
  };
}

/** step.fetch: the request runs after the transaction; its result is saved as the step's output. */
function fetchForStep(runId: string, op: Op): After {
  return async () => {
    const result = await performGateway(op.opts as Parameters<typeof performGateway>[0]);
    await withRun(runId, async (tx, current) => {
      if (current.status !== "RUNNING") return;
      await log(tx, current, op, 0, "error" in result ? "FAILED" : "COMPLETED", "error" in result ? { error: result.error } : { output: { status_code: result.data.status_code } });
      await saveStep(tx, current, op.id, result);
    });
  };
}

async function invoke(tx: Tx, run: EngineRun, fn: FunctionConfig, op: Op): Promise<After> {
  const correlationId = `${run.id}.${op.id}`;
  const timeout = op.opts?.timeout ? durationMs(op.opts.timeout) : 864e5; // a past Date times out at once
  await tx.engineWait.create({
    data: { runId: run.id, stepId: op.id, kind: "INVOKE", event: "inngest/function.finished", expr: `async.data.correlation_id == "${correlationId}"`, expiresAt: new Date(Date.now() + timeout) },
  });
  const targetId = op.opts?.function_id ?? "";
  return async () => {
    const target = (await loadFunctions()).get(targetId);
    const data = { ...(op.opts?.payload?.data ?? {}), _inngest: { fn_id: targetId, correlation_id: correlationId, source_fn_id: fn.id, source_run_id: run.id, name: op.displayName } };
    if (target) await ingestEvents([{ id: newId(), name: "inngest/function.invoked", data }], { onlyFunction: target });
    else
      await withRun(run.id, async (tx2, current) => {
        await tx2.engineWait.deleteMany({ where: { runId: run.id, stepId: op.id } });
        await saveStep(tx2, current, op.id, { error: { name: "Error", message: `Función invocada inexistente: ${targetId}` } });
      });
  };
}

/** The run's end when the app's answer is one (its return value, or a lone RunComplete), with the answer's version; else null. */
function endOf(answer: AppAnswer): { result: RunResult; version: number | null } | null {
  if (!("status" in answer)) return null;
  const ops = answer.status === 206 && Array.isArray(answer.body) ? (answer.body as Op[]) : null;
  if (answer.status !== 200 && !(ops?.length === 1 && ops[0]!.op === "RunComplete")) return null;
  const data = ops ? (ops[0]!.data ?? null) : answer.body;
  const overLimit = tooLarge(data);
  return { result: overLimit ? { error: overLimit } : { data }, version: answer.version };
}

/** Executes one claimed item of a running run (`run` as read when the item was claimed). */
export async function executeItem(item: EngineQueueItem, run: EngineRun, fn: FunctionConfig): Promise<void> {
  const answer = await callApp(fn, run, item);
  const end = endOf(answer);
  if (end) {
    // Nearly every run ends this way: one statement instead of the locked transaction below.
    await (await finishFromCall(item, run, end.result, end.version))?.();
    return;
  }
  const after = await withRun(item.runId, async (tx, current) => {
    // The item may have been re-requested meanwhile (lease reset): then it runs again later.
    const { count } = await tx.engineQueueItem.deleteMany({ where: { id: item.id, leaseUntil: item.leaseUntil } });
    if (count === 0 || current.status !== "RUNNING") return null;
    if ("networkError" in answer) return retryOrFail(tx, current, item, { name: "NetworkError", message: answer.networkError }, null);
    if ("invalid" in answer) {
      const error = { name: "EngineError", message: answer.invalid };
      await log(tx, current, { id: item.stepId, name: item.stepId === "step" ? "función" : item.stepId }, item.attempt, "ERROR", { error });
      return retryOrFail(tx, current, item, error, null);
    }
    if (answer.version !== null && answer.version !== current.reqVersion) {
      current.reqVersion = answer.version;
      await tx.engineRun.update({ where: { id: current.id }, data: { reqVersion: answer.version } });
    }
    if (answer.status === 206 && Array.isArray(answer.body)) return applyOps(tx, current, fn, item, answer.body as Op[], answer.retryAfter);
    await log(tx, current, { id: item.stepId, name: item.stepId === "step" ? "función" : item.stepId }, item.attempt, "ERROR", { error: answer.body });
    if (answer.noRetry) return finishRun(tx, current, { error: answer.body });
    return retryOrFail(tx, current, item, answer.body, answer.retryAfter);
  });
  await after?.();
}
