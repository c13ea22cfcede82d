/** Functions for claim.test.ts: one under a concurrency limit of 1, one with three quick steps. */
import type { Inngest } from "inngest";

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function functions(client: Inngest) {
  return [
    client.createFunction({ id: "one-at-a-time", triggers: [{ event: "t/one-at-a-time" }], concurrency: { limit: 1 } }, async ({ step }) => {
      await step.run("work", () => pause(60));
      return "ok";
    }),
    client.createFunction({ id: "fifo", triggers: [{ event: "t/fifo" }] }, async ({ event, step }) => {
      for (const name of ["a", "b", "c"]) await step.run(name, () => pause(30));
      return (event.data as { n: number }).n;
    }),
  ];
}
