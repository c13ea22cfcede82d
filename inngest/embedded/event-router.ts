/**
 * Event API behind POST /e/:key: store each event (ids unique for 24 h, so a re-sent event is
 * accepted but not acted on twice), then resume matching waits, cancel runs, start functions.
 */
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { addToBatch } from "./batch";
import { debounceRun } from "./debounce";
import { matches } from "./expressions";
import { finishRun } from "./finish";
import { newId } from "./ids";
import { loadFunctions } from "./registry";
import { saveStep, startRun, withRun } from "./run-state";
import { durationMs } from "./time";
import type { EngineEventPayload, FunctionConfig } from "./types";

type IncomingEvent = { id?: string; name: string; data?: Record<string, unknown>; ts?: number; user?: Record<string, unknown> };
const DEDUPE_MS = 24 * 3_600_000;

export async function ingestEvents(incoming: IncomingEvent[], options: { onlyFunction?: FunctionConfig } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const raw of incoming) {
    const event: EngineEventPayload = { id: raw.id || newId(), name: raw.name, data: raw.data ?? {}, ts: raw.ts ?? Date.now(), user: raw.user ?? {} };
    ids.push(event.id);
    if (!options.onlyFunction && !hasFunctionFor(await loadFunctions(), event.name) && (await storeUnwaited(event))) continue;
    const stored = await storeOnce(event, options.onlyFunction?.id);
    if (!stored) continue;
    await applyStored(event, options.onlyFunction ? { fn: options.onlyFunction } : null, stored.waited);
  }
  return ids;
}

/**
 * Applies a stored event, then marks it routed. A targeted one (cron, invoke) starts only its
 * function — nothing when that function is gone; the rest go through triggers, waits and cancels.
 * When routing ends with a plain run start, that start's statement marks it routed.
 */
async function applyStored(event: EngineEventPayload, targeted: { fn: FunctionConfig | undefined } | null, waited = true) {
  const routed = targeted ? targeted.fn !== undefined && (await startRun(targeted.fn, event, { routedEvent: event.id })) : await route(event, waited);
  if (!routed) await db().engineEvent.update({ where: { id: event.id }, data: { routedAt: new Date() } });
}

/**
 * Events stored but never fully routed (the process died in between): route them again.
 * Safe to repeat: one run per (function, event), waits resume once, cancels are idempotent.
 */
export async function routeUnrouted(olderThanMs = 5_000): Promise<number> {
  const stale = await db().engineEvent.findMany({ where: { routedAt: null, receivedAt: { lt: new Date(Date.now() - olderThanMs) } }, take: 100, orderBy: { receivedAt: "asc" } });
  for (const row of stale) {
    const event: EngineEventPayload = { id: row.id, name: row.name, data: row.data as Record<string, unknown>, ts: Number(row.ts), user: {} };
    await applyStored(event, row.targetFunctionId ? { fn: (await loadFunctions()).get(row.targetFunctionId) } : null);
  }
  return stale.length;
}

/** Whether any function starts, is cancelled by, or batches/debounces on events of this name. */
function hasFunctionFor(functions: Map<string, FunctionConfig>, name: string): boolean {
  for (const fn of functions.values()) {
    if (fn.triggers.some((t) => "event" in t && triggerMatches(t.event, name))) return true;
    if ((fn.cancel ?? []).some((rule) => rule.event === name)) return true;
  }
  return false;
}

/**
 * An event nothing routes (no function, no wait for its name — most `inngest/function.finished`)
 * is stored already routed, in one statement instead of three. False when a wait may want it or
 * its id was seen before: the full path below decides.
 */
async function storeUnwaited(event: EngineEventPayload): Promise<boolean> {
  const inserted = await db().$executeRaw`
    INSERT INTO "EngineEvent" (id, name, data, ts, "receivedAt", "routedAt")
    SELECT ${event.id}, ${event.name}, ${JSON.stringify(event.data)}::jsonb, ${BigInt(event.ts)}, now(), now()
    WHERE NOT EXISTS (SELECT 1 FROM "EngineWait" WHERE event = ${event.name})
    ON CONFLICT (id) DO NOTHING`;
  return inserted === 1;
}

/**
 * Stores the event unless its id was seen within 24 h (then false: a duplicate). `waited` says
 * whether a wait for its name existed — asked in the same statement, so routing an event no
 * wait wants costs no extra query.
 */
