/**
 * One engine process of the multi-engine limits test: the embedded engine plus functions with a
 * limit each, served by the real SDK. GET /runs?fn=<id> → that function's runs.
 */
import { Inngest } from "inngest";
import { db } from "@/server/db/client";
import { localEventKey, localSigningKey } from "~/inngest/embedded/config";
import { serveApp } from "./app-server";

const client = new Inngest({ id: "limits", checkpointing: false, baseUrl: `http://127.0.0.1:${process.env.INNGEST_ENGINE_PORT}`, signingKey: localSigningKey(), eventKey: localEventKey(), isDev: false });
const k = (event: { data: unknown }) => (event.data as { k: string }).k;
const d = (event: { data: unknown }) => event.data as { n: number; a?: string; b?: string; vip?: boolean };

/** A step that holds its concurrency slot for `ms` and returns when it did. */
const span = (ms: number) => async () => {
  const start = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  return { start, end: Date.now() };
};

const functions = [
  client.createFunction({ id: "conc", triggers: [{ event: "m/conc" }], concurrency: { limit: 1, key: "event.data.k" } }, async ({ event, step }) => {
    const span = await step.run("work", async () => {
      const start = Date.now();
      await new Promise((r) => setTimeout(r, 300));
      return { start, end: Date.now(), pid: process.pid };
    });
    return { k: k(event), ...span };
  }),
  client.createFunction({ id: "thr", triggers: [{ event: "m/thr" }], throttle: { limit: 1, period: "1s" } }, async ({ step }) => ({ at: await step.run("work", () => Date.now()) })),
  client.createFunction({ id: "rate", triggers: [{ event: "m/rate" }], rateLimit: { limit: 1, period: "30s" } }, async () => "ok"),
  client.createFunction({ id: "single", triggers: [{ event: "m/single" }], singleton: { key: "event.data.k", mode: "skip" } }, async ({ step }) => {
    await step.sleep("hold", "1s");
    return "ok";
  }),
  client.createFunction({ id: "single-cancel", triggers: [{ event: "m/single-cancel" }], singleton: { key: "event.data.k", mode: "cancel" } }, async ({ event, step }) => {
    await step.sleep("hold", "2s");
    return { n: d(event).n };
  }),
  client.createFunction({ id: "batch", triggers: [{ event: "m/batch" }], batchEvents: { maxSize: 3, timeout: "60s" } }, async ({ events }) => ({ ns: events.map((e) => d(e).n) })),
  client.createFunction({ id: "keys2", triggers: [{ event: "m/keys2" }], concurrency: [{ limit: 1, key: "event.data.a" }, { limit: 1, key: "event.data.b" }] }, async ({ event, step }) => ({
    a: d(event).a,
    b: d(event).b,
    ...(await step.run("work", span(300))),
  })),
  ...["a", "b"].map((suffix) =>
    client.createFunction({ id: `acct-${suffix}`, triggers: [{ event: "m/acct" }], concurrency: { scope: "account", key: '"pool"', limit: 1 } }, async ({ step }) => step.run("work", span(200))),
  ),
  client.createFunction({ id: "prio", triggers: [{ event: "m/prio" }], concurrency: 1, priority: { run: "event.data.vip == true ? 120 : 0" } }, async ({ event, step }) => ({
    n: d(event).n,
    ...(await step.run("work", span(d(event).n === 0 ? 2_500 : 200))),
  })),
];

serveApp(client, functions, {
  "/runs": ({ query }) => db().engineRun.findMany({ where: { functionId: `limits-${query.get("fn")}` }, select: { status: true, output: true, event: true, firstCallAt: true } }),
});
