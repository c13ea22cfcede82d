/** The conformance functions (also run by @inngest/test in unit.test.ts). */
import type { Inngest } from "inngest";

export const concurrency = { now: 0, max: 0 };
/** Per-key in-flight counts for the keyed concurrency function. */
export const keyed = { now: {} as Record<string, number>, maxPerKey: 0, maxTotal: 0 };

export function functions(client: Inngest) {
  const child = client.createFunction({ id: "child", triggers: [{ event: "t/child-direct" }] }, async ({ event, step }) => {
    const doubled = await step.run("double", () => (event.data as { n: number }).n * 2);
    return { doubled };
  });
  const slowChild = client.createFunction({ id: "slow-child", triggers: [{ event: "t/slow-child-direct" }] }, async ({ step }) => {
    await step.sleep("long", "10s");
    return "tarde";
  });
  return [
    child,
    slowChild,
    client.createFunction({ id: "wait", triggers: [{ event: "t/wait" }] }, async ({ step }) => {
      const approved = await step.waitForEvent("approval", { event: "t/approved", timeout: "5s", match: "data.orderId" });
      const bigger = await step.waitForEvent("bigger", { event: "t/amount", timeout: "5s", if: "async.data.amount > event.data.min" });
      return { approvedBy: approved?.data.by ?? null, amount: bigger?.data.amount ?? null };
    }),
    client.createFunction({ id: "wait-timeout", triggers: [{ event: "t/wait-timeout" }] }, async ({ step }) => {
      const none = await step.waitForEvent("never", { event: "t/never", timeout: "300ms" });
      return { timedOut: none === null };
    }),
    client.createFunction({ id: "send", triggers: [{ event: "t/send" }] }, async ({ step }) => {
      const sent = await step.sendEvent("emit", [{ name: "t/child-direct", data: { n: 21 } }]);
      return sent;
    }),
    client.createFunction({ id: "invoke", triggers: [{ event: "t/invoke" }] }, async ({ step }) => {
      const result = await step.invoke("call-child", { function: child, data: { n: 5 } });
      try {
        await step.invoke("call-slow", { function: slowChild, data: {}, timeout: "300ms" });
        return { result, slow: "no debió terminar" };
      } catch (e) {
        return { result, slow: (e as Error).name };
      }
    }),
    client.createFunction({ id: "filtered", triggers: [{ event: "t/filtered", if: "event.data.amount >= 1000" }] }, async ({ event }) => ({ amount: (event.data as { amount: number }).amount })),
    client.createFunction({ id: "idempotent", triggers: [{ event: "t/idem" }], idempotency: "event.data.orderId" }, async ({ event }) => (event.data as { orderId: string }).orderId),
    client.createFunction(
      { id: "cancellable", triggers: [{ event: "t/cancellable" }], cancelOn: [{ event: "t/cancel", match: "data.userId" }] },
      async ({ step }) => {
        await step.sleep("wait-a-lot", "20s");
        return "no debió terminar";
      },
    ),
    client.createFunction({ id: "limited", triggers: [{ event: "t/limited" }], concurrency: { limit: 2 } }, async ({ step }) => {
      await step.run("work", async () => {
        concurrency.now++;
        concurrency.max = Math.max(concurrency.max, concurrency.now);
        await new Promise((r) => setTimeout(r, 1_000));
        concurrency.now--;
      });
      return "ok";
    }),
    client.createFunction({ id: "keyed", triggers: [{ event: "t/keyed" }], concurrency: { limit: 1, key: "event.data.user" } }, async ({ step, event }) => {
      const user = (event.data as { user: string }).user;
      await step.run("work", async () => {
        keyed.now[user] = (keyed.now[user] ?? 0) + 1;
        keyed.maxPerKey = Math.max(keyed.maxPerKey, keyed.now[user]);
        keyed.maxTotal = Math.max(keyed.maxTotal, Object.values(keyed.now).reduce((a, b) => a + b, 0));
        await new Promise((r) => setTimeout(r, 1_000));
        keyed.now[user]--;
      });
      return user;
    }),
    client.createFunction(
      { id: "debounced", triggers: [{ event: "t/debounced" }], debounce: { key: "event.data.k", period: "1s", timeout: "2s" } },
      async ({ event }) => ({ k: (event.data as { k: string }).k, n: (event.data as { n: number }).n, startedAt: Date.now() }),
    ),
    client.createFunction({ id: "cron", triggers: [{ cron: "TZ=America/Argentina/Buenos_Aires * * * * * *" }] }, async ({ event }) => ({ name: event.name })),
  ];
}
