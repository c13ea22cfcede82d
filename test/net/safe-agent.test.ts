import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOutboundAllowlist, STRICT_POLICY } from "@/server/net/outbound-policy";
import { createSafeAgent, guardedLookup, SSRF_ERROR_CODE } from "@/server/net/safe-agent";
import type { Resolver } from "@/server/net/ssrf";
import { startReceiver, type Receiver } from "../webhooks/support/receiver";

let receiver: Receiver;
beforeAll(async () => {
  // Connection: close forces a new connection, hence a new lookup, per request.
  receiver = await startReceiver((_req, res) => res.writeHead(200, { connection: "close" }).end("ok"));
});
afterAll(() => receiver.close());

describe("guarded connections", () => {
  it("pins the checked DNS answer, so a rebinding resolver cannot switch the address", async () => {
    const calls: string[] = [];
    // First answer is the allow-listed receiver; every later one is another (refused) address.
    const rebinding: Resolver = async (host) => {
      calls.push(host);
      return [{ address: calls.length === 1 ? "127.0.0.1" : "127.0.0.2", family: 4 }];
    };
    const agent = createSafeAgent({ policy: parseOutboundAllowlist("127.0.0.1/32"), resolver: rebinding, pinTtlMs: 300 });
    const url = `http://rebind.test:${receiver.port}/hook`;

    for (let i = 0; i < 3; i++) {
      const res = await request(url, { method: "POST", body: "{}", dispatcher: agent });
      expect(res.statusCode).toBe(200);
      await res.body.text();
    }
    expect(calls).toEqual(["rebind.test"]); // three connections, one resolution: pinned
    const connections = receiver.connections;

    await new Promise((r) => setTimeout(r, 350)); // pin expired: the new answer is checked again
    const err = await request(url, { method: "POST", body: "{}", dispatcher: agent }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: SSRF_ERROR_CODE, message: "La URL apunta a la propia máquina (loopback) (127.0.0.0/8); no está permitido." });
    expect(receiver.connections).toBe(connections);
    await agent.close();
  });

  it("checks IP literals before any socket exists", async () => {
    const agent = createSafeAgent({ policy: STRICT_POLICY });
    const before = receiver.connections;
    const err = await request(`http://127.0.0.1:${receiver.port}/hook`, { method: "POST", body: "{}", dispatcher: agent }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: SSRF_ERROR_CODE });
    expect(receiver.connections).toBe(before);
    await agent.close();
  });

  it("answers net's lookup contract (single, all, family) and fails closed", async () => {
    const lookup = guardedLookup({
      policy: parseOutboundAllowlist("127.0.0.1 ::1"),
      resolver: async () => [
        { address: "127.0.0.1", family: 4 },
        { address: "::1", family: 6 },
      ],
    });
    const call = (options: object) =>
      new Promise<unknown[]>((resolve) => lookup("dual.test", options, (...args: unknown[]) => resolve(args)));
    expect(await call({})).toEqual([null, "127.0.0.1", 4]);
    expect(await call({ family: 6 })).toEqual([null, "::1", 6]);
    expect(await call({ all: true })).toEqual([null, [{ address: "127.0.0.1", family: 4 }, { address: "::1", family: 6 }]]);

    const strict = guardedLookup({ policy: STRICT_POLICY, resolver: async () => [{ address: "192.168.0.10", family: 4 }] });
    const [err] = await new Promise<unknown[]>((resolve) => strict("nas.test", {}, (...args: unknown[]) => resolve(args)));
    expect(err).toMatchObject({ code: SSRF_ERROR_CODE, message: "La URL apunta a una red privada (192.168.0.0/16); no está permitido." });
  });
});
