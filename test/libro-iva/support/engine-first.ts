/** Import FIRST in a test file: the Libro IVA function on the embedded engine in this test process. */
import { startInProcessEngine } from "../../support/in-process-engine";

export const libroEngineReady = startInProcessEngine(async () => [(await import("~/inngest/functions/libro-iva/generate")).libroIvaGenerate]);

type RunReader = { libroIva: { run: (input: { runId: string }) => Promise<{ status: string }> } };

/** Polls a Libro IVA run through the caller's own tRPC procedure until it leaves PENDING/RUNNING. */
export async function finishedRun<C extends RunReader>(caller: () => C, runId: string): Promise<Awaited<ReturnType<C["libroIva"]["run"]>>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const run = (await caller().libroIva.run({ runId })) as Awaited<ReturnType<C["libroIva"]["run"]>>;
    if (!["PENDING", "RUNNING"].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
