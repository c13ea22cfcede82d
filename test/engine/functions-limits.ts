/**
 * Conformance functions for flow control and limits (conformance-limits.test.ts). Each records
 * when its work ran in its output, so tests read timing from the database.
 */
import type { Inngest } from "inngest";

/** In-flight step counts by concurrency queue (this process serves every function). */
export const inFlight = { now: {} as Record<string, number>, max: {} as Record<string, number> };

async function tracked(queues: string[], ms: number) {
  for (const q of queues) {
    inFlight.now[q] = (inFlight.now[q] ?? 0) + 1;
    inFlight.max[q] = Math.max(inFlight.max[q] ?? 0, inFlight.now[q]);
  }
  const start = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  for (const q of queues) inFlight.now[q]!--;
  return { start, end: Date.now() };
}

type Data = { k?: string; n?: number; a?: string; b?: string; vip?: boolean; batch?: boolean };
const data = (event: { data: unknown }) => event.data as Data;

export function functions(client: Inngest) {
  return [
    client.createFunction({ id: "throttled", triggers: [{ event: "t/throttled" }], throttle: { limit: 1, period: "3s", burst: 1 } }, async ({ event, step }) => {
      const at = await step.run("work", () => Date.now());
      return { n: data(event).n, at };
    }),
    client.createFunction({ id: "rate-limited", triggers: [{ event: "t/rate-limited" }], rateLimit: { limit: 1, period: "10s", key: "event.data.k" } }, async ({ event }) => ({ k: data(event).k, n: data(event).n })),
    client.createFunction(
      { id: "batched", triggers: [{ event: "t/batched" }], batchEvents: { maxSize: 3, timeout: "3s", key: "event.data.k", if: "event.data.batch == true" } },
      async ({ events }) => ({ ns: events.map((e) => data(e).n), at: Date.now() }),
    ),
    client.createFunction(
      { id: "prioritized", triggers: [{ event: "t/prioritized" }], concurrency: 1, priority: { run: "event.data.vip == true ? 120 : 0" } },
      async ({ event, step }) => step.run("work", async () => ({ n: data(event).n, ...(await tracked(["prioritized"], 1_500)) })),
    ),
    client.createFunction({ id: "fifo", triggers: [{ event: "t/fifo" }], concurrency: 1 }, async ({ event, step }) => {
      const first = await step.run("first", () => tracked(["fifo"], 100));
      const second = await step.run("second", () => tracked(["fifo"], 100));
      return { n: data(event).n, start: first.start, end: second.end };
    }),
    client.createFunction({ id: "start-timeout", triggers: [{ event: "t/start-timeout" }], concurrency: 1, timeouts: { start: "1s" } }, async ({ event, step }) => {
      await step.run("slow", () => tracked(["start-timeout"], 2_500));
      return { n: data(event).n };
    }),
    client.createFunction({ id: "finish-timeout", triggers: [{ event: "t/finish-timeout" }], timeouts: { finish: "1s" } }, async ({ step }) => {
      await step.sleep("long", "10s");
      return "no debió terminar";
    }),
    client.createFunction({ id: "singleton-skip", triggers: [{ event: "t/singleton-skip" }], singleton: { key: "event.data.k", mode: "skip" } }, async ({ event, step }) => {
      await step.sleep("hold", "1s");
      return { n: data(event).n };
    }),
    client.createFunction({ id: "singleton-cancel", triggers: [{ event: "t/singleton-cancel" }], singleton: { key: "event.data.k", mode: "cancel" } }, async ({ event, step }) => {
      await step.sleep("hold", "1s");
      return { n: data(event).n };
    }),
    client.createFunction(
      { id: "cancel-timeout", triggers: [{ event: "t/cancel-timeout" }], cancelOn: [{ event: "t/cancel-timeout-stop", match: "data.k", timeout: "2s" }] },
      async ({ event, step }) => {
        await step.sleep("hold", "4s");
        return { k: data(event).k };
      },
    ),
    client.createFunction({ id: "unlimited", triggers: [{ event: "t/unlimited" }], concurrency: 0 }, async ({ event }) => ({ n: data(event).n })),
    ...(["account", "env"] as const).flatMap((scope) =>
      ["a", "b"].map((suffix) =>
        client.createFunction({ id: `${scope}-${suffix}`, triggers: [{ event: `t/${scope}` }], concurrency: { scope, key: '"shared-pool"', limit: 1 } }, async ({ step }) =>
          step.run("work", () => tracked([`${scope}:shared-pool`], 150)),
        ),
      ),
    ),
    client.createFunction(
      { id: "two-keys", triggers: [{ event: "t/two-keys" }], concurrency: [{ limit: 1, key: "event.data.a" }, { limit: 1, key: "event.data.b" }] },
      async ({ event, step }) => step.run("work", () => tracked([`a:${data(event).a}`, `b:${data(event).b}`], 150)),
    ),
    client.createFunction({ id: "scheduled", triggers: [{ event: "t/scheduled" }] }, async ({ step }) => ({ at: await step.run("work", () => Date.now()) })),
  ];
}
