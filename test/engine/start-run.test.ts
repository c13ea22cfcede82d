/**
 * Starting a run of a function with no lock-bound flow control (no idempotency, singleton, rate
 * limit or throttle) is one statement (startPlainRun in inngest/embedded/run-state.ts), on the
 * database itself: the run carries every column the claim and the runs page read, its first step
 * is queued for the event's time, and routing the same event again starts nothing more.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { startRun } from "~/inngest/embedded/run-state";
import type { EngineEventPayload, FunctionConfig } from "~/inngest/embedded/types";

let seq = 0;
const fn = (overrides: Partial<FunctionConfig> = {}): FunctionConfig => ({
  id: `plain-fn-${++seq}-${Date.now()}`,
  name: "simple",
  triggers: [{ event: "prueba/plain" }],
  steps: { step: { runtime: { url: "http://127.0.0.1:1/api/inngest" }, retries: { attempts: 2 } } },
  ...overrides,
});
const event = (data: Record<string, unknown> = {}, ts = Date.now()): EngineEventPayload => ({ id: `ev-${++seq}-${Date.now()}`, name: "prueba/plain", data, ts, user: {} });

describe("starting a run without lock-bound flow control", () => {
  it("creates the run with its columns and queues its first step; routed again, nothing more", async () => {
    const f = fn({ concurrency: [{ limit: 4 }, { limit: 1, key: "event.data.documentId" }], priority: { run: "event.data.prio" }, timeouts: { start: "1m", finish: "10s" } });
    const e = event({ tenantId: "org-1", documentId: "doc-9", prio: 30 });
    await startRun(f, e);
    await startRun(f, e);
    const runs = await db().engineRun.findMany({ where: { functionId: f.id }, include: { queue: true } });
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({
      status: "RUNNING",
      event: e,
      events: null,
      maxAttempts: 3,
      concurrencyKey: `fn:${f.id}:`,
      concurrencyKeys: [`fn:${f.id}:`, `fn:${f.id}:"doc-9"`],
      concurrencyLimits: [4, 1],
      priority: 30,
      finishTimeoutMs: 10_000,
      tenantId: "org-1",
      triggerEventId: e.id,
      steps: {},
    });
    expect(run.startBy!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(run.queue.map((q) => ({ stepId: q.stepId, attempt: q.attempt, leaseUntil: q.leaseUntil }))).toEqual([{ stepId: "step", attempt: 0, leaseUntil: null }]);
  });

  it("an event stamped in the future queues its first step at that time", async () => {
    const f = fn();
    const at = Date.now() + 3_600_000;
    await startRun(f, event({}, at));
    const run = await db().engineRun.findFirstOrThrow({ where: { functionId: f.id }, include: { queue: true } });
    expect(run.queue[0]!.runAt.getTime()).toBe(at);
  });

  it("marks the event that routing ends with routed in the same statement; a locked start leaves it to the caller", async () => {
    const plain = event();
    await db().engineEvent.create({ data: { id: plain.id, name: plain.name, data: {}, ts: BigInt(plain.ts) } });
    expect(await startRun(fn(), plain, { routedEvent: plain.id })).toBe(true);
    expect((await db().engineEvent.findUniqueOrThrow({ where: { id: plain.id } })).routedAt).not.toBeNull();

    const locked = event();
    await db().engineEvent.create({ data: { id: locked.id, name: locked.name, data: {}, ts: BigInt(locked.ts) } });
    expect(await startRun(fn({ idempotency: "event.data.x" }), locked, { routedEvent: locked.id })).toBe(false);
    expect((await db().engineEvent.findUniqueOrThrow({ where: { id: locked.id } })).routedAt).toBeNull();
  });
});
