/**
 * The engine's loop: claim due queue items (FOR UPDATE SKIP LOCKED, with a lease, so several
 * engine processes on PostgreSQL never take the same item and a crashed one's items come back),
 * expire sleeps/waits/invoke timeouts, start debounced runs that are due, and fire cron triggers.
 */
import type { EngineQueueItem, EngineWait } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { ingestEvents, routeUnrouted } from "./event-router";
import { nextCronFire } from "./cron";
import { fireDueDebounces } from "./debounce";
import { executeItem } from "./executor";
import { concurrencyRules, loadFunctions } from "./registry";
import { saveStep, withRun } from "./run-state";
import type { FunctionConfig } from "./types";
import { wake } from "./wake";

const log = logger.child({ module: "inngest-engine" });
const LEASE_MS = Number(process.env.INNGEST_ENGINE_LEASE_MS ?? 360_000);
const MAX_PARALLEL = Number(process.env.INNGEST_ENGINE_PARALLELISM ?? 32);

export class Worker {
  private running = false;
  private inFlight = 0;
  private active = new Map<string, number>();
  private cronNext = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;
  private lastRoutingSweep = 0;
  private lastWaitSweep = 0;
  private idle: Promise<void> = Promise.resolve();
  private readonly onWake = () => this.kick();

  start() {
    this.running = true;
    wake.on("work", this.onWake);
    this.kick();
  }

  async stop() {
    this.running = false;
    wake.off("work", this.onWake);
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  private kick() {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.idle = this.tick().catch((err: unknown) => log.error({ err }, "engine tick failed"));
    }, 5);
  }

  private async tick() {
    if (!this.running) return;
    let found = 0;
    try {
      found += await this.claimAndRun();
      // Sleeps and timeouts are due by the clock, not by new work: a busy tick needn't look each time.
      if (Date.now() - this.lastWaitSweep >= 50) {
        this.lastWaitSweep = Date.now();
        found += await this.expireWaits();
        found += await fireDueDebounces();
      }
      if (Date.now() - this.lastRoutingSweep > 5_000) {
        this.lastRoutingSweep = Date.now();
        found += await routeUnrouted();
      }
      await this.fireCrons();
    } finally {
      if (this.running) this.timer = setTimeout(() => this.kick(), found > 0 ? 10 : 150);
    }
  }

  private async claimAndRun(): Promise<number> {
    const room = MAX_PARALLEL - this.inFlight;
    if (room <= 0) return 0;
    const leaseUntil = new Date(Date.now() + LEASE_MS);
    const items = await db().$queryRaw<EngineQueueItem[]>`
      UPDATE "EngineQueueItem" SET "leaseUntil" = ${leaseUntil}
      WHERE id IN (
        SELECT id FROM "EngineQueueItem"
        WHERE "runAt" <= now() AND ("leaseUntil" IS NULL OR "leaseUntil" < now())
        ORDER BY "runAt" LIMIT ${room} FOR UPDATE SKIP LOCKED)
      RETURNING *`;
    const functions = await loadFunctions();
    for (const item of items) void this.run(item, functions);
    return items.length;
  }

  private async run(item: EngineQueueItem, functions: Map<string, FunctionConfig>) {
    const run = await db().engineRun.findUnique({ where: { id: item.runId } });
    const fn = run ? (functions.get(run.functionId) ?? (await loadFunctions(true)).get(run.functionId)) : undefined;
    if (!run || !fn || run.status !== "RUNNING") {
      await db().engineQueueItem.deleteMany({ where: { id: item.id } });
      return;
    }
    const slot = this.concurrencySlot(fn, run.concurrencyKey);
    if (!slot) {
      // At the function's limit: give the item back for a moment.
      await db().engineQueueItem.updateMany({ where: { id: item.id, leaseUntil: item.leaseUntil }, data: { leaseUntil: null, runAt: new Date(Date.now() + 50) } });
      return;
    }
    this.inFlight++;
    try {
      await executeItem(item, run, fn);
    } catch (err) {
      log.error({ err, runId: item.runId, stepId: item.stepId }, "engine step failed; it will be retried after its lease");
    } finally {
      this.inFlight--;
      slot();
      this.kick();
    }
  }

  /** Counts in-flight calls per function (and per evaluated key); null when a limit is reached. */
  private concurrencySlot(fn: FunctionConfig, key: string | null): (() => void) | null {
    const names = concurrencyRules(fn).map((rule) => ({ name: `${fn.id}:${rule.key ? key : ""}`, limit: rule.limit }));
    if (names.some(({ name, limit }) => (this.active.get(name) ?? 0) >= limit)) return null;
    for (const { name } of names) this.active.set(name, (this.active.get(name) ?? 0) + 1);
    return () => {
      for (const { name } of names) this.active.set(name, (this.active.get(name) ?? 1) - 1);
    };
  }

  private async expireWaits(): Promise<number> {
    const expired = await db().$queryRaw<EngineWait[]>`
      DELETE FROM "EngineWait" WHERE id IN (
        SELECT id FROM "EngineWait" WHERE "expiresAt" <= now() ORDER BY "expiresAt" LIMIT 100 FOR UPDATE SKIP LOCKED)
      RETURNING *`;
    for (const wait of expired) {
      const value = wait.kind === "INVOKE" ? { error: { name: "InngestInvokeTimeoutError", message: "Timed out waiting for invoked function to complete" } } : null;
      await withRun(wait.runId, (tx, run) => saveStep(tx, run, wait.stepId, value));
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

