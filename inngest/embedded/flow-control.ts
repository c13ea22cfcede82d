/**
 * Flow control decided when a run is created, in the run's own transaction so every engine
 * process sees one state (rules and sources in README.md): concurrency queues, priority,
 * throttle and rate limit (GCRA on `EngineRateState` rows), singleton.
 */
import type { EngineRun } from "@/generated/prisma/client";
import { keyOf } from "./expressions";
import type { Tx } from "./run-state";
import { durationMs } from "./time";
import type { ConcurrencyOption, EngineEventPayload, FunctionConfig } from "./types";

/** The function's concurrency limits; `limit: 0` (or none) means no limit, as in Inngest. */
export function concurrencyRules(fn: FunctionConfig): ConcurrencyOption[] {
  if (fn.concurrency === undefined || fn.concurrency === null) return [];
  const list = typeof fn.concurrency === "number" ? [{ limit: fn.concurrency }] : Array.isArray(fn.concurrency) ? fn.concurrency : [fn.concurrency];
  return list.filter((rule) => Number(rule.limit) > 0);
}

/**
 * One queue per limit: `fn:<function>:<key value>`; `env:`/`account:` queues are named by the key
 * value only, so every function using the same key shares them (one environment here).
 */
export function concurrencyQueues(fn: FunctionConfig, event: EngineEventPayload): { keys: string[]; limits: number[] } {
  const keys: string[] = [];
  const limits: number[] = [];
  for (const rule of concurrencyRules(fn)) {
    const value = rule.key ? (keyOf(rule.key, { event }) ?? "") : "";
    const scope = rule.scope ?? "fn";
    keys.push(scope === "fn" ? `fn:${fn.id}:${value}` : `${scope}:${value}`);
    limits.push(Math.floor(rule.limit));
  }
  return { keys, limits };
}

/** `priority.run` evaluated on the event, in whole seconds within ±600 (0 if it fails). */
export function priorityOf(fn: FunctionConfig, event: EngineEventPayload): number {
  if (!fn.priority?.run) return 0;
  const value = Number(JSON.parse(keyOf(fn.priority.run, { event }) ?? "0") as unknown);
  return Number.isFinite(value) ? Math.max(-600, Math.min(600, Math.trunc(value))) : 0;
}

function keyValue(expression: string | undefined, event: EngineEventPayload): string {
  return expression ? (keyOf(expression, { event }) ?? "") : "";
}

/** Locks (creating if needed) a GCRA row and returns its theoretical arrival time in ms. */
async function lockTat(tx: Tx, key: string, now: number): Promise<number> {
  await tx.$executeRaw`INSERT INTO "EngineRateState" (key, tat) VALUES (${key}, ${new Date(now)}) ON CONFLICT (key) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ tat: Date }[]>`SELECT tat FROM "EngineRateState" WHERE key = ${key} FOR UPDATE`;
  return row!.tat.getTime();
}

async function saveTat(tx: Tx, key: string, tat: number) {
  await tx.$executeRaw`UPDATE "EngineRateState" SET tat = ${new Date(tat)} WHERE key = ${key}`;
}

/**
 * Throttle: GCRA with emission interval period / limit and `limit + burst` starts allowed at once;
 * a run over the limit is not dropped but starts at the next free slot (FIFO by arrival).
 */
export async function throttledStart(tx: Tx, fn: FunctionConfig, event: EngineEventPayload, at: number): Promise<number> {
  const throttle = fn.throttle;
  if (!throttle || !(throttle.limit > 0)) return at;
  const interval = durationMs(throttle.period) / throttle.limit;
  const tolerance = (throttle.limit + (throttle.burst ?? 0) - 1) * interval;
  const key = `throttle:${fn.id}:${keyValue(throttle.key, event)}`;
  const tat = await lockTat(tx, key, at);
  const start = Math.max(at, tat - tolerance);
  await saveTat(tx, key, Math.max(tat, start) + interval);
  return start;
}

/**
 * Rate limit: GCRA as Inngest's server runs it (emission interval period / limit, a burst of
 * limit / 10 on top of one); an event over the limit starts no run at all.
 */
export async function rateLimitAllows(tx: Tx, fn: FunctionConfig, event: EngineEventPayload, now: number): Promise<boolean> {
  const rate = fn.rateLimit;
  if (!rate || !(rate.limit > 0)) return true;
  const interval = durationMs(rate.period) / rate.limit;
  const tolerance = Math.floor(rate.limit / 10) * interval;
  const key = `rate:${fn.id}:${keyValue(rate.key, event)}`;
  const tat = await lockTat(tx, key, now);
  if (tat - now > tolerance) return false;
  await saveTat(tx, key, Math.max(tat, now) + interval);
  return true;
}

/** Serializes decisions about one key across engine processes until the transaction ends. */
export async function lockKey(tx: Tx, key: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${key}))) AS l`;
}

/**
 * Singleton: at most one RUNNING run per (function, key). Returns the key to store, "skip" when
 * a run holds it in skip mode, or the run to cancel in cancel mode (locked in this transaction).
 */
export async function singletonDecision(tx: Tx, fn: FunctionConfig, event: EngineEventPayload): Promise<{ key: string | null; skip?: true; cancel?: EngineRun }> {
  if (!fn.singleton) return { key: null };
  const key = keyValue(fn.singleton.key, event);
  await lockKey(tx, `singleton:${fn.id}:${key}`);
  const [holder] = await tx.$queryRaw<EngineRun[]>`
    SELECT * FROM "EngineRun" WHERE "functionId" = ${fn.id} AND "singletonKey" = ${key} AND status = 'RUNNING' ORDER BY "startedAt" LIMIT 1 FOR UPDATE`;
  if (!holder) return { key };
  if (fn.singleton.mode === "cancel") return { key, cancel: { ...holder, stack: holder.stack ?? [], pending: holder.pending ?? [] } };
  return { key, skip: true };
}
