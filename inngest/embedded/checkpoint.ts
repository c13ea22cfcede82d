/**
 * `POST /v1/checkpoint/{runId}/async`: the SDK's checkpoints (inngest 4.x, StepMode.AsyncCheckpointing).
 * During one call the SDK runs each consecutive `step.run` inline and posts its result here before
 * running the next; the result is saved durably (memoized, logged) in one transaction under the
 * run's lock, so a crash after a checkpoint never runs that step again. Nothing is enqueued: the
 * call is still going and ends with the next op (RunComplete, a sleep, parallel steps…).
 * As Inngest's `checkpointAsyncSteps` (pkg/execution/checkpoint): StepRun/Step are saved,
 * StepPlanned is progress only, any other op is refused (400); a step over 4 MiB → 413; a
 * checkpoint from a claim that no longer holds (lease lost, run ended) → 409, which the SDK
 * treats as a stale dispatch and stops running steps. After failed checkpoints the SDK falls back
 * to answering the call with the steps (the classic 206), so nothing is lost either way.
 */
import type { EngineRun } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { parseQueueItemRef } from "./checkpoint-ref";
import { newId } from "./ids";
import { LIMITS } from "./options";
import type { RunSteps } from "./run-state";
import type { Op } from "./types";

export type CheckpointAnswer = { status: 200 | 400 | 404 | 409 | 413; error?: string };

type Body = { run_id?: unknown; qi_id?: unknown; steps?: unknown };
type Locked = Pick<EngineRun, "status" | "steps" | "stack" | "pending"> & { claimAttempt: number | null };

export async function checkpointSteps(runId: string, body: Body | null): Promise<CheckpointAnswer> {
  const ref = parseQueueItemRef(body?.qi_id);
  if (!body || !Array.isArray(body.steps) || !ref) return { status: 400, error: "checkpoint needs qi_id and a list of steps" };
  const ops = body.steps as Op[];
  const saved = ops.filter((op) => op.op === "StepRun" || op.op === "Step");
  const other = ops.find((op) => op.op !== "StepRun" && op.op !== "Step" && op.op !== "StepPlanned");
  if (other) return { status: 400, error: `cannot checkpoint async steps (${String(other.op)})` };
  for (const op of saved) {
    const bytes = Buffer.byteLength(JSON.stringify(op.data ?? null));
    if (bytes > LIMITS.maxStepOutputBytes) return { status: 413, error: `step ${op.id} output size is greater than the limit (${bytes} bytes > 4 MiB)` };
  }
  // The hot path of a checkpointed run: lock the run and check the claim in one statement, save
  // every step (log rows and the run's memo) in a second.
  return db().$transaction(
    async (tx): Promise<CheckpointAnswer> => {
      const [run] = await tx.$queryRaw<Locked[]>`
        SELECT r.status, r.steps, r.stack, r.pending, q.attempt AS "claimAttempt"
        FROM "EngineRun" r LEFT JOIN "EngineQueueItem" q ON q.id = ${ref.id} AND q."runId" = r.id AND q."leaseUntil" = ${ref.leaseUntil}
        WHERE r.id = ${runId} FOR UPDATE OF r`;
      if (!run) return { status: 404, error: `run ${runId} not found` };
      if (run.claimAttempt === null || run.status !== "RUNNING") return { status: 409, error: "stale dispatch: this call no longer holds its step" };
      const steps = { ...(run.steps as RunSteps) };
      const stack = [...(run.stack ?? [])];
      const fresh = saved.filter((op) => !(op.id in steps)); // a retried checkpoint: saved already
      if (fresh.length === 0) return { status: 200 };
      for (const op of fresh) {
        steps[op.id] = { data: op.data ?? null };
        stack.push(op.id);
      }
      const pending = (run.pending ?? []).filter((id) => !fresh.some((op) => op.id === id));
      const logs = fresh.map((op) => ({ id: newId(), stepId: op.id, name: op.displayName || op.name || op.id, output: JSON.stringify(op.data ?? null) }));
      await tx.$executeRaw`
        WITH logged AS (
          INSERT INTO "EngineStepLog" (id, "runId", "stepId", name, attempt, status, output, at)
          SELECT l.id, ${runId}, l."stepId", l.name, ${run.claimAttempt}, 'COMPLETED', l.output::jsonb, ${new Date()}
          FROM unnest(${logs.map((l) => l.id)}::text[], ${logs.map((l) => l.stepId)}::text[], ${logs.map((l) => l.name)}::text[], ${logs.map((l) => l.output)}::text[]) AS l(id, "stepId", name, output))
        UPDATE "EngineRun" SET steps = ${JSON.stringify(steps)}::jsonb, stack = ${stack}::text[], pending = ${pending}::text[]
        WHERE id = ${runId}`;
      return { status: 200 };
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}
