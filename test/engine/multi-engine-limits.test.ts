/**
 * Limits hold across engine processes: two engines on one PostgreSQL, events sent to both,
 * functions in test/engine/support/limits-app.ts. (PGlite is one process by construction —
 * multi-engine.test.ts — so the single-process conformance-limits.test.ts covers it.)
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, eventUrl, startApp, waitFor } from "./support/app-process";

type Run = { status: string; output: unknown; event: { data: Record<string, unknown> }; firstCallAt: string | null };
type Span = { start: number; end: number };
const children: ChildProcess[] = [];
const apps: Awaited<ReturnType<typeof appEnv>>[] = [];
afterAll(() => children.forEach((c) => c.kill("SIGKILL")));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends each event to engine i % 2, all at once. */
async function sendSplit(name: string, data: Record<string, unknown>[]) {
  await Promise.all(
    data.map((d, i) => fetch(eventUrl(apps[i % 2]!), { method: "POST", body: JSON.stringify({ name, data: d }) }).then((r) => expect(r.status).toBe(200))),
  );
}

/** Sends the events one after another (each accepted before the next), alternating engines: a known arrival order. */
async function sendInOrder(name: string, data: Record<string, unknown>[]) {
  for (const [i, d] of data.entries()) {
    const r = await fetch(eventUrl(apps[i % 2]!), { method: "POST", body: JSON.stringify({ name, data: d }) });
    expect(r.status).toBe(200);
  }
}

/** No two spans overlap: each starts after the one before it ended. */
function oneAtATime(spans: Span[]) {
  const sorted = [...spans].sort((x, y) => x.start - y.start);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start, JSON.stringify(sorted)).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
}

async function runs(fn: string): Promise<Run[]> {
  return (await (await fetch(`http://127.0.0.1:${apps[0]!.APP_PORT}/runs?fn=${fn}`)).json()) as Run[];
}

async function ended(fn: string, count: number) {
  return waitFor(`${count} runs of ${fn}`, async () => {
    const rows = await runs(fn);
    return rows.filter((r) => r.status !== "RUNNING").length >= count ? rows : null;
  }, 30_000);
}

