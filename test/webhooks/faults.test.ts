/**
 * Fault tests of the whole webhook pipeline (outbox → Inngest engine → signed HTTP):
 * a receiver that is down and comes back gets the event; a SIGKILL of the server during a
 * burst of 1,000 events loses none — after restart the receiver has every event id.
 */
import type { ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../engine/harness";
import { appEnv, startApp, waitFor } from "../engine/support/app-process";

const SCRIPT = "test/engine/support/webhook-app.ts";
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterAll(async () => {
  children.forEach((c) => c.kill("SIGKILL"));
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A receiver that verifies every request and counts distinct message ids. */
function receiverOn(port: number, secret: () => string) {
  const ids = new Set<string>();
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      new Webhook(secret()).verify(Buffer.concat(chunks).toString(), headers); // throws → test fails via 500s
      ids.add(headers["webhook-id"]!);
      res.writeHead(204).end();
    });
  });
  servers.push(server);
  return {
    ids,
    requests: () => requests,
    listen: () => new Promise<void>((r) => server.listen(port, "127.0.0.1", r)),
  };
}

const post = async (port: string, path: string, body: unknown) => (await (await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", body: JSON.stringify(body) })).json()) as Record<string, unknown>;
const status = async (port: string, tenantId: unknown) => (await (await fetch(`http://127.0.0.1:${port}/status?tenantId=${String(tenantId)}`)).json()) as Record<string, number>;

describe("webhook pipeline under faults", () => {
  it("receiver down, then up: the event is delivered by the retry", { timeout: 60_000 }, async () => {
    const env = await appEnv("faults");
    const child = await startApp(env, SCRIPT);
    children.push(child);
    const port = await freePort();
    let secret = "";
    const receiver = receiverOn(port, () => secret);
    const setup = await post(env.APP_PORT!, "/setup", { url: `http://127.0.0.1:${port}/hook` });
    secret = String(setup.secret);
    await post(env.APP_PORT!, "/emit", { count: 1, tenantId: setup.tenantId });
    await waitFor("first attempt to fail", async () => ((await status(env.APP_PORT!, setup.tenantId)).failedAttempts === 1 ? true : null), 15_000);
    await receiver.listen();
    await waitFor("delivery", async () => ((await status(env.APP_PORT!, setup.tenantId)).SUCCEEDED === 1 ? true : null), 30_000);
    expect(receiver.ids.size).toBe(1);
    child.kill("SIGKILL");
  });

  it("SIGKILL while delivering a burst of 1,000 events: after restart every event id arrives", { timeout: 300_000 }, async () => {
    const COUNT = Number(process.env.FAULT_BURST ?? 1000);
    const env = await appEnv("faults");
    const port = await freePort();
    let secret = "";
    const receiver = receiverOn(port, () => secret);
    await receiver.listen();
    let child = await startApp(env, SCRIPT);
    children.push(child);
    const setup = await post(env.APP_PORT!, "/setup", { url: `http://127.0.0.1:${port}/hook` });
    secret = String(setup.secret);
    expect((await post(env.APP_PORT!, "/emit", { count: COUNT, tenantId: setup.tenantId })).recorded).toBe(COUNT);

    await waitFor("some deliveries", async () => (receiver.ids.size >= 50 ? true : null), 120_000);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const atKill = receiver.ids.size;
    expect(atKill).toBeLessThan(COUNT);

    child = await startApp(env, SCRIPT);
    children.push(child);
    await waitFor("every event id", async () => (receiver.ids.size === COUNT ? true : null), 240_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: receiver has ${receiver.ids.size}/${COUNT} (at kill ${atKill}), deliveries ${JSON.stringify(await status(env.APP_PORT!, setup.tenantId))}`);
    });
    let last: Record<string, number> = {};
    await waitFor("all deliveries recorded", async () => {
      last = await status(env.APP_PORT!, setup.tenantId);
      return last.SUCCEEDED === COUNT ? last : null;
    }, 60_000).catch((e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(last)}`);
    });
    expect(last).toEqual({ SUCCEEDED: COUNT, failedAttempts: 0 });
    expect(receiver.requests()).toBeGreaterThanOrEqual(COUNT); // at least once: a few may arrive twice
    child.kill("SIGKILL");
  });
});
