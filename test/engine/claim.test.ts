/**
 * The claim (inngest/embedded/claim.ts), with checkpointing on and off: only what can run is
 * claimed (a queue item over a concurrency limit is never claimed and pushed back), and older
 * runs go first, so the run that arrived first finishes first.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { functions } from "./functions-claim";
import { CHECKPOINTING_MODES, clearEngineRuns, startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;

async function ended(slug: string, count: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = await db().engineRun.findMany({ where: { functionId: `conformance-${slug}` }, orderBy: { startedAt: "asc" } });
    if (runs.length === count && runs.every((r) => r.status !== "RUNNING")) return runs;
    if (Date.now() > deadline) throw new Error(`${slug}: ${JSON.stringify(runs.map((r) => r.status))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // Every UPDATE of a queue item, counted by the database itself (a claim is one; a push-back another).
  await db().$executeRawUnsafe(`CREATE TABLE "TestQueueUpdate" (at timestamptz NOT NULL DEFAULT now())`);
  await db().$executeRawUnsafe(`CREATE FUNCTION test_count_queue_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO "TestQueueUpdate" DEFAULT VALUES; RETURN NEW; END $$`);
  await db().$executeRawUnsafe(`CREATE TRIGGER test_count_queue_update AFTER UPDATE ON "EngineQueueItem" FOR EACH ROW EXECUTE FUNCTION test_count_queue_update()`);
});

describe.each(CHECKPOINTING_MODES)("embedded engine ($mode): claim", ({ checkpointing }) => {
  beforeAll(async () => {
    await clearEngineRuns();
    harness = await startHarness(functions, { checkpointing });
  });
  afterAll(async () => {
    await harness.stop();
    delete process.env.INNGEST_ENGINE_PARALLELISM;
    resetEnvCache();
  });

  it("claims only what can run: under a concurrency limit each item is updated once, by its claim — nothing is claimed and pushed back [matrix:engine:claim-no-push-back:supported]", async () => {
    await db().$executeRawUnsafe(`DELETE FROM "TestQueueUpdate"`);
    const calls = harness.calls.count;
    await harness.client.send(Array.from({ length: 8 }, (_, n) => ({ name: "t/one-at-a-time", data: { n } })));
    const runs = await ended("one-at-a-time", 8);
    expect(runs.every((r) => r.status === "COMPLETED")).toBe(true);
    const made = harness.calls.count - calls;
    expect(made).toBe(checkpointing ? 8 : 16);
    const [updates] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "TestQueueUpdate"`);
    expect(updates?.n).toBe(made);
  });

  it("older runs first: with more steps ready than the engine runs at once, the run that arrived first finishes first [matrix:engine:fifo-runs:supported]", async () => {
    process.env.INNGEST_ENGINE_PARALLELISM = "2";
    resetEnvCache();
    for (let n = 0; n < 8; n++) {
      await harness.client.send({ name: "t/fifo", data: { n } });
      await new Promise((r) => setTimeout(r, 5));
    }
    const runs = await ended("fifo", 8);
    expect(runs.map((r) => r.output)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const end = runs.map((r) => r.endedAt!.getTime());
    // Two run at once: a run may finish just after the one that arrived right after it, never after a later one.
    const late = end.flatMap((e, i) => end.slice(i + 2).filter((later) => later < e).map(() => i));
    expect(late).toEqual([]);
  });
});
