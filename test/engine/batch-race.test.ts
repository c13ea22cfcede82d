/**
 * batchEvents with several engine processes: an event that arrives while another engine fills the
 * open batch and starts its run (the batch row is deleted under the event's lock wait) opens the
 * next batch — it used to find no row and fail the Event API call with a 500 (seen with events
 * sent to two engines at once, multi-engine-limits.test.ts). On PGlite (one connection) the two
 * transactions simply run one after the other.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { addToBatch } from "~/inngest/embedded/batch";
import type { EngineEventPayload, FunctionConfig } from "~/inngest/embedded/types";

const fn = {
  id: "batch-race",
  name: "batch-race",
  triggers: [{ event: "t/batch-race" }],
  steps: { step: { runtime: { url: "http://127.0.0.1:1/api/inngest" } } },
  batchEvents: { maxSize: 2, timeout: "60s" },
} satisfies FunctionConfig;
const KEY = "batch-race:";
const event = (n: number): EngineEventPayload => ({ id: `batch-race-${n}`, name: "t/batch-race", data: { n }, ts: Date.now(), user: {} });

describe("batchEvents across engine processes", () => {
  it("an event waiting on a batch that another engine fills and starts goes into the next batch [matrix:option:batchEvents:supported]", async () => {
    await addToBatch(fn, fn.batchEvents, event(1));
    let late: Promise<unknown> = Promise.resolve();
    // Another engine: locks the open batch, fills it, starts its run and deletes the row.
    await db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT key FROM "EngineBatch" WHERE key = ${KEY} FOR UPDATE`;
        late = addToBatch(fn, fn.batchEvents, event(3)).then(
          () => "ok",
          (e: unknown) => e,
        );
        await new Promise((r) => setTimeout(r, 500)); // the late event now waits on the row lock
        await tx.$executeRaw`DELETE FROM "EngineBatch" WHERE key = ${KEY}`;
      },
      { timeout: 15_000 },
    );
    expect(await late).toBe("ok");
    const [open] = await db().$queryRaw<{ events: EngineEventPayload[] }[]>`SELECT events FROM "EngineBatch" WHERE key = ${KEY}`;
    expect(open?.events.map((e) => e.data.n)).toEqual([3]);
  });
});
