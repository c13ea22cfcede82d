/**
 * Claims the queue items that may run now, in one transaction serialized across engine processes
 * (an advisory lock): due, not leased, of a run not past `timeouts.start`, and with room in every
 * concurrency queue of its run — counted from the items leased (in flight) in the database, so a
 * limit holds across all engine processes. Order: priority-adjusted run start, then due time
 * (older runs first, so the first document in finishes first). Only what can run is claimed.
 */
import { Prisma, type EngineQueueItem, type EngineRun } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { lockKey } from "./flow-control";
import { DEAD_AFTER_MS } from "./leases";

type Candidate = { id: string; runId: string; keys: string[] | null; limits: number[] | null };

export type Claimed = { item: EngineQueueItem; run: EngineRun | null };

/**
 * `holder` is the claiming engine process (leases.ts): its leases are given back at once when it dies.
 * Each item comes with its run as of the claim, read in the same transaction (no read per step after).
 */
export async function claimRunnable(room: number, leaseMs: number, holder: string): Promise<Claimed[]> {
  const now = new Date();
  // A lease that ran out while its holder still heartbeats is a step still running (longer than
  // the lease): claiming it again would run it twice at once. A silent holder's leases come back
  // here, or sooner through releaseDeadLeases (leases.ts).
  const holderAlive = Prisma.sql`EXISTS (SELECT 1 FROM "EngineProcess" p WHERE p.id = q."leasedBy" AND p."lastSeen" > now() - ${DEAD_AFTER_MS}::int * interval '1 millisecond')`;
  const claimable = Prisma.sql`q."runAt" <= ${now} AND (q."leaseUntil" IS NULL OR (q."leaseUntil" < ${now} AND NOT ${holderAlive}))`;
  // Most ticks of a busy engine find nothing due: one indexed look first, not a locked transaction of five statements.
  const [due] = await db().$queryRaw<unknown[]>`SELECT 1 FROM "EngineQueueItem" q WHERE ${claimable} LIMIT 1`;
  if (!due) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  return db().$transaction(
    async (tx) => {
      await lockKey(tx, "engine:claim");
      // In flight: leased and not past the lease — or past it, while its holder still heartbeats.
      const inflight = await tx.$queryRaw<{ key: string; n: number }[]>`
        SELECT k AS key, count(*)::int AS n
        FROM "EngineQueueItem" q JOIN "EngineRun" r ON r.id = q."runId" CROSS JOIN LATERAL unnest(r."concurrencyKeys") AS k
        WHERE q."leaseUntil" >= ${now} OR (q."leaseUntil" IS NOT NULL AND ${holderAlive}) GROUP BY k`;
      const counts = new Map(inflight.map((row) => [row.key, row.n]));
      const busy = inflight.length === 0 ? [""] : [...counts.keys()];
      // Items with a queue already full are left out here; the rest are checked one by one below.
      const candidates = await tx.$queryRaw<Candidate[]>`
        SELECT q.id, q."runId", r."concurrencyKeys" AS keys, r."concurrencyLimits" AS limits
        FROM "EngineQueueItem" q JOIN "EngineRun" r ON r.id = q."runId"
        WHERE ${claimable}
          AND (r."startBy" IS NULL OR r."startBy" >= ${now})
          AND NOT EXISTS (
            SELECT 1 FROM unnest(r."concurrencyKeys", r."concurrencyLimits") AS c(key, lim)
            JOIN unnest(${busy}::text[], ${busy.map((k) => counts.get(k) ?? 0)}::int[]) AS i(key, n) ON i.key = c.key
            WHERE i.n >= c.lim)
        ORDER BY r."startedAt" - make_interval(secs => r.priority), q."runAt"
        LIMIT ${room + 100}`;
      const chosen: string[] = [];
      for (const item of candidates) {
        if (chosen.length >= room) break;
        const keys = item.keys ?? [];
        const limits = item.limits ?? [];
        if (keys.some((key, i) => (counts.get(key) ?? 0) >= (limits[i] ?? Infinity))) continue;
        for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
        chosen.push(item.id);
      }
      if (chosen.length === 0) return [];
      // Lease the items and, in the same statement, start their runs: the first call starts a
      // run, and `timeouts.finish` counts from here.
      const items = await tx.$queryRaw<EngineQueueItem[]>`
        WITH leased AS (UPDATE "EngineQueueItem" SET "leaseUntil" = ${leaseUntil}, "leasedBy" = ${holder} WHERE id = ANY(${chosen}::text[]) RETURNING *),
        started AS (
          UPDATE "EngineRun" SET "firstCallAt" = ${now}, "startBy" = NULL,
            "finishBy" = CASE WHEN "finishTimeoutMs" IS NULL THEN "finishBy" ELSE ${now}::timestamp + "finishTimeoutMs" * interval '1 millisecond' END
          WHERE id IN (SELECT "runId" FROM leased) AND "firstCallAt" IS NULL)
        SELECT * FROM leased`;
      // Raw rows keep SQL's NULL for a list column Prisma would read as [].
      const runs = await tx.$queryRaw<EngineRun[]>`SELECT * FROM "EngineRun" WHERE id = ANY(${items.map((i) => i.runId)}::text[])`;
      const byId = new Map(runs.map((r) => [r.id, { ...r, stack: r.stack ?? [], pending: r.pending ?? [] }]));
      return items.map((item) => ({ item, run: byId.get(item.runId) ?? null }));
    },
    { timeout: 15_000, maxWait: 15_000 },
  );
}
