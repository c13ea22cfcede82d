import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { attempts, functions } from "./functions-basic";
import { CHECKPOINTING_MODES, clearEngineRuns, runFor, startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;

describe.each(CHECKPOINTING_MODES)("embedded engine ($mode): steps, retries, failures", ({ checkpointing }) => {
  beforeAll(async () => {
    await clearEngineRuns();
    for (const key of Object.keys(attempts)) delete attempts[key];
    harness = await startHarness(functions, { checkpointing });
  });
  afterAll(() => harness.stop());

  it("registers the app's functions (signed sync) [matrix:option:id:supported] [matrix:option:name:supported] [matrix:option:steps:supported]", async () => {
    const ids = (await db().engineFunction.findMany()).map((f) => f.id).sort();
    expect(ids).toContain("conformance-steps");
    expect(ids).toContain("conformance-nonretriable-failure");
  });

  it("runs sequential steps with memoized results [matrix:tool:step.run:supported]", async () => {
    const { ids } = await harness.client.send({ name: "t/steps", data: { n: 7 } });
    const run = await runFor("steps");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ b: "A7B" });
    expect(run.history.filter((h) => h.status === "COMPLETED").map((h) => h.name)).toEqual(["a", "b"]);
    expect(ids).toHaveLength(1);
  });

  it("checkpointing: consecutive steps run in one call, each result saved before the next; off, one call per step [matrix:protocol:checkpointing:supported]", async () => {
    const before = harness.calls.count;
    await harness.client.send({ name: "t/three", data: {} });
    const run = await runFor("three");
    expect(run.output).toEqual({ c: 3 });
    expect(run.history.filter((h) => h.status === "COMPLETED").map((h) => h.name)).toEqual(["a", "b", "c"]);
    expect(harness.calls.count - before).toBe(checkpointing ? 1 : 4);
  });

  it("runs parallel steps and continues after all of them", async () => {
    await harness.client.send({ name: "t/parallel", data: {} });
    const run = await runFor("parallel");
    expect(run.output).toBe(6);
    expect(new Set(run.history.filter((h) => h.status === "COMPLETED").map((h) => h.name))).toEqual(new Set(["p1", "p2", "p3", "sum"]));
  });

  it("sleeps durably (sleep and sleepUntil) [matrix:tool:step.sleep / step.sleepUntil:supported]", async () => {
    await harness.client.send({ name: "t/sleep", data: {} });
    const run = await runFor("sleep");
    expect((run.output as { slept: number }).slept).toBeGreaterThanOrEqual(380);
  });

  it("retries a failing step with attempt numbers until it succeeds [matrix:option:steps.retries:supported]", async () => {
    await harness.client.send({ name: "t/retry", data: {} });
    const run = await runFor("retry");
    expect(run.status).toBe("COMPLETED");
    expect(attempts.flaky).toBe(3);
    expect(run.history.filter((h) => h.name === "flaky").map((h) => [h.attempt, h.status])).toEqual([
      [0, "ERROR"],
      [1, "ERROR"],
      [2, "COMPLETED"],
    ]);
  });

  it("exhausted retries become a step error the function can catch", async () => {
    await harness.client.send({ name: "t/exhaust", data: {} });
    const run = await runFor("exhaust");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ caught: "siempre falla" });
  });

  it("NonRetriableError fails at once and runs onFailure with function.failed", async () => {
    await harness.client.send({ name: "t/nonretriable", data: {} });
    const run = await runFor("nonretriable");
    expect(run.status).toBe("FAILED");
    expect(attempts.boom).toBe(1);
    const failure = await runFor("nonretriable-failure");
    expect(failure.output).toEqual({ handled: "conformance-nonretriable", message: "no tiene sentido reintentar" });
    const finished = await db().engineEvent.findMany({ where: { name: "inngest/function.finished" } });
    expect(finished.length).toBeGreaterThan(0);
  });

  it("RetryAfterError waits the requested time before the next attempt", async () => {
    await harness.client.send({ name: "t/retryafter", data: {} });
    const run = await runFor("retryafter");
    expect(run.status).toBe("COMPLETED");
    expect(run.output as number).toBeGreaterThanOrEqual(900);
  });

  it("the Event API is idempotent by event id", async () => {
    await harness.client.send({ id: "same-id-1", name: "t/steps", data: { n: 1 } });
    await harness.client.send({ id: "same-id-1", name: "t/steps", data: { n: 1 } });
    await runFor("steps", (r) => (r.event as { id: string }).id === "same-id-1");
    expect(await db().engineRun.count({ where: { functionId: "conformance-steps", event: { path: ["id"], equals: "same-id-1" } } })).toBe(1);
  });
});