async function storeOnce(event: EngineEventPayload, targetFunctionId?: string): Promise<false | { waited: boolean }> {
  const [inserted] = await db().$queryRaw<{ waited: boolean }[]>`
    INSERT INTO "EngineEvent" (id, name, data, ts, "receivedAt", "targetFunctionId") VALUES (${event.id}, ${event.name}, ${JSON.stringify(event.data)}::jsonb, ${BigInt(event.ts)}, now(), ${targetFunctionId ?? null})
    ON CONFLICT (id) DO NOTHING RETURNING EXISTS (SELECT 1 FROM "EngineWait" WHERE event = ${event.name}) AS waited`;
  if (inserted) return { waited: inserted.waited };
  // Seen before: a repeat within 24 h is a duplicate — unless its routing never finished.
  const prior = await db().engineEvent.findUnique({ where: { id: event.id }, select: { receivedAt: true, routedAt: true } });
  if (prior && !prior.routedAt) return { waited: true };
  if (prior && prior.receivedAt.getTime() > Date.now() - DEDUPE_MS) return false;
  await db().engineEvent.update({ where: { id: event.id }, data: { name: event.name, data: event.data as Prisma.InputJsonValue, ts: BigInt(event.ts), receivedAt: new Date() } });
  return { waited: true };
}

function triggerMatches(pattern: string, name: string) {
  return pattern === name || (pattern.endsWith("*") && name.startsWith(pattern.slice(0, -1)));
}

/**
 * `waited` false: no wait for this name existed when the event was stored (no need to look again).
 * True when the last start also marked the event routed (most events start one plain run).
 */
async function route(event: EngineEventPayload, waited = true): Promise<boolean> {
  if (waited) await resumeWaits(event);
  const functions = await loadFunctions();
  for (const fn of functions.values()) {
    for (const rule of fn.cancel ?? []) if (rule.event === event.name) await cancelMatching(fn, rule, event);
  }
  const hits = [...functions.values()].filter((fn) => fn.triggers.some((t) => "event" in t && triggerMatches(t.event, event.name) && matches(t.expression, { event })));
  let routed = false;
  for (const [i, fn] of hits.entries()) {
    if (fn.debounce) await debounceRun(fn, fn.debounce, event);
    else if (fn.batchEvents) await addToBatch(fn, fn.batchEvents, event);
    else routed = await startRun(fn, event, i === hits.length - 1 ? { routedEvent: event.id } : {});
  }
  return routed;
}

async function resumeWaits(event: EngineEventPayload) {
  const waits = await db().engineWait.findMany({ where: { event: event.name } });
  for (const wait of waits) {
    await withRun(wait.runId, async (tx, run) => {
      if (!matches(wait.expr, { event: run.event, async: event })) return;
      const { count } = await tx.engineWait.deleteMany({ where: { id: wait.id } });
      if (count === 0) return;
      const value = wait.kind === "INVOKE" ? ("error" in event.data ? { error: event.data.error } : { data: event.data.result ?? null }) : event;
      await saveStep(tx, run, wait.stepId, value);
    });
  }
}

/** cancelOn: cancels the function's running runs the event matches; with `timeout`, only runs started less than that ago. */
async function cancelMatching(fn: FunctionConfig, rule: NonNullable<FunctionConfig["cancel"]>[number], event: EngineEventPayload) {
  // A timeout given as a date (the SDK sends it as ISO text) ends the rule at that time for every run.
  if (rule.timeout && /^\d{4}-\d\d-\d\dT/.test(rule.timeout) && Date.parse(rule.timeout) < Date.now()) return;
  const since = rule.timeout && !/^\d{4}-/.test(rule.timeout) ? new Date(Date.now() - durationMs(rule.timeout)) : undefined;
  const running = await db().engineRun.findMany({ where: { functionId: fn.id, status: "RUNNING", startedAt: since ? { gte: since } : undefined }, select: { id: true, event: true } });
  for (const candidate of running) {
    if (!matches(rule.if, { event: candidate.event, async: event })) continue;
    const after = await withRun(candidate.id, (tx, run) => (run.status === "RUNNING" ? finishRun(tx, run, { cancelled: true }) : Promise.resolve(null)));
    await after?.();
  }
}
