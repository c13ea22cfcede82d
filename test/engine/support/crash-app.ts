/**
 * A whole app in one process for the crash test: the embedded engine plus functions served
 * by the real SDK. The test kills it with SIGKILL mid-burst and starts it again.
 * Env: APP_PORT, INNGEST_ENGINE_PORT, DATA_DIR, and DATABASE_URL (else PGlite in DATA_DIR).
 */
import { createServer } from "node:http";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import { db } from "@/server/db/client";
import { localSigningKey } from "~/inngest/embedded/config";
import { startEmbeddedEngine, syncApp } from "~/inngest/embedded";

const appPort = Number(process.env.APP_PORT);
const enginePort = Number(process.env.INNGEST_ENGINE_PORT);
process.env.INNGEST_SERVE_URL = `http://127.0.0.1:${appPort}/api/inngest`;

const client = new Inngest({ id: "crash", checkpointing: false, baseUrl: `http://127.0.0.1:${enginePort}`, signingKey: localSigningKey(), eventKey: "embedded", isDev: false });
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

const handler = serve({ client, functions: [burst] });
const server = createServer((req, res) => {
  if (req.url === "/status") {
    void db()
      .engineRun.findMany({ select: { status: true, output: true, history: { where: { status: "COMPLETED" }, select: { name: true } } } })
      .then((runs) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(runs));
      });
    return;
  }
  void handler(req, res);
});
server.listen(appPort, "127.0.0.1", async () => {
  await startEmbeddedEngine({ port: enginePort, sync: false });
  await syncApp(process.env.INNGEST_SERVE_URL, Date.now() + 20_000);
  console.log("READY");
});
