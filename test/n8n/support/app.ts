/** The app's real Inngest functions served over HTTP, on the embedded engine, in this process. */
import { db } from "@/server/db/client";
import { startInProcessEngine } from "../../support/in-process-engine";

export function startAppEngine() {
  return startInProcessEngine(async () => (await import("~/inngest/functions")).functions);
}

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs of one of our functions for a tenant, once none is running. */
export async function finishedRuns(tenantId: string, fnId: string, count = 1) {
  return until(`${count} finished run(s) of ${fnId}`, async () => {
    const runs = await db().engineRun.findMany({ where: { tenantId, functionId: `contaflow-${fnId}` }, orderBy: { startedAt: "asc" } });
    return runs.length >= count && runs.every((r) => r.status !== "RUNNING") ? runs : null;
  });
}
