/**
 * The checkpoint endpoint's rules (inngest/embedded/checkpoint.ts), on the database itself:
 * steps of the claim that holds the run are memoized in order and logged once (a retried
 * checkpoint saves nothing twice), planned steps leave `pending`; a claim that no longer holds
 * (lease lost, run ended) is a stale dispatch (409); an unknown run 404; a non-step op 400.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { checkpointSteps } from "~/inngest/embedded/checkpoint";
import { queueItemRef } from "~/inngest/embedded/checkpoint-ref";

let seq = 0;

async function claimedRun(pending: string[] = []) {
  const runId = `cp-run-${++seq}-${Date.now()}`;
  await db().engineRun.create({ data: { id: runId, functionId: "f", event: {}, maxAttempts: 3, pending, steps: { earlier: { data: 0 } }, stack: ["earlier"] } });
  const item = await db().engineQueueItem.create({ data: { runId, stepId: "step", attempt: 1, leasedBy: "p", leaseUntil: new Date(Date.now() + 60_000) } });
  return { runId, item, ref: queueItemRef(item) };
}
const step = (id: string, data: unknown) => ({ op: "StepRun", id, name: `paso ${id}`, data });

beforeEach(async () => {
  await db().engineStepLog.deleteMany({ where: { runId: { startsWith: "cp-run-" } } });
});

describe("checkpoints", () => {
  it("memoizes the steps in order with their log rows (the claim's attempt); a retried checkpoint saves nothing twice", async () => {
    const { runId, ref } = await claimedRun(["b"]);
    const body = { run_id: runId, qi_id: ref, steps: [step("a", { n: 1 }), step("b", null), { op: "StepPlanned", id: "c" }] };
    expect(await checkpointSteps(runId, body)).toEqual({ status: 200 });
    expect(await checkpointSteps(runId, body)).toEqual({ status: 200 });
    const run = await db().engineRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.steps).toEqual({ earlier: { data: 0 }, a: { data: { n: 1 } }, b: { data: null } });
    expect(run.stack).toEqual(["earlier", "a", "b"]);
    expect(run.pending).toEqual([]);
    const logs = await db().engineStepLog.findMany({ where: { runId }, orderBy: { stepId: "asc" } });
    expect(logs.map((l) => ({ stepId: l.stepId, name: l.name, attempt: l.attempt, status: l.status, output: l.output }))).toEqual([
      { stepId: "a", name: "paso a", attempt: 1, status: "COMPLETED", output: { n: 1 } },
      { stepId: "b", name: "paso b", attempt: 1, status: "COMPLETED", output: null },
    ]);
    // One more step later in the same call: appended after the others.
    expect(await checkpointSteps(runId, { qi_id: ref, steps: [step("d", "x")] })).toEqual({ status: 200 });
    expect((await db().engineRun.findUniqueOrThrow({ where: { id: runId } })).stack).toEqual(["earlier", "a", "b", "d"]);
  });

  it("a claim that no longer holds is a stale dispatch (409) and saves nothing: lease lost, run ended", async () => {
    const lost = await claimedRun();
    await db().engineQueueItem.update({ where: { id: lost.item.id }, data: { leaseUntil: new Date(Date.now() + 120_000) } }); // claimed again
    expect(await checkpointSteps(lost.runId, { qi_id: lost.ref, steps: [step("a", 1)] })).toMatchObject({ status: 409 });

    const ended = await claimedRun();
    await db().engineRun.update({ where: { id: ended.runId }, data: { status: "CANCELLED" } });
    expect(await checkpointSteps(ended.runId, { qi_id: ended.ref, steps: [step("a", 1)] })).toMatchObject({ status: 409 });

    for (const runId of [lost.runId, ended.runId]) {
      expect((await db().engineRun.findUniqueOrThrow({ where: { id: runId } })).steps).toEqual({ earlier: { data: 0 } });
      expect(await db().engineStepLog.count({ where: { runId } })).toBe(0);
    }
  });

  it("an unknown run is 404; a sleep or a missing claim reference is 400", async () => {
    const { runId, ref } = await claimedRun();
    expect(await checkpointSteps("no-such-run", { qi_id: ref, steps: [step("a", 1)] })).toMatchObject({ status: 404 });
    expect(await checkpointSteps(runId, { qi_id: ref, steps: [{ op: "Sleep", id: "s", name: "1s" }] })).toMatchObject({ status: 400, error: expect.stringContaining("cannot checkpoint async steps (Sleep)") });
    expect(await checkpointSteps(runId, { steps: [step("a", 1)] })).toMatchObject({ status: 400 });
    expect((await db().engineRun.findUniqueOrThrow({ where: { id: runId } })).steps).toEqual({ earlier: { data: 0 } });
  });
});
