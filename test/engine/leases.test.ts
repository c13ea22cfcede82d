/**
 * Lease release without waiting out the lease (leases.ts), on PGlite and PostgreSQL: the leases
 * of a process that stopped heartbeating, and a live process's own leases it is not working on.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
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
