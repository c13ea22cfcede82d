/** The "Ejecuciones" procedures over the real engine: tenant-scoped list, detail, retry, health. */
import { NonRetriableError, type Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;
const failedOnce = new Set<string>();

function functions(client: Inngest) {
  return [
    client.createFunction({ id: "flaky-job", name: "Trabajo inestable", triggers: [{ event: "t/job" }], retries: 0 }, async ({ step, event }) => {
      return step.run("do", () => {
        const tenantId = (event.data as { tenantId: string }).tenantId;
        if (!failedOnce.has(tenantId)) {
          failedOnce.add(tenantId);
          throw new NonRetriableError("la primera vez falla");
        }
        return "listo";
      });
    }),
  ];
}

beforeAll(async () => {
  harness = await startHarness(functions);
});
afterAll(() => harness.stop());

async function waitRuns(tenantId: string, n: number) {
  for (let i = 0; i < 200; i++) {
    const runs = await db().engineRun.findMany({ where: { tenantId, status: { not: "RUNNING" } } });
    if (runs.length >= n) return runs;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("runs did not finish");
}

describe("Ejecuciones", () => {
  it("lists only the tenant's runs, shows steps, and retries a failed run", async () => {
    const owner = await createUser();
    const tenant = await createTenantWith(owner);
    const other = await createTenantWith(await createUser());
    await harness.client.send([
      { name: "t/job", data: { tenantId: tenant.id } },
      { name: "t/job", data: { tenantId: other.id } },
    ]);
    await waitRuns(tenant.id, 1);
    await waitRuns(other.id, 1);

    const caller = callerFor(owner, tenant.id);
    const list = await caller.runs.list({});
    expect(list.items.map((r) => [r.functionName, r.status])).toEqual([["Trabajo inestable", "FAILED"]]);
    const detail = await caller.runs.get({ id: list.items[0]!.id });
    expect(detail.event.data).toEqual({ tenantId: tenant.id });
    expect(detail.steps.map((s) => [s.name, s.status])).toContainEqual(["do", "FAILED"]);
    expect(detail.error).toMatchObject({ message: expect.stringContaining("la primera vez falla") });

    await caller.runs.retry({ id: list.items[0]!.id });
    const runs = await waitRuns(tenant.id, 2);
    expect(runs.map((r) => r.status).sort()).toEqual(["COMPLETED", "FAILED"]);
    await expect(caller.runs.retry({ id: runs.find((r) => r.status === "COMPLETED")!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await caller.runs.list({ status: "COMPLETED" })).items).toHaveLength(1);
    const health = await caller.runs.health();
    expect(health).toMatchObject({ mode: "embedded", running: expect.any(Number), failed24h: expect.any(Number) });
  });
});
