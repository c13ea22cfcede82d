/**
 * Events stored but never routed (the process died in between) are routed again by the worker's
 * sweep (routeUnrouted in inngest/embedded/event-router.ts), the same way as on arrival: a targeted
 * event (cron, invoke) starts only its function — nothing when that function is gone — the rest go
 * through triggers; every one ends marked routed, so the sweep never picks it up again.
 */
import { expect, it } from "vitest";
import { db } from "@/server/db/client";
import { routeUnrouted } from "~/inngest/embedded/event-router";
import { loadFunctions } from "~/inngest/embedded/registry";
import type { FunctionConfig } from "~/inngest/embedded/types";

it("routes the stale events: by trigger, to their target, or to nothing when the target is gone; all end routed", async () => {
  const suffix = Date.now();
  const trigger = `prueba/unrouted-${suffix}`;
  const fn: FunctionConfig = {
    id: `unrouted-fn-${suffix}`,
    name: "unrouted",
    triggers: [{ event: trigger }],
    steps: { step: { runtime: { url: "http://127.0.0.1:1/api/inngest" }, retries: { attempts: 1 } } },
  };
  await db().engineFunction.create({ data: { id: fn.id, appId: "prueba", name: fn.name, url: "http://127.0.0.1:1/api/inngest", config: fn } });
  await loadFunctions(true);
  // Stored long ago and never routed: first in the sweep's order.
  const receivedAt = new Date("2000-01-01T00:00:00Z");
  const events = [
    { id: `by-trigger-${suffix}`, name: trigger, targetFunctionId: null },
    { id: `targeted-${suffix}`, name: "inngest/scheduled.timer", targetFunctionId: fn.id },
    { id: `gone-${suffix}`, name: "inngest/scheduled.timer", targetFunctionId: `missing-fn-${suffix}` },
  ];
  await db().engineEvent.createMany({ data: events.map((e) => ({ ...e, data: {}, ts: BigInt(receivedAt.getTime()), receivedAt })) });

  expect(await routeUnrouted(0)).toBeGreaterThanOrEqual(3);

  const runs = await db().engineRun.findMany({ where: { functionId: fn.id }, select: { triggerEventId: true } });
  expect(runs.map((r) => r.triggerEventId).sort()).toEqual([`by-trigger-${suffix}`, `targeted-${suffix}`].sort());
  const stored = await db().engineEvent.findMany({ where: { id: { in: events.map((e) => e.id) } }, select: { id: true, routedAt: true } });
  expect(stored.filter((e) => e.routedAt === null)).toEqual([]);
  // Routed: the sweep leaves them alone now.
  await routeUnrouted(0);
  expect(await db().engineRun.count({ where: { functionId: fn.id } })).toBe(2);
});
