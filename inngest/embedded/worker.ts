/**
 * The engine's loop: claim due queue items that may run now (claim.ts: with a lease, under every
 * concurrency limit, so several engine processes on PostgreSQL never take the same item and a
 * crashed one's items come back), expire sleeps/waits/invoke timeouts, cancel runs past their
 * `timeouts`, start debounced runs and batches that are due, and fire cron triggers.
 * Faults: the process heartbeats and gives back leases it cannot use (leases.ts); a failing
 * database slows the loop down exponentially and is logged once when it goes and once when it is back.
 */
import { env } from "@/env";
import type { EngineQueueItem, EngineRun, EngineWait } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { OutageLog } from "@/server/db/availability";
import { logger } from "@/server/log/logger";
import { ingestEvents, routeUnrouted } from "./event-router";
import { nextCronFire } from "./cron";
import { fireDueDebounces } from "./debounce";
import { executeItem } from "./executor";
import { fireDueBatches } from "./batch";
import { claimRunnable } from "./claim";
import { EngineProcess } from "./leases";
import { loadFunctions } from "./registry";
import { cancelTimedOut } from "./timeouts";
import { saveStep, withRun } from "./run-state";
import type { FunctionConfig } from "./types";
import { wake } from "./wake";

const log = logger.child({ module: "inngest-engine" });
/** Loop delays: busy, idle, and the ceiling of the backoff while the database fails. */
const BUSY_MS = 10;
const IDLE_MS = 150;
/**
 * How often the clock-driven sweeps (sleeps and waits due, debounces, batches, timeouts: four
 * queries) run. Their durations are whole seconds at least, so a quarter second late is nothing;
 * every 50 ms they were 7 % of the statements of a busy engine (bench/documents: 524 of 7,337).
 */
const SWEEP_MS = 250;
const MAX_BACKOFF_MS = 5_000;
/** A step given back after a failure before its result was saved runs again after this: soon
 * after a database error, later after anything else (a bug must not spin). */
const RETRY_RELEASED_MS = 500;
const RETRY_RELEASED_BUG_MS = 30_000;

export class Worker {
  private running = false;
  private ticking = false;
  /** Work arrived during a tick: the next one follows at once. */
  private again = false;
  private inFlight = 0;
  private cronNext = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private lastRoutingSweep = 0;
  private lastWaitSweep = 0;
  private idle: Promise<void> = Promise.resolve();
  private readonly onWake = () => this.kick();
  readonly process = new EngineProcess();
  /** Queue items this process claimed and is still working on (its other leases are orphans). */
  private readonly held = new Set<string>();
  private failures = 0;
  private readonly outage = new OutageLog(log, "inngest engine");

  start() {
    this.running = true;
    this.process.start();
    wake.on("work", this.onWake);
    this.kick();
  }

  async stop() {
    this.running = false;
    wake.off("work", this.onWake);
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
    await this.process.retire().catch((err: unknown) => log.warn({ err }, "engine process row not removed; its leases are released when it is seen silent"));
  }

  /** A database outage is logged once; anything else every time (it is a bug to fix). True for an outage. */
  private failed(err: unknown, message: string, detail: object = {}): boolean {
    if (this.outage.failed(err)) return true;
    log.error({ err, ...detail }, message);
    return false;
  }

