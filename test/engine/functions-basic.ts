/** The conformance functions (also run by @inngest/test in unit.test.ts). */
import { NonRetriableError, RetryAfterError, type Inngest } from "inngest";

export const attempts: Record<string, number> = {};

export function functions(client: Inngest) {
  return [
    client.createFunction({ id: "steps", triggers: [{ event: "t/steps" }] }, async ({ step, event }) => {
      const a = await step.run("a", () => `A${(event.data as { n: number }).n}`);
      const b = await step.run("b", () => `${a}B`);
      return { b };
    }),
    client.createFunction({ id: "three", triggers: [{ event: "t/three" }] }, async ({ step }) => {
      const a = await step.run("a", () => 1);
      const b = await step.run("b", () => a + 1);
      return { c: await step.run("c", () => b + 1) };
    }),
    client.createFunction({ id: "parallel", triggers: [{ event: "t/parallel" }] }, async ({ step }) => {
      const [x, y, z] = await Promise.all([step.run("p1", () => 1), step.run("p2", () => 2), step.run("p3", () => 3)]);
      return step.run("sum", () => x + y + z);
    }),
    client.createFunction({ id: "sleep", triggers: [{ event: "t/sleep" }] }, async ({ step }) => {
      const before = await step.run("before", () => Date.now());
      await step.sleep("nap", "300ms");
      await step.sleepUntil("until", new Date(Date.now() + 100));
      const after = await step.run("after", () => Date.now());
      return { slept: after - before };
    }),
    client.createFunction({ id: "retry", triggers: [{ event: "t/retry" }], retries: 3 }, async ({ step, attempt }) => {
      const value = await step.run("flaky", () => {
        attempts.flaky = (attempts.flaky ?? 0) + 1;
        if (attempts.flaky < 3) throw new Error(`fallo ${attempts.flaky}`);
        return "ok";
      });
      return { value, attempt };
    }),
    client.createFunction({ id: "exhaust", triggers: [{ event: "t/exhaust" }], retries: 1 }, async ({ step }) => {
      try {
        await step.run("always-fails", () => {
          throw new Error("siempre falla");
        });
      } catch (e) {
        return { caught: (e as Error).message };
      }
      return { caught: null };
    }),
    client.createFunction(
      { id: "nonretriable", triggers: [{ event: "t/nonretriable" }], retries: 4, onFailure: async ({ event, error }) => ({ handled: event.data.function_id, message: error.message }) },
      async ({ step }) => {
        await step.run("boom", () => {
          attempts.boom = (attempts.boom ?? 0) + 1;
          throw new NonRetriableError("no tiene sentido reintentar");
        });
      },
    ),
    client.createFunction({ id: "retryafter", triggers: [{ event: "t/retryafter" }], retries: 2 }, async ({ step }) => {
      return step.run("later", () => {
        attempts.later = (attempts.later ?? 0) + 1;
        if (attempts.later === 1) {
          attempts.laterAt = Date.now();
          throw new RetryAfterError("esperá", 1000);
        }
        return Date.now() - (attempts.laterAt ?? 0);
      });
    }),
  ];
}
