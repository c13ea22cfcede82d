/**
 * Lease release without waiting out the lease (leases.ts), on PGlite and PostgreSQL: the leases
 * of a process that stopped heartbeating, and a live process's own leases it is not working on;
 * and the claim (claim.ts) never takes a step whose lease ran out while its holder is alive.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { claimRunnable } from "~/inngest/embedded/claim";
import { EngineProcess, releaseDeadLeases } from "~/inngest/embedded/leases";

const LEASE_MS = 360_000;
let seq = 0;

async function item(leasedBy: string | null, claimedMsAgo = 10_000) {
  const runId = `lease-run-${++seq}-${Date.now()}`;
  await db().engineRun.create({ data: { id: runId, functionId: "f", event: {}, maxAttempts: 1 } });
  return db().engineQueueItem.create({ data: { runId, stepId: "step", leasedBy, leaseUntil: leasedBy ? new Date(Date.now() - claimedMsAgo + LEASE_MS) : null } });
}
const leaseOf = async (id: string) => (await db().engineQueueItem.findUniqueOrThrow({ where: { id } })).leasedBy;

beforeEach(async () => {
  await db().engineQueueItem.deleteMany();
  await db().engineProcess.deleteMany();
});

describe("engine leases", () => {
  it("a process silent for 5 s loses its leases at once; a live one keeps them", async () => {
    await db().engineProcess.create({ data: { id: "live", lastSeen: new Date() } });
    await db().engineProcess.create({ data: { id: "dead", lastSeen: new Date(Date.now() - 6_000) } });
    const [live, dead, ghost, mine] = [await item("live"), await item("dead"), await item("never-heartbeated"), await item("self")];
    expect(await releaseDeadLeases("self")).toBe(2);
    expect(await leaseOf(live.id)).toBe("live");
    expect(await leaseOf(dead.id)).toBeNull();
    expect(await leaseOf(ghost.id)).toBeNull();
    expect(await leaseOf(mine.id)).toBe("self");
    expect((await db().engineQueueItem.findUniqueOrThrow({ where: { id: dead.id } })).leaseUntil).toBeNull();
  });

  it("a lease that ran out while its holder heartbeats is a step still running: not claimed again (nor its concurrency slot) until the holder goes silent", async () => {
    await db().engineProcess.create({ data: { id: "slow", lastSeen: new Date() } });
    // Claimed LEASE_MS + 1 s ago: the lease ran out a second ago, the step is still running there.
    const running = await item("slow", LEASE_MS + 1_000);
    await db().engineRun.update({ where: { id: running.runId }, data: { concurrencyKeys: ["fn:f:one"], concurrencyLimits: [1] } });
    const sameQueue = await db().engineRun.create({ data: { id: `lease-run-${++seq}-${Date.now()}`, functionId: "f", event: {}, maxAttempts: 1, concurrencyKeys: ["fn:f:one"], concurrencyLimits: [1] } });
    await db().engineQueueItem.create({ data: { runId: sameQueue.id, stepId: "step" } });
    // Before: both were claimed — the running step a second time, and its queue's only slot given away.
    expect(await claimRunnable(10, LEASE_MS, "other")).toEqual([]);
    expect(await leaseOf(running.id)).toBe("slow");

    await db().engineProcess.update({ where: { id: "slow" }, data: { lastSeen: new Date(Date.now() - 6_000) } });
    const claimed = await claimRunnable(10, LEASE_MS, "other");
    expect(claimed.map((c) => c.item.id)).toEqual([running.id]);
    expect(await leaseOf(running.id)).toBe("other");
  });

  it("a live process gives back its own leases it is not working on (claim answer lost, step failed before saving)", async () => {
    const proc = new EngineProcess();
    const [orphan, working, justClaimed] = [await item(proc.id), await item(proc.id), await item(proc.id, 100)];
    await proc.maintain(new Set([working.id]), LEASE_MS);
    expect(await leaseOf(orphan.id)).toBe(proc.id); // not heartbeating yet: nothing is judged
    proc.start();
    await expect
      .poll(async () => {
        await proc.maintain(new Set([working.id]), LEASE_MS);
        return leaseOf(orphan.id);
      }, { timeout: 5_000 })
      .toBeNull();
    expect(await leaseOf(working.id)).toBe(proc.id);
    expect(await leaseOf(justClaimed.id)).toBe(proc.id); // may still be on its way back to the worker
    expect(await db().engineProcess.count({ where: { id: proc.id } })).toBe(1);
    await proc.retire();
    expect(await db().engineProcess.count({ where: { id: proc.id } })).toBe(0);
  });
});
