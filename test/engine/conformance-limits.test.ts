/**
 * Flow control and limits on the embedded engine, with functions served by the real SDK
 * (functions-limits.ts). Titles are `option <name>: …` (name without spaces) for the conformance matrix.
 * Several engine processes on one PostgreSQL: multi-engine-limits.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { functions, inFlight } from "./functions-limits";
import { startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  harness = await startHarness(functions);
});
afterAll(() => harness.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runsOf(slug: string) {
  return db().engineRun.findMany({ where: { functionId: `conformance-${slug}` }, orderBy: { startedAt: "asc" } });
}

/**
 * Waits until `count` runs of the function have ended; returns every run. Generous: on a loaded
 * 2-core CI machine a 2.5 s step has been seen to take over 15 s to be reported.
 */
async function ended(slug: string, count: number, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await runsOf(slug);
    if (runs.filter((r) => r.status !== "RUNNING").length >= count) return runs;
    if (Date.now() > deadline) throw new Error(`${slug}: ${JSON.stringify(runs.map((r) => r.status))}`);
    await sleep(50);
  }
}

const send = (name: string, data: Record<string, unknown>[]) => harness.client.send(data.map((d) => ({ name, data: d })));

describe("embedded engine: flow control and limits", { timeout: 60_000 }, () => {
  it("option throttle: runs over limit + burst are delayed to one per period / limit, never dropped [matrix:option:throttle:supported]", async () => {
    await send("t/throttled", [1, 2, 3, 4].map((n) => ({ n })));
    const runs = await ended("throttled", 4);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    // Arrival (run created) and first call by the engine, in arrival order.
    const [c1, c2] = runs.map((r) => r.startedAt.getTime());
    const calls = runs.map((r) => r.firstCallAt!.getTime());
    // limit 1 + burst 1 start at once; then one every 3 s (period / limit) from the first arrival.
    expect(calls[1]! - c2!).toBeLessThan(2_500);
    expect(calls[2]! - c1!).toBeGreaterThanOrEqual(2_980);
    expect(calls[3]! - c1!).toBeGreaterThanOrEqual(5_980);
  });

  it("option rateLimit: events over the limit per key start no run [matrix:option:rateLimit:supported]", async () => {
    await send("t/rate-limited", [
      { k: "a", n: 1 },
      { k: "a", n: 2 },
      { k: "a", n: 3 },
      { k: "b", n: 4 },
    ]);
    await ended("rate-limited", 2);
    await sleep(800);
    const outputs = (await runsOf("rate-limited")).map((r) => r.output);
    expect(outputs).toEqual([
      { k: "a", n: 1 },
      { k: "b", n: 4 },
    ]);
  });

  it("option batchEvents: one run per full batch (maxSize) or at the timeout, per key; events failing `if` run alone [matrix:option:batchEvents:supported]", async () => {
    const sent = Date.now();
    await send("t/batched", [
      { k: "a", n: 1, batch: true },
      { k: "b", n: 10, batch: true },
      { k: "a", n: 2, batch: true },
      { k: "a", n: 3, batch: true },
      { k: "a", n: 4, batch: true },
      { k: "a", n: 5, batch: false },
    ]);
    const runs = await ended("batched", 4);
    // When the engine created each run, by its events.
    const byNs = runs.map((r) => ({ ns: (r.output as { ns: number[] }).ns, created: r.startedAt.getTime() - sent })).sort((x, y) => x.ns[0]! - y.ns[0]!);
    expect(byNs.map((o) => o.ns)).toEqual([[1, 2, 3], [4], [5], [10]]);
    // The full batch and the unbatched event at once; partial batches at their 3 s timeout.
    expect(byNs[0]!.created).toBeLessThan(2_500);
    expect(byNs[2]!.created).toBeLessThan(2_500);
    expect(byNs[1]!.created).toBeGreaterThanOrEqual(2_950);
    expect(byNs[3]!.created).toBeGreaterThanOrEqual(2_950);
  });

  it("option priority.run: a higher priority run goes ahead of queued ones; equal priority is FIFO [matrix:option:priority.run:supported]", async () => {
    // Run 0 holds the only slot while the others queue up behind it.
    await send("t/prioritized", [{ n: 0 }]);
    while ((await runsOf("prioritized")).every((r) => !r.firstCallAt)) await sleep(20);
    await send("t/prioritized", [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4, vip: true }]);
    const runs = await ended("prioritized", 5);
    const order = runs.map((r) => r.output as { n: number; start: number }).sort((a, b) => a.start - b.start).map((o) => o.n);
    expect(order).toEqual([0, 4, 1, 2, 3]);
    expect(inFlight.max.prioritized).toBe(1);
  });

  it("option concurrency: under a limit, older runs go first, so the first one in finishes first [matrix:option:concurrency:supported]", async () => {
    await send("t/fifo", [1, 2, 3, 4, 5].map((n) => ({ n })));
    const runs = await ended("fifo", 5);
    const spans = runs.map((r) => r.output as { n: number; start: number; end: number }).sort((a, b) => a.n - b.n);
    // Run n's first step starts only after run n-1's last step: no newer run cuts in between.
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    expect(inFlight.max.fifo).toBe(1);
  });

  it("option timeouts.start: a run still queued after `start` is cancelled [matrix:option:timeouts.start:supported]", async () => {
    await send("t/start-timeout", [{ n: 1 }, { n: 2 }]);
    const runs = await ended("start-timeout", 2);
    expect(runs.map((r) => r.status).sort()).toEqual(["CANCELLED", "COMPLETED"]);
    expect(await db().engineEvent.count({ where: { name: "inngest/function.cancelled", data: { path: ["function_id"], equals: "conformance-start-timeout" } } })).toBe(1);
  });

  it("option timeouts.finish: a run still running `finish` after its start is cancelled [matrix:option:timeouts.finish:supported]", async () => {
    const sent = Date.now();
    await send("t/finish-timeout", [{}]);
    const [run] = await ended("finish-timeout", 1);
    expect(run!.status).toBe("CANCELLED");
    // Its sleep alone would last 10 s.
    expect(run!.endedAt!.getTime() - sent).toBeLessThan(8_000);
  });

  it("option singleton: mode skip drops a run while one holds the key; a later one starts [matrix:option:singleton:supported]", async () => {
    await send("t/singleton-skip", [{ k: "a", n: 1 }]);
    await sleep(300);
    await send("t/singleton-skip", [
      { k: "a", n: 2 },
      { k: "b", n: 3 },
    ]);
    await ended("singleton-skip", 2);
    await send("t/singleton-skip", [{ k: "a", n: 4 }]);
    const runs = await ended("singleton-skip", 3);
    expect(runs.map((r) => (r.output as { n: number }).n).sort()).toEqual([1, 3, 4]);
  });

  it("option singleton: mode cancel cancels the running run and starts the new one [matrix:option:singleton:supported]", async () => {
    await send("t/singleton-cancel", [{ k: "a", n: 1 }]);
    await sleep(300);
    await send("t/singleton-cancel", [{ k: "a", n: 2 }]);
    const runs = await ended("singleton-cancel", 2);
    expect(runs.map((r) => [r.status, (r.output as { n: number } | null)?.n ?? null])).toEqual([
      ["CANCELLED", null],
      ["COMPLETED", 2],
    ]);
  });

  it("option cancelOn.timeout: the cancel event counts only within the timeout after the run started [matrix:option:cancel.timeout:supported]", async () => {
    await send("t/cancel-timeout", [{ k: "late" }, { k: "early" }]);
    await harness.client.send({ name: "t/cancel-timeout-stop", data: { k: "early" } });
    await sleep(2_300);
    await harness.client.send({ name: "t/cancel-timeout-stop", data: { k: "late" } });
    const runs = await ended("cancel-timeout", 2);
    const status = Object.fromEntries(runs.map((r) => [(r.event as { data: { k: string } }).data.k, r.status]));
    expect(status).toEqual({ early: "CANCELLED", late: "COMPLETED" });
  });

  it("option concurrency: limit 0 means no limit [matrix:option:concurrency:supported]", async () => {
    await send("t/unlimited", [{ n: 1 }, { n: 2 }]);
    const runs = await ended("unlimited", 2, 5_000);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
  });

  for (const scope of ["account", "env"]) {
    it(`option concurrency.scope: ${scope} — a key shared by two functions is one limit [matrix:option:concurrency.scope:supported]`, async () => {
      await send(`t/${scope}`, [{}, {}]);
      await ended(`${scope}-a`, 2);
      await ended(`${scope}-b`, 2);
      expect(inFlight.max[`${scope}:shared-pool`]).toBe(1);
    });
  }

  it("option concurrency.key: two keyed limits both hold [matrix:option:concurrency.key:supported]", async () => {
    await send("t/two-keys", [
      { a: "1", b: "1" },
      { a: "1", b: "2" },
      { a: "2", b: "1" },
      { a: "2", b: "2" },
    ]);
    await ended("two-keys", 4);
    for (const q of ["a:1", "a:2", "b:1", "b:2"]) expect(inFlight.max[q]).toBe(1);
  });

  it("option event.ts: an event stamped in the future starts its run at that time [matrix:edge:future-event-ts:supported]", async () => {
    const ts = Date.now() + 1_500;
    await harness.client.send({ name: "t/scheduled", data: {}, ts });
    const [run] = await ended("scheduled", 1);
    expect((run!.output as { at: number }).at).toBeGreaterThanOrEqual(ts);
  });
});
