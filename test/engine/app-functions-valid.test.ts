/** Every function the app serves passes sync-time validation (a refusal would silently stop background work). */
import { describe, expect, it } from "vitest";
import { validateFunction } from "~/inngest/embedded/validate";

describe("the app's own functions", () => {
  it("are all accepted at sync", async () => {
    const { functions } = await import("~/inngest/functions");
    const configs = functions.flatMap((f) => (f as unknown as { getConfig: (o: { baseUrl: URL; appPrefix: string }) => unknown[] }).getConfig({ baseUrl: new URL("http://127.0.0.1:3000/api/inngest"), appPrefix: "contaflow" }));
    expect(configs.length).toBeGreaterThan(10);
    const refused = configs.map((c) => validateFunction(JSON.parse(JSON.stringify(c)))).filter((v) => !v.ok);
    expect(refused).toEqual([]);
  });
});
