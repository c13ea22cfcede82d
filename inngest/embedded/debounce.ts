/**
 * `debounce: { key?, period, timeout? }`: a matching event does not start a run at once; it
 * (re)arms the function's pending start for its key — the latest event wins and the start moves
 * to `period` from now, but never later than `timeout` after the first event of the burst.
 * When due, the run starts with that latest event. One row per (function, key) on the database,
 * so a burst spread over several engine processes still makes one run.
 */
import { db } from "@/server/db/client";
import { keyOf } from "./expressions";
import { loadFunctions } from "./registry";
import { startRun } from "./run-state";
import { durationMs } from "./time";
import type { EngineEventPayload, FunctionConfig } from "./types";

export async function debounceRun(fn: FunctionConfig, debounce: NonNullable<FunctionConfig["debounce"]>, event: EngineEventPayload): Promise<void> {
  const key = `${fn.id}:${keyOf(debounce.key, { event }) ?? ""}`;
  const now = Date.now();
  const runAt = new Date(now + durationMs(debounce.period));
  const timeoutAt = debounce.timeout ? new Date(now + durationMs(debounce.timeout)) : null;
  await db().$executeRaw`
    INSERT INTO "EngineDebounce" (key, "functionId", event, "runAt", "timeoutAt")
    VALUES (${key}, ${fn.id}, ${JSON.stringify(event)}::jsonb, ${runAt}, ${timeoutAt})
    ON CONFLICT (key) DO UPDATE SET event = EXCLUDED.event, "runAt" = LEAST(EXCLUDED."runAt", COALESCE("EngineDebounce"."timeoutAt", EXCLUDED."runAt"))`;
}

/**
 * Starts the runs whose debounce is over. The run comes first and is idempotent per (function,
 * event), so a crash in between, or two engines firing the same row, never loses or doubles it;
 * the row goes only if no newer event re-armed it meanwhile.
 */
export async function fireDueDebounces(): Promise<number> {
  const due = await db().$queryRaw<{ key: string; functionId: string; event: EngineEventPayload }[]>`
    SELECT key, "functionId", event FROM "EngineDebounce" WHERE "runAt" <= ${new Date()} ORDER BY "runAt" LIMIT 100`;
  if (due.length === 0) return 0;
  const functions = await loadFunctions();
  for (const row of due) {
    const fn = functions.get(row.functionId);
    if (fn) await startRun(fn, row.event);
    await db().$executeRaw`DELETE FROM "EngineDebounce" WHERE key = ${row.key} AND event->>'id' = ${row.event.id}`;
  }
  return due.length;
}
