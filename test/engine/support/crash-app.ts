/**
 * A whole app in one process for the crash test: the embedded engine plus a test function
 * served by the real SDK (checkpointing as the engine decides: on by default). The test kills it
 * with SIGKILL mid-burst and starts it again. Every execution of a step body is appended to
 * DATA_DIR/executions.log (`<runId> <step>`), written before the step returns, so it survives the kill.
 * GET /status → every run with its completed steps.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { Inngest } from "inngest";
import { db } from "@/server/db/client";
import { localEventKey, localSigningKey } from "~/inngest/embedded/config";
import { serveApp } from "./app-server";

const executions = join(process.env.DATA_DIR!, "executions.log");
const client = new Inngest({ id: "crash", baseUrl: `http://127.0.0.1:${process.env.INNGEST_ENGINE_PORT}`, signingKey: localSigningKey(), eventKey: localEventKey(), isDev: false });
const burst = client.createFunction({ id: "burst", triggers: [{ event: "t/burst" }] }, async ({ event, step, runId }) => {
  let total = 0;
  for (let i = 0; i < 4; i++) {
    total += await step.run(`s${i}`, async () => {
      appendFileSync(executions, `${runId} s${i}\n`);
      await new Promise((r) => setTimeout(r, 40));
      return i + 1;
    });
  }
  return { n: (event.data as { n: number }).n, total };
});

serveApp(client, [burst], {
  "/status": () => db().engineRun.findMany({ select: { id: true, status: true, output: true, history: { where: { status: "COMPLETED" }, select: { name: true } } } }),
});
