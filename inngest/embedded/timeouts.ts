/**
 * `timeouts.start` / `timeouts.finish`: a run whose first step was not called by `startBy`, or
 * still running at `finishBy` (first call + finish), is cancelled like a cancelOn match
 * (`inngest/function.cancelled`); a step already executing finishes but its result is dropped.
 * `startBy` is cleared at the first call and both deadlines when the run ends (finish.ts), so the
 * indexed look-up only ever sees live deadlines.
 */
import { db } from "@/server/db/client";
import { finishRun } from "./finish";
import { withRun } from "./run-state";

export async function cancelTimedOut(): Promise<number> {
  const now = new Date();
  const late = await db().$queryRaw<{ id: string }[]>`
    SELECT id FROM "EngineRun"
    WHERE ("startBy" < ${now} OR "finishBy" < ${now}) AND status = 'RUNNING'
    LIMIT 100`;
  for (const { id } of late) {
    const after = await withRun(id, (tx, run) => (run.status === "RUNNING" ? finishRun(tx, run, { cancelled: true }) : Promise.resolve(null)));
    await after?.();
  }
  return late.length;
}