describe.runIf(process.env.TEST_DATABASE_URL)("two engine processes on one PostgreSQL", () => {
  beforeAll(async () => {
    // Nobody is killed here: a lease longer than every step (a lease that runs out frees its slot).
    const lease = { INNGEST_ENGINE_LEASE_MS: "60000" };
    const a = await appEnv("limits-a", lease);
    const b = { ...(await appEnv("limits-b", lease)), DATA_DIR: a.DATA_DIR };
    apps.push(a, b);
    children.push(...(await Promise.all([startApp(a, "test/engine/support/limits-app.ts"), startApp(b, "test/engine/support/limits-app.ts")])));
  }, 90_000);

  it("option concurrency: two engine processes — limit 1 per key never runs two steps of a key at once [matrix:option:concurrency:supported]", { timeout: 60_000 }, async () => {
    await sendSplit("m/conc", ["a", "b", "a", "b", "a", "b", "a", "b"].map((k, n) => ({ k, n })));
    const rows = await ended("conc", 8);
    expect(rows.every((r) => r.status === "COMPLETED")).toBe(true);
    for (const key of ["a", "b"]) {
      const spans = rows.map((r) => r.output as { k: string; start: number; end: number }).filter((o) => o.k === key).sort((x, y) => x.start - y.start);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    }
  });

  it("option throttle: two engine processes — one start per period across both engines [matrix:option:throttle:supported]", { timeout: 60_000 }, async () => {
    const sent = Date.now();
    await sendSplit("m/thr", [{}, {}, {}, {}]);
    const rows = await ended("thr", 4);
    const starts = rows.map((r) => (r.output as { at: number }).at - sent).sort((x, y) => x - y);
    for (let i = 1; i < 4; i++) expect(starts[i]).toBeGreaterThanOrEqual(i * 1_000 - 50);
  });

  it("option rateLimit: two engine processes — one run per period across both engines [matrix:option:rateLimit:supported]", { timeout: 60_000 }, async () => {
    await sendSplit("m/rate", [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    await ended("rate", 1);
    await sleep(1_500);
    expect(await runs("rate")).toHaveLength(1);
  });

  it("option singleton: two engine processes — mode skip keeps one run per key across both engines [matrix:option:singleton:supported]", { timeout: 60_000 }, async () => {
    await sendSplit("m/single", [{ k: "x" }, { k: "x" }, { k: "x" }, { k: "x" }]);
    await ended("single", 1);
    await sleep(500);
    expect(await runs("single")).toHaveLength(1);
  });

  it("option singleton: two engine processes — mode cancel: a run started through the other engine cancels the holder [matrix:option:singleton:supported]", { timeout: 60_000 }, async () => {
    await sendInOrder("m/single-cancel", [{ k: "y", n: 1 }]);
    await waitFor("the first run to start", async () => ((await runs("single-cancel")).some((r) => r.firstCallAt) ? true : null), 30_000);
    await fetch(eventUrl(apps[1]!), { method: "POST", body: JSON.stringify({ name: "m/single-cancel", data: { k: "y", n: 2 } }) });
    const rows = await ended("single-cancel", 2);
    const byN = Object.fromEntries(rows.map((r) => [r.event.data.n as number, r.status]));
    expect(byN).toEqual({ 1: "CANCELLED", 2: "COMPLETED" });
  });

  it("option batchEvents: two engine processes — events sent to both fill one batch: full batches of maxSize, none lost or doubled [matrix:option:batchEvents:supported]", { timeout: 60_000 }, async () => {
    await sendSplit("m/batch", [0, 1, 2, 3, 4, 5].map((n) => ({ n })));
    const rows = await ended("batch", 2);
    await sleep(500);
    const batches = (await runs("batch")).map((r) => (r.output as { ns: number[] } | null)?.ns ?? []);
    expect(batches.map((b) => b.length)).toEqual([3, 3]);
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.status === "COMPLETED")).toBe(true);
  });

  it("option concurrency.key: two engine processes — both keyed limits hold across engines [matrix:option:concurrency.key:supported]", { timeout: 60_000 }, async () => {
    const pairs = [["1", "1"], ["1", "2"], ["2", "1"], ["2", "2"]];
    await sendSplit("m/keys2", [...pairs, ...pairs].map(([a, b], n) => ({ a, b, n })));
    const rows = await ended("keys2", 8);
    expect(rows.every((r) => r.status === "COMPLETED")).toBe(true);
    const outputs = rows.map((r) => r.output as Span & { a: string; b: string });
    for (const v of ["1", "2"]) {
      oneAtATime(outputs.filter((o) => o.a === v));
      oneAtATime(outputs.filter((o) => o.b === v));
    }
  });

  it("option concurrency.scope: two engine processes — an account-scoped key shared by two functions is one limit across engines [matrix:option:concurrency.scope:supported]", { timeout: 60_000 }, async () => {
    await sendSplit("m/acct", [{}, {}, {}, {}]);
    const rows = [...(await ended("acct-a", 4)), ...(await ended("acct-b", 4))];
    expect(rows.every((r) => r.status === "COMPLETED")).toBe(true);
    oneAtATime(rows.map((r) => r.output as Span));
  });

  it("option priority.run: two engine processes — a higher priority run goes first, then oldest-first across engines [matrix:option:priority.run:supported]", { timeout: 60_000 }, async () => {
    await sendInOrder("m/prio", [{ n: 0 }]);
    await waitFor("the first run to start", async () => ((await runs("prio")).some((r) => r.firstCallAt) ? true : null), 30_000);
    await sendInOrder("m/prio", [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4, vip: true }, { n: 5 }]);
    const rows = await ended("prio", 6);
    const outputs = rows.map((r) => r.output as Span & { n: number });
    oneAtATime(outputs);
    expect(outputs.sort((x, y) => x.start - y.start).map((o) => o.n)).toEqual([0, 4, 1, 2, 3, 5]);
  });
});
