import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { concurrency, functions, keyed } from "./functions-flow";
import { CHECKPOINTING_MODES, clearEngineRuns, runFor, startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;

describe.each(CHECKPOINTING_MODES)("embedded engine ($mode): events, waits, invoke, flow control, cron", ({ checkpointing }) => {
  beforeAll(async () => {
    await clearEngineRuns();
    Object.assign(concurrency, { now: 0, max: 0 });
    Object.assign(keyed, { now: {}, maxPerKey: 0, maxTotal: 0 });
    harness = await startHarness(functions, { checkpointing });
  });
  afterAll(() => harness.stop());

  it("waitForEvent resumes on a matching event (match and if) and ignores others [matrix:tool:step.waitForEvent:supported]", async () => {
    // Events sent before a wait is registered do not resume it (as in Inngest): send once it is.
    const waiting = async (event: string) => {
      while ((await db().engineWait.count({ where: { event } })) === 0) await new Promise((r) => setTimeout(r, 50));
    };
    await harness.client.send({ name: "t/wait", data: { orderId: "o-1", min: 10 } });
    await waiting("t/approved");
    await harness.client.send({ name: "t/approved", data: { orderId: "o-2", by: "otro" } });
    await harness.client.send({ name: "t/approved", data: { orderId: "o-1", by: "Ana" } });
    await waiting("t/amount");
    await harness.client.send({ name: "t/amount", data: { amount: 5 } });
    await harness.client.send({ name: "t/amount", data: { amount: 50 } });
    const run = await runFor("wait");
    expect(run.output).toEqual({ approvedBy: "Ana", amount: 50 });
  });

  it("waitForEvent times out with null", async () => {
    await harness.client.send({ name: "t/wait-timeout", data: {} });
    expect((await runFor("wait-timeout")).output).toEqual({ timedOut: true });
  });

  it("sendEvent from a step starts other functions [matrix:tool:step.sendEvent:supported]", async () => {
    await harness.client.send({ name: "t/send", data: {} });
    const run = await runFor("send");
    expect((run.output as { ids: string[] }).ids).toHaveLength(1);
    const child = await runFor("child", (r) => (r.event as { data: { n: number } }).data.n === 21);
    expect(child.output).toEqual({ doubled: 42 });
  });

  it("invoke returns the child's result, and times out as InngestInvokeTimeoutError [matrix:tool:step.invoke:supported]", async () => {
    await harness.client.send({ name: "t/invoke", data: {} });
    const run = await runFor("invoke");
    expect(run.output).toEqual({ result: { doubled: 10 }, slow: "InngestInvokeTimeoutError" });
  });

  it("trigger `if` filters events with CEL [matrix:option:triggers.if:supported]", async () => {
    await harness.client.send([
      { name: "t/filtered", data: { amount: 10 } },
      { name: "t/filtered", data: { amount: 2500 } },
    ]);
    const run = await runFor("filtered");
    expect(run.output).toEqual({ amount: 2500 });
    await new Promise((r) => setTimeout(r, 300));
    expect(await db().engineRun.count({ where: { functionId: "conformance-filtered" } })).toBe(1);
  });

  it("idempotency keys start one run per key [matrix:option:idempotency:supported]", async () => {
    await harness.client.send([
      { name: "t/idem", data: { orderId: "A" } },
      { name: "t/idem", data: { orderId: "A" } },
      { name: "t/idem", data: { orderId: "B" } },
    ]);
    await runFor("idempotent");
    await new Promise((r) => setTimeout(r, 500));
    const runs = await db().engineRun.findMany({ where: { functionId: "conformance-idempotent" } });
    expect(runs.map((r) => r.output).sort()).toEqual(["A", "B"]);
  });

  it("cancelOn cancels a matching running run only [matrix:option:cancel:supported]", async () => {
    await harness.client.send([
      { name: "t/cancellable", data: { userId: "u1" } },
      { name: "t/cancellable", data: { userId: "u2" } },
    ]);
    await new Promise((r) => setTimeout(r, 600));
    await harness.client.send({ name: "t/cancel", data: { userId: "u1" } });
    const cancelled = await runFor("cancellable");
    expect(cancelled.status).toBe("CANCELLED");
    expect((cancelled.event as { data: { userId: string } }).data.userId).toBe("u1");
    const other = await db().engineRun.findFirstOrThrow({ where: { functionId: "conformance-cancellable", event: { path: ["data", "userId"], equals: "u2" } } });
    expect(other.status).toBe("RUNNING");
  });

  it("concurrency limits in-flight steps of a function [matrix:option:concurrency:supported]", async () => {
    await harness.client.send(Array.from({ length: 6 }, (_, i) => ({ name: "t/limited", data: { i } })));
    const deadline = Date.now() + 15_000;
    while ((await db().engineRun.count({ where: { functionId: "conformance-limited", status: "COMPLETED" } })) < 6) {
      if (Date.now() > deadline) throw new Error("limited runs did not finish");
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(concurrency.max).toBe(2);
  });

  it("concurrency keys: one in flight per key, keys in parallel [matrix:option:concurrency.key:supported]", async () => {
    await harness.client.send(["a", "a", "a", "b", "b", "b"].map((user) => ({ name: "t/keyed", data: { user } })));
    const deadline = Date.now() + 15_000;
    while ((await db().engineRun.count({ where: { functionId: "conformance-keyed", status: "COMPLETED" } })) < 6) {
      if (Date.now() > deadline) throw new Error("keyed runs did not finish");
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(keyed.maxPerKey).toBe(1);
    expect(keyed.maxTotal).toBe(2);
  });

  it("debounce: a burst makes one run per key with the last event, a period after it, never later than the timeout [matrix:option:debounce:supported]", async () => {
    const sendAll = (k: string, ns: number[]) => harness.client.send(ns.map((n) => ({ name: "t/debounced", data: { k, n } })));
    const outputs = async (k: string) =>
      (await db().engineRun.findMany({ where: { functionId: "conformance-debounced", status: "COMPLETED" }, orderBy: { startedAt: "asc" } }))
        .map((r) => r.output as { k: string; n: number; startedAt: number })
        .filter((o) => o.k === k);

    for (const n of [1, 2, 3]) {
      await sendAll("a", [n]);
      await new Promise((r) => setTimeout(r, 150));
    }
    await sendAll("b", [1]);
    const lastSent = Date.now();
    const [a] = await runFor("debounced", (r) => (r.event as { data: { k: string } }).data.k === "a").then(async () => outputs("a"));
    await runFor("debounced", (r) => (r.event as { data: { k: string } }).data.k === "b");
    expect(a).toMatchObject({ n: 3 });
    expect(a!.startedAt - lastSent).toBeGreaterThanOrEqual(700);

    // A steady stream longer than the timeout still starts a run by the timeout.
    const started = Date.now();
    for (let n = 1; n <= 10; n++) {
      await sendAll("c", [n]);
      await new Promise((r) => setTimeout(r, 300));
    }
    const c = await outputs("c");
    expect(c.length).toBeGreaterThanOrEqual(1);
    expect(c[0]!.startedAt - started).toBeLessThan(2_900);
    expect(c[0]!.n).toBeLessThan(10);
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await outputs("a")).length + (await outputs("b")).length).toBe(2);
  }, 20_000);

  it("cron triggers fire as inngest/scheduled.timer (with TZ) [matrix:option:triggers.cron:supported]", async () => {
    const run = await runFor("cron", () => true, 5_000);
    expect(run.output).toEqual({ name: "inngest/scheduled.timer" });
  });
});
