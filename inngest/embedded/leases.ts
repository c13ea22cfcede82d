/**
 * Who holds a queue lease, and giving leases back fast. Each engine process heartbeats a row of
 * EngineProcess; a lease names its holder (`leasedBy`). Released at once, without waiting out
 * the lease (minutes: it must cover the app's longest step):
 * - the leases of a process that has not heartbeated for DEAD_AFTER_MS (killed, hung, cut off);
 * - this process's own leases it is not working on — a claim whose answer was lost to a database
 *   error, or a step that failed before (or while saving after) its call to the app.
 */
import { db } from "@/server/db/client";
import { newId } from "./ids";

export const HEARTBEAT_MS = 1_000;
export const DEAD_AFTER_MS = 5_000;
/** A claim younger than this may still be on its way back to the worker: not an orphan yet. */
const CLAIM_GRACE_MS = 3_000;

export class EngineProcess {
  readonly id = `${process.pid}-${newId()}`;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> = Promise.resolve();
  private lastSweep = 0;
  /** Since when heartbeats succeed without a gap: only then can others' silence be trusted. */
  private healthySince: number | null = null;

  /** Heartbeats on their own timer, so a slow engine tick never makes this process look dead. */
  start() {
    const beat = () => {
      this.beating = this.beat();
    };
    beat();
    this.timer = setInterval(beat, HEARTBEAT_MS);
    this.timer.unref();
  }

  private async beat() {
    try {
      await db().$executeRaw`INSERT INTO "EngineProcess" (id, "startedAt", "lastSeen") VALUES (${this.id}, now(), now()) ON CONFLICT (id) DO UPDATE SET "lastSeen" = now()`;
      this.healthySince ??= Date.now();
    } catch {
      this.healthySince = null; // the worker's loop reports the outage (once)
    }
  }

  /** From the worker's loop, at most once per HEARTBEAT_MS: give back stale leases. */
  async maintain(held: ReadonlySet<string>, leaseMs: number): Promise<void> {
    if (this.healthySince === null || Date.now() - this.lastSweep < HEARTBEAT_MS) return;
    this.lastSweep = Date.now();
    await this.releaseOwnOrphans(held, leaseMs);
    // After a gap (start, database outage) others need a chance to heartbeat before being judged dead.
    if (Date.now() - this.healthySince >= DEAD_AFTER_MS) await releaseDeadLeases(this.id);
  }

  private async releaseOwnOrphans(held: ReadonlySet<string>, leaseMs: number) {
    // leaseUntil = claim time + leaseMs, so this cut-off selects claims older than the grace period.
    const claimedBefore = new Date(Date.now() - CLAIM_GRACE_MS + leaseMs);
    await db().engineQueueItem.updateMany({
      where: { leasedBy: this.id, leaseUntil: { lt: claimedBefore }, id: { notIn: [...held] } },
      data: { leaseUntil: null, leasedBy: null },
    });
  }

  /** On a clean stop: no more heartbeats, and others take this process's work at once. */
  async retire(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.beating;
    await db().engineProcess.deleteMany({ where: { id: this.id } });
  }
}

/** Leases held by processes silent for DEAD_AFTER_MS go back to the queue; old process rows go. */
export async function releaseDeadLeases(selfId: string): Promise<number> {
  const released = await db().$executeRaw`
    UPDATE "EngineQueueItem" q SET "leaseUntil" = NULL, "leasedBy" = NULL
    WHERE q."leasedBy" IS NOT NULL AND q."leasedBy" <> ${selfId}
      AND NOT EXISTS (SELECT 1 FROM "EngineProcess" p WHERE p.id = q."leasedBy" AND p."lastSeen" > now() - ${DEAD_AFTER_MS}::int * interval '1 millisecond')`;
  await db().$executeRaw`DELETE FROM "EngineProcess" WHERE "lastSeen" < now() - interval '1 hour'`;
  return released;
}
