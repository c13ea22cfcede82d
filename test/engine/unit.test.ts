/**
 * The conformance functions under @inngest/test (no server): the same code the embedded engine
 * runs over HTTP. @inngest/test 1.0 models no retries, waits or flow control, so those are
 * covered by the conformance suites; sleeps and invokes are mocked here.
 */
import { Inngest, type InngestFunction } from "inngest";
import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { functions as basicFunctions } from "./functions-basic";
import { functions as flowFunctions } from "./functions-flow";

const client = new Inngest({ id: "conformance", isDev: true });
const all = [...basicFunctions(client), ...flowFunctions(client)];
const fn = (id: string) => all.find((f) => f.id() === id) as InngestFunction.Any;
const event = (name: string, data: Record<string, unknown> = {}) => ({ name, data });

describe("conformance functions under @inngest/test", () => {
  it("steps", async () => {
    const { result } = await new InngestTestEngine({ function: fn("steps"), events: [event("t/steps", { n: 7 })] }).execute();
    expect(result).toEqual({ b: "A7B" });
  });

  it("parallel", async () => {
    const { result } = await new InngestTestEngine({ function: fn("parallel"), events: [event("t/parallel")] }).execute();
    expect(result).toBe(6);
  });

  it("sleep (sleeps mocked)", async () => {
    const t = new InngestTestEngine({ function: fn("sleep"), events: [event("t/sleep")], steps: [{ id: "nap", handler() {} }, { id: "until", handler() {} }] });
    const { result } = await t.execute();
    expect((result as { slept: number }).slept).toBeGreaterThanOrEqual(0);
  });

  it("exhaust: the failing step's error is recorded (retries are the engine's job)", async () => {
    const { error } = await new InngestTestEngine({ function: fn("exhaust"), events: [event("t/exhaust")] }).executeStep("always-fails");
    expect((error as Error).message).toBe("siempre falla");
  });

  it("nonretriable fails the run", async () => {
    const { error } = await new InngestTestEngine({ function: fn("nonretriable"), events: [event("t/nonretriable")] }).execute();
    expect((error as Error).message).toContain("no tiene sentido reintentar");
  });

  it("send", async () => {
    const t = new InngestTestEngine({ function: fn("send"), events: [event("t/send")], steps: [{ id: "emit", handler: () => ({ ids: ["evt-1"] }) }] });
    const { ctx, result } = await t.execute();
    expect(result).toEqual({ ids: ["evt-1"] });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("emit", [{ name: "t/child-direct", data: { n: 21 } }]);
  });

  it("invoke (invokes mocked)", async () => {
    const t = new InngestTestEngine({
      function: fn("invoke"),
      events: [event("t/invoke")],
      steps: [
        { id: "call-child", handler: () => ({ doubled: 10 }) },
        {
          id: "call-slow",
          handler: () => {
            throw Object.assign(new Error("timeout"), { name: "InngestInvokeTimeoutError" });
          },
        },
      ],
    });
    const { result } = await t.execute();
    expect((result as { result: unknown }).result).toEqual({ doubled: 10 });
  });

  it("filtered, idempotent and cron return their event's data", async () => {
    expect((await new InngestTestEngine({ function: fn("filtered"), events: [event("t/filtered", { amount: 2500 })] }).execute()).result).toEqual({ amount: 2500 });
    expect((await new InngestTestEngine({ function: fn("idempotent"), events: [event("t/idem", { orderId: "A" })] }).execute()).result).toBe("A");
    expect((await new InngestTestEngine({ function: fn("cron"), events: [event("inngest/scheduled.timer")] }).execute()).result).toEqual({ name: "inngest/scheduled.timer" });
  });

  it("limited and cancellable (sleep mocked)", async () => {
    expect((await new InngestTestEngine({ function: fn("limited"), events: [event("t/limited")] }).execute()).result).toBe("ok");
    const t = new InngestTestEngine({ function: fn("cancellable"), events: [event("t/cancellable", { userId: "u" })], steps: [{ id: "wait-a-lot", handler() {} }] });
    expect((await t.execute()).result).toBe("no debió terminar");
  });
});
