/**
 * A call's answer that ends its run, applied in one statement (finishFromCall in
 * inngest/embedded/finish.ts), on the database itself: the run ends with its output and the
 * answer's version, its other queue items and waits go; a call that no longer holds its item
 * (lease reset) or whose run already ended changes nothing else and announces nothing.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { finishFromCall } from "~/inngest/embedded/finish";

let seq = 0;

async function claimedRun() {
  const runId = `fin-run-${++seq}-${Date.now()}`;
  const run = await db().engineRun.create({ data: { id: runId, functionId: "f", event: { name: "e", data: {} }, maxAttempts: 3, steps: { a: { data: 1 } }, stack: ["a"], reqVersion: 1 } });
  const item = await db().engineQueueItem.create({ data: { runId, stepId: "step", attempt: 0, leasedBy: "p", leaseUntil: new Date(Date.now() + 60_000) } });
  // Leftover work of the run: a parallel step queued and a wait.
  await db().engineQueueItem.create({ data: { runId, stepId: "other", attempt: 0 } });
  await db().engineWait.create({ data: { runId, stepId: "w", kind: "SLEEP", expiresAt: new Date(Date.now() + 60_000) } });
  return { run, item };
}

describe("a call's answer that ends the run", () => {
  it("ends the run with its output and the answer's version; its other work goes", async () => {
    const { run, item } = await claimedRun();
    expect(await finishFromCall(item, run, { data: { total: 3 } }, 2)).toBeTypeOf("function");
    const ended = await db().engineRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ status: "COMPLETED", output: { total: 3 }, error: null, reqVersion: 2, pending: [] });
    expect(ended.endedAt).toBeInstanceOf(Date);
    expect(await db().engineQueueItem.count({ where: { runId: run.id } })).toBe(0);
    expect(await db().engineWait.count({ where: { runId: run.id } })).toBe(0);

    const failed = await claimedRun();
    await finishFromCall(failed.item, failed.run, { error: { name: "Error", message: "falló" } }, null);
    expect(await db().engineRun.findUniqueOrThrow({ where: { id: failed.run.id } })).toMatchObject({ status: "FAILED", error: { message: "falló" }, reqVersion: 1 });
  });

  it("a call that no longer holds its item (lease reset) changes nothing", async () => {
    const { run, item } = await claimedRun();
    await db().engineQueueItem.update({ where: { id: item.id }, data: { leaseUntil: null, leasedBy: null } });
    expect(await finishFromCall(item, run, { data: 1 }, 2)).toBeNull();
    expect(await db().engineRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "RUNNING", output: null, reqVersion: 1 });
    expect(await db().engineQueueItem.count({ where: { runId: run.id } })).toBe(2);
    expect(await db().engineWait.count({ where: { runId: run.id } })).toBe(1);
  });

  it("a run that already ended keeps its end; only the call's own item goes", async () => {
    const { run, item } = await claimedRun();
    await db().engineRun.update({ where: { id: run.id }, data: { status: "CANCELLED", error: { message: "cancelada" } } });
    expect(await finishFromCall(item, run, { data: 1 }, 2)).toBeNull();
    expect(await db().engineRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "CANCELLED", output: null, error: { message: "cancelada" }, reqVersion: 1 });
    expect(await db().engineQueueItem.findMany({ where: { runId: run.id }, select: { stepId: true } })).toEqual([{ stepId: "other" }]);
    expect(await db().engineWait.count({ where: { runId: run.id } })).toBe(1);
  });
});
