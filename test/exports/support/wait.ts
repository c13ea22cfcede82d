import { db } from "@/server/db/client";

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const exportRunDone = (runId: string, timeoutMs = 30_000) =>
  until(`export run ${runId}`, () => db().exportRun.findFirst({ where: { id: runId, status: { in: ["COMPLETED", "PARTIAL", "FAILED"] } }, include: { items: true } }), timeoutMs);

export const syncRunDone = (runId: string, timeoutMs = 30_000) =>
  until(`sync run ${runId}`, () => db().syncRun.findFirst({ where: { id: runId, status: { in: ["SUCCESS", "PARTIAL", "FAILED"] } } }), timeoutMs);
