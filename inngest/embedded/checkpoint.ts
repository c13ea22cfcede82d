/**
 * `POST /v1/checkpoint/{runId}/async`: the SDK's checkpoints (inngest 4.x, StepMode.AsyncCheckpointing).
 * During one call the SDK runs each consecutive `step.run` inline and posts its result here before
 * running the next; the result is saved durably (memoized, logged) in one transaction under the
 * run's lock (one statement), so a crash after a checkpoint never runs that step again. Nothing is enqueued: the
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
import type { Op } from "./types";

export type CheckpointAnswer = { status: 200 | 400 | 404 | 409 | 413; error?: string };

type Body = { run_id?: unknown; qi_id?: unknown; steps?: unknown };
type Locked = { status: EngineRun["status"]; claimAttempt: number | null };

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
  // The hot path of a checkpointed run, in ONE statement (no interactive transaction: that alone
  // cost more CPU than the work): lock the run and check the claim, keep the steps not saved yet
  // (a retried checkpoint saves nothing twice), log them and memoize them. Under READ COMMITTED the
  // lock waits for a concurrent writer and then reads the run as it committed.
  const logs = saved.map((op) => ({ id: newId(), stepId: op.id, name: op.displayName || op.name || op.id, output: JSON.stringify(op.data ?? null) }));
  const [run] = await db().$queryRaw<Locked[]>`
    WITH run AS (
      SELECT r.status, r.steps, q.attempt AS "claimAttempt"
      FROM "EngineRun" r LEFT JOIN "EngineQueueItem" q ON q.id = ${ref.id} AND q."runId" = r.id AND q."leaseUntil" = ${ref.leaseUntil}
      WHERE r.id = ${runId} FOR UPDATE OF r),
    fresh AS (
      SELECT l.id, l."stepId", l.name, l.output, l.ord
      FROM unnest(${logs.map((l) => l.id)}::text[], ${logs.map((l) => l.stepId)}::text[], ${logs.map((l) => l.name)}::text[], ${logs.map((l) => l.output)}::text[])
        WITH ORDINALITY AS l(id, "stepId", name, output, ord), run
      WHERE run.status = 'RUNNING' AND run."claimAttempt" IS NOT NULL AND run.steps -> l."stepId" IS NULL),
    logged AS (
      INSERT INTO "EngineStepLog" (id, "runId", "stepId", name, attempt, status, output, at)
      SELECT f.id, ${runId}, f."stepId", f.name, run."claimAttempt", 'COMPLETED', f.output::jsonb, ${new Date()} FROM fresh f, run),
    memo AS (
      UPDATE "EngineRun" r
      SET steps = r.steps || (SELECT jsonb_object_agg(f."stepId", jsonb_build_object('data', f.output::jsonb)) FROM fresh f),
        stack = r.stack || ARRAY(SELECT f."stepId" FROM fresh f ORDER BY f.ord),
        pending = ARRAY(SELECT p FROM unnest(r.pending) AS p WHERE p NOT IN (SELECT f."stepId" FROM fresh f))
      WHERE r.id = ${runId} AND EXISTS (SELECT 1 FROM fresh))
    SELECT status::text AS status, "claimAttempt" FROM run`;
  if (!run) return { status: 404, error: `run ${runId} not found` };
  if (run.claimAttempt === null || run.status !== "RUNNING") return { status: 409, error: "stale dispatch: this call no longer holds its step" };
  return { status: 200 };
}