  private kick() {
    // While the database fails, new work must not cut the backoff short.
    if (!this.running || (this.failures > 0 && this.timer)) return;
    // One tick at a time: a kick during a tick makes the next one start at once. (Overlapping ticks
    // queued claim transactions behind the claim lock, each holding a pooled connection the
    // steps' own transactions and checkpoints then waited for.)
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = true;
      this.idle = this.tick().catch((err: unknown) => log.error({ err }, "engine tick failed"));
    }, 5);
  }

  private async tick() {
    if (!this.running) {
      this.ticking = false;
      return;
    }
    let found = 0;
    try {
      await this.process.maintain(this.held, env().INNGEST_ENGINE_LEASE_MS);
      found += await this.claimAndRun();
      // Sleeps and timeouts are due by the clock, not by new work: a busy tick needn't look each time.
      if (Date.now() - this.lastWaitSweep >= SWEEP_MS) {
        this.lastWaitSweep = Date.now();
        found += await this.expireWaits();
        found += await fireDueDebounces();
        found += await fireDueBatches();
        found += await cancelTimedOut();
      }
      if (Date.now() - this.lastRoutingSweep > 5_000) {
        this.lastRoutingSweep = Date.now();
        found += await routeUnrouted();
        // A GCRA row whose arrival time has passed is the same as no row: keep the table small.
        await db().$executeRaw`DELETE FROM "EngineRateState" WHERE tat < ${new Date(Date.now() - 60_000)}`;
      }
      await this.fireCrons();
      this.failures = 0;
      this.outage.ok();
    } catch (err) {
      this.failures++;
      this.failed(err, "engine tick failed");
    } finally {
      this.ticking = false;
      const busy = found > 0 || this.again;
      this.again = false;
      const delay = this.failures > 0 ? Math.min(MAX_BACKOFF_MS, IDLE_MS * 2 ** this.failures) : busy ? BUSY_MS : IDLE_MS;
      if (this.running)
        this.timer = setTimeout(() => {
          this.timer = null;
          this.kick();
        }, delay);
    }
  }

  private async claimAndRun(): Promise<number> {
    const room = env().INNGEST_ENGINE_PARALLELISM - this.inFlight;
    if (room <= 0) return 0;
    const claimed = await claimRunnable(room, env().INNGEST_ENGINE_LEASE_MS, this.process.id);
    const items = claimed.map((c) => c.item);
    for (const item of items) this.held.add(item.id);
    let functions: Map<string, FunctionConfig>;
    try {
      functions = await loadFunctions();
    } catch (err) {
      for (const item of items) this.held.delete(item.id); // given back by the orphan sweep
      throw err;
    }
    // run() never rejects: every failure is handled (and the item given back) inside it.
    for (const { item, run } of claimed) void this.run(item, run, functions);
    return items.length;
  }

  private async run(item: EngineQueueItem, run: EngineRun | null, functions: Map<string, FunctionConfig>) {
    this.inFlight++;
    try {
      const fn = run ? (functions.get(run.functionId) ?? (await loadFunctions(true)).get(run.functionId)) : undefined;
      if (!run || !fn || run.status !== "RUNNING") {
        await db().engineQueueItem.deleteMany({ where: { id: item.id } });
        return;
      }
      await executeItem(item, run, fn);
    } catch (err) {
      // Before the call (claim follow-up failed) or while saving its answer: give the step back so it
      // runs again soon (at-least-once) instead of waiting out its lease. The database may be down:
      // then the orphan sweep gives it back once it is reachable.
      const outage = this.failed(err, "engine step failed; it runs again shortly", { runId: item.runId, stepId: item.stepId });
      await this.release(item, outage ? RETRY_RELEASED_MS : RETRY_RELEASED_BUG_MS).catch(() => undefined);
    } finally {
      this.held.delete(item.id);
      this.inFlight--;
      this.kick();
    }
  }

  /** Gives a claimed item back to the queue (if this claim still holds it), to run after `ms`. */
  private async release(item: EngineQueueItem, ms: number) {
    await db().engineQueueItem.updateMany({ where: { id: item.id, leaseUntil: item.leaseUntil }, data: { leaseUntil: null, leasedBy: null, runAt: new Date(Date.now() + ms) } });
  }

  private async expireWaits(): Promise<number> {
    const expired = await db().$queryRaw<EngineWait[]>`
      SELECT * FROM "EngineWait" WHERE "expiresAt" <= now() ORDER BY "expiresAt" LIMIT 100`;
    for (const wait of expired) {
      const value = wait.kind === "INVOKE" ? { error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for invoked function to complete" } } : null;
      // Delete and resume in one transaction (under the run's lock): a failure keeps the wait, and
      // with several engine processes only the one that deletes it resumes the run.
      await withRun(wait.runId, async (tx, run) => {
        const { count } = await tx.engineWait.deleteMany({ where: { id: wait.id } });
        if (count === 1) await saveStep(tx, run, wait.stepId, value);
      });
    }
    return expired.length;
  }

  private async fireCrons() {
    const now = new Date();
    for (const fn of (await loadFunctions()).values()) {
      for (const trigger of fn.triggers) {
        if (!("cron" in trigger)) continue;
        const id = `${fn.id}|${trigger.cron}`;
        const next = this.cronNext.get(id);
        if (!next) {
          this.cronNext.set(id, nextCronFire(trigger.cron, now) ?? new Date(8.64e15));
          continue;
        }
        if (next > now) continue;
        this.cronNext.set(id, nextCronFire(trigger.cron, now) ?? new Date(8.64e15));
        const at = next.toISOString();
        // One firing per (function, time) even with several engine processes.
        const claimed = await db().$executeRaw`INSERT INTO "EngineDedupe" (key, "createdAt") VALUES (${`cron:${fn.id}:${at}`}, now()) ON CONFLICT DO NOTHING`;
        if (claimed === 1) await ingestEvents([{ id: `cron-${fn.id}-${at}`, name: "inngest/scheduled.timer", data: { cron: trigger.cron }, ts: next.getTime() }], { onlyFunction: fn });
      }
    }
  }
}

