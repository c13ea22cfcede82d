/**
 * `serve({ streaming: true })` (or INNGEST_STREAMING=true): the SDK answers 201 at once and streams
 * the real answer at the end of the body. Every step must run exactly once and the run complete,
 * as with a plain answer. [matrix:protocol:streaming:supported]
 */
import type { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFor, startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;
const calls: Record<string, number> = {};
const count = (id: string) => (calls[id] = (calls[id] ?? 0) + 1);

function functions(client: Inngest) {
  return [
    client.createFunction({ id: "streamed", triggers: [{ event: "t/streamed" }], retries: 2 }, async ({ step }) => {
      const a = await step.run("a", () => count("a"));
      const [b, c] = await Promise.all([step.run("b", () => count("b")), step.run("c", () => count("c"))]);
      await step.sleep("nap", "1s");
      const slow = await step.run("slow", async () => {
        // Longer than the SDK's 3 s heartbeat: the body carries spaces before the answer.
        await new Promise((r) => setTimeout(r, 3_500));
        return count("slow");
      });
      return { a, b, c, slow };
    }),
  ];
}

beforeAll(async () => {
  harness = await startHarness(functions, { streaming: true });
});
afterAll(() => harness.stop());

describe("streaming responses (201)", () => {
  it("runs every step once and completes the run [matrix:protocol:streaming:supported]", { timeout: 30_000 }, async () => {
    await harness.client.send({ name: "t/streamed", data: {} });
    const run = await runFor("streamed", () => true, 25_000);
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toEqual({ a: 1, b: 1, c: 1, slow: 1 });
    expect(calls).toEqual({ a: 1, b: 1, c: 1, slow: 1 });
  });
});
