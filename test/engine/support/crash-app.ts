/**
 * A whole app in one process for the crash test: the embedded engine plus a test function
 * served by the real SDK. The test kills it with SIGKILL mid-burst and starts it again.
 * GET /status → every run with its completed steps.
 */
import { Inngest } from "inngest";
import { db } from "@/server/db/client";
import { localSigningKey } from "~/inngest/embedded/config";
import { serveApp } from "./app-server";

const client = new Inngest({ id: "crash", checkpointing: false, baseUrl: `http://127.0.0.1:${process.env.INNGEST_ENGINE_PORT}`, signingKey: localSigningKey(), eventKey: "embedded", isDev: false });
const burst = client.createFunction({ id: "burst", triggers: [{ event: "t/burst" }] }, async ({ event, step }) => {
  let total = 0;
  for (let i = 0; i < 4; i++) {
    total += await step.run(`s${i}`, async () => {
      await new Promise((r) => setTimeout(r, 40));
      return i + 1;
    });
  }
  return { n: (event.data as { n: number }).n, total };
});

serveApp(client, [burst], {
  "/status": () => db().engineRun.findMany({ select: { status: true, output: true, history: { where: { status: "COMPLETED" }, select: { name: true } } } }),
});
