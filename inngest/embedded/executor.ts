/**
 * Runs one queue item: one signed call to the app's serve endpoint, exactly as the Inngest
 * server makes it (classic protocol: no fn_id, so no checkpointing), then applies the answer.
 */
import type { EngineQueueItem, EngineRun, Prisma } from "@/generated/prisma/client";
import { localSigningKey } from "./config";
import { ingestEvents } from "./event-router";
import { finishRun } from "./finish";
import { newId } from "./ids";
import { loadFunctions } from "./registry";
import { addPending, enqueue, saveStep, withRun, type RunSteps, type Tx } from "./run-state";
import { signRequest } from "./signing";
import { backoffMs, durationMs, retryAfterMs } from "./time";
import type { EngineEventPayload, FunctionConfig, Op } from "./types";

const CALL_TIMEOUT_MS = Number(process.env.INNGEST_ENGINE_CALL_TIMEOUT_MS ?? 300_000);
type Answer = { status: number; body: unknown; retryAfter: string | null; noRetry: boolean; version: number | null } | { networkError: string };
type After = (() => Promise<void>) | null;

async function callApp(fn: FunctionConfig, run: EngineRun, item: EngineQueueItem): Promise<Answer> {
  const url = new URL(fn.steps.step.runtime.url);
  url.searchParams.set("fnId", fn.id);
  url.searchParams.set("stepId", item.stepId);
  const event = run.event as unknown as EngineEventPayload;
  const body = {
    event,
    events: [event],
    steps: run.steps,
    ctx: {
      run_id: run.id,
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
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { name: "Error", message: text.slice(0, 500) };
    }
    const version = res.headers.get("x-inngest-req-version");
    return { status: res.status, body: parsed, retryAfter: res.headers.get("retry-after"), noRetry: res.headers.get("x-inngest-no-retry") === "true", version: version === null ? null : Number(version) };
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
      case "Step":
        await log(tx, run, op, item.attempt, "COMPLETED", { output: op.data ?? null });
        run = await saveStep(tx, run, op.id, { data: op.data ?? null });
        break;
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
          const timeout = durationMs(op.opts?.timeout) || 7 * 864e5;
          await tx.engineWait.create({ data: { runId: run.id, stepId: op.id, kind: "WAIT", event: op.opts?.event ?? op.name ?? "", expr: op.opts?.if ?? null, expiresAt: new Date(Date.now() + timeout) } });
          await log(tx, run, op, item.attempt, "WAITING", { output: { event: op.opts?.event } });
        }
        break;
      case "InvokeFunction":
        if (!memoized && (await addPending(tx, run, op.id))) after = chain(after, await invoke(tx, run, fn, op));
        break;
      case "StepError":
        await log(tx, run, op, item.attempt, "ERROR", { error: op.error });
        after = chain(after, await retryOrFail(tx, run, item, op.error, retryAfter, op));
        return after;
      case "StepFailed":
        await log(tx, run, op, item.attempt, "FAILED", { error: op.error });
        await saveStep(tx, run, op.id, { error: op.error });
        break;
      case "RunComplete":
        return chain(after, await finishRun(tx, run, { data: op.data ?? null }));
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

async function invoke(tx: Tx, run: EngineRun, fn: FunctionConfig, op: Op): Promise<After> {
  const correlationId = `${run.id}.${op.id}`;
  const timeout = durationMs(op.opts?.timeout) || 864e5;
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

/** Executes one claimed item of a running run (`run` as read when the item was claimed). */
export async function executeItem(item: EngineQueueItem, run: EngineRun, fn: FunctionConfig): Promise<void> {
  const answer = await callApp(fn, run, item);
  const after = await withRun(item.runId, async (tx, current) => {
    // The item may have been re-requested meanwhile (lease reset): then it runs again later.
    const { count } = await tx.engineQueueItem.deleteMany({ where: { id: item.id, leaseUntil: item.leaseUntil } });
    if (count === 0 || current.status !== "RUNNING") return null;
    if ("networkError" in answer) return retryOrFail(tx, current, item, { name: "NetworkError", message: answer.networkError }, null);
    if (answer.version !== null && answer.version !== current.reqVersion) {
      current.reqVersion = answer.version;
      await tx.engineRun.update({ where: { id: current.id }, data: { reqVersion: answer.version } });
    }
    if (answer.status === 200) return finishRun(tx, current, { data: answer.body });
    if (answer.status === 206 && Array.isArray(answer.body)) return applyOps(tx, current, fn, item, answer.body as Op[], answer.retryAfter);
    await log(tx, current, { id: item.stepId, name: item.stepId === "step" ? "función" : item.stepId }, item.attempt, "ERROR", { error: answer.body });
    if (answer.noRetry) return finishRun(tx, current, { error: answer.body });
    return retryOrFail(tx, current, item, answer.body, answer.retryAfter);
  });
  await after?.();
}
