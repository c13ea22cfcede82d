/**
 * Fault tests of the whole webhook pipeline (outbox → Inngest engine → signed HTTP):
 * a receiver that is down and comes back gets the event; a SIGKILL of the server during a
 * burst of 1,000 events loses none — after restart the receiver has every event id; and one
 * killed right after single-event actions committed, before their dispatch (which the actions
 * no longer wait for), still delivers every event: the restarted app hands them over at startup.
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
const get = async (port: string, path: string) => (await (await fetch(`http://127.0.0.1:${port}${path}`)).json()) as Record<string, number>;
const status = async (port: string, tenantId: unknown) => (await (await fetch(`http://127.0.0.1:${port}/status?tenantId=${String(tenantId)}`)).json()) as Record<string, number>;

/** The app process with one endpoint pointing at a verifying receiver (listening, unless said otherwise). */
async function appWithReceiver(name: string, { listening = true } = {}) {
  const env = await appEnv(name);
  const port = await freePort();
  let secret = "";
  const receiver = receiverOn(port, () => secret);
  if (listening) await receiver.listen();
  const child = await startApp(env, SCRIPT);
  children.push(child);
  const setup = await post(env.APP_PORT!, "/setup", { url: `http://127.0.0.1:${port}/hook` });
  secret = String(setup.secret);
  return { env, receiver, child, setup };
}

describe("webhook pipeline under faults", () => {
  it("receiver down, then up: the event is delivered by the retry", { timeout: 60_000 }, async () => {
    const { env, receiver, child, setup } = await appWithReceiver("faults", { listening: false });
    await post(env.APP_PORT!, "/emit", { count: 1, tenantId: setup.tenantId });
    await waitFor("first attempt to fail", async () => ((await status(env.APP_PORT!, setup.tenantId)).failedAttempts === 1 ? true : null), 15_000);
    await receiver.listen();
    await waitFor("delivery", async () => ((await status(env.APP_PORT!, setup.tenantId)).SUCCEEDED === 1 ? true : null), 30_000);
    expect(receiver.ids.size).toBe(1);
    child.kill("SIGKILL");
  });

  it("SIGKILL while delivering a burst of 1,000 events: after restart every event id arrives", { timeout: 300_000 }, async () => {
    const COUNT = Number(process.env.FAULT_BURST ?? 1000);
    const { env, receiver, child: first, setup } = await appWithReceiver("faults");
    let child = first;
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
    expect(last).toEqual({ SUCCEEDED: COUNT, failedAttempts: 0, undispatched: 0 });
    expect(receiver.requests()).toBeGreaterThanOrEqual(COUNT); // at least once: a few may arrive twice
    child.kill("SIGKILL");
  });

  it("SIGKILL right after single-event actions commit, inside the dispatch lag: the restarted app hands them over at startup", { timeout: 240_000 }, async () => {
    const COUNT = 300;
    const { env, receiver, child: first, setup } = await appWithReceiver("faults-lag");
    let child = first;
    // The actions answer once committed; the kill follows at once, before the last hand-offs.
    expect((await post(env.APP_PORT!, "/emit-singles", { count: COUNT, tenantId: setup.tenantId })).recorded).toBe(COUNT);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    child = await startApp(env, SCRIPT);
    children.push(child);
    const restartedAt = Date.now();
    const { recovered } = await get(env.APP_PORT!, "/recovered");
    expect(recovered, "the kill must land while committed events still wait for their dispatch, and startup must send them").toBeGreaterThan(0);
    // Not the once-a-minute sweep (30 s age): every event arrives and is recorded within 30 s.
    let last: Record<string, number> = {};
    await waitFor("every event id delivered and recorded", async () => {
      last = await status(env.APP_PORT!, setup.tenantId);
      return receiver.ids.size === COUNT && last.SUCCEEDED === COUNT && last.undispatched === 0 ? last : null;
    }, 30_000).catch((e: Error) => {
      throw new Error(`${e.message}: receiver has ${receiver.ids.size}/${COUNT} (recovered at startup ${String(recovered)}), ${JSON.stringify(last)}`);
    });
    expect(Date.now() - restartedAt).toBeLessThan(30_000);
    expect(last).toEqual({ SUCCEEDED: COUNT, failedAttempts: 0, undispatched: 0 });
    child.kill("SIGKILL");
  });
});
