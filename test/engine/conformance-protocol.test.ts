/**
 * Protocol and limits (issue 23, part A), with the real SDK over real HTTP: step.fetch, the step
 * tools the engine refuses, Inngest Cloud's payload limits, the event key, signed replies, a
 * non-JSON 200, past-Date timeouts and function.cancelled's error.
 * Matrix tags: [matrix:tool|option:<name>:supported|refused] (scripts/engine-matrix.ts).
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { localSigningKey } from "~/inngest/embedded/config";
import { hashedSigningKey } from "~/inngest/embedded/signing";
import { runFor, startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;
let receiver: Server;
let receiverUrl = "";
const hits = { bigOutput: 0 };

function functions(client: Inngest) {
  return [
    client.createFunction({ id: "fetcher", triggers: [{ event: "t/fetch" }] }, async ({ step }) => {
      const res = await step.fetch(`${receiverUrl}/echo?x=1`, { method: "POST", headers: { "x-test": "sí" }, body: JSON.stringify({ hola: "mundo" }) });
      const body = (await res.json()) as Record<string, unknown>;
      let blocked = "";
      try {
        await step.fetch("http://169.254.169.254/latest/meta-data/");
      } catch (e) {
        blocked = (e as Error).message;
      }
      return { status: res.status, header: res.headers.get("x-echo"), body, blocked };
    }),
    client.createFunction({ id: "ai-infer", triggers: [{ event: "t/ai" }] }, async ({ step }) => {
      try {
        await step.ai.infer("ask", { model: step.ai.models.openai({ model: "gpt-4o-mini", apiKey: "sk-test" }), body: { messages: [{ role: "user", content: "hola" }] } });
        return "no debió seguir";
      } catch (e) {
        return (e as Error).message;
      }
    }),
    client.createFunction({ id: "signal", triggers: [{ event: "t/signal" }] }, async ({ step }) => {
      try {
        await step.waitForSignal("wait-signal", { signal: "s-1", timeout: "1m", onConflict: "fail" });
        return "no debió seguir";
      } catch (e) {
        return (e as Error).message;
      }
    }),
    client.createFunction({ id: "publish", triggers: [{ event: "t/publish" }], retries: 0 }, async ({ step }) => {
      try {
        await step.realtime.publish("pub", { topic: "t", channel: "c", config: {} } as never, { n: 1 } as never);
        return "no debió seguir";
      } catch (e) {
        return (e as Error).message;
      }
    }),
    client.createFunction({ id: "big-output", triggers: [{ event: "t/big" }], retries: 0 }, async ({ step }) => {
      try {
        await step.run("big", () => {
          hits.bigOutput++;
          return "x".repeat(5 * 1024 * 1024);
        });
        return "no debió seguir";
      } catch (e) {
        return (e as Error).message;
      }
    }),
    client.createFunction({ id: "past-timeout", triggers: [{ event: "t/past" }] }, async ({ step }) => {
      const started = Date.now();
      const got = await step.waitForEvent("never", { event: "t/never-comes", timeout: new Date(Date.now() - 60_000) });
      return { got, waitedMs: Date.now() - started };
    }),
    client.createFunction({ id: "to-cancel", triggers: [{ event: "t/to-cancel" }], cancelOn: [{ event: "t/cancel-it", match: "data.k" }] }, async ({ step }) => {
      await step.sleep("long", "1h");
    }),
    client.createFunction({ id: "on-cancelled", triggers: [{ event: "inngest/function.cancelled", if: "event.data.function_id == 'conformance-to-cancel'" }] }, async ({ event }) => (event.data as { error?: unknown }).error ?? null),
  ];
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      res.writeHead(201, { "content-type": "application/json", "x-echo": "ok" });
      res.end(JSON.stringify({ method: req.method, url: req.url, header: req.headers["x-test"], body: JSON.parse(body || "null") }));
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // The SSRF guard blocks loopback; this test's receiver is the one allowed exception.
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  harness = await startHarness(functions);
});
afterAll(async () => {
  await harness.stop();
  await new Promise<void>((r) => receiver.close(() => r()));
  delete process.env.OUTBOUND_ALLOWLIST;
  resetEnvCache();
});

const outputOf = async (slug: string) => (await runFor(slug)).output;

describe("step tools", () => {
  it("step.fetch: the engine makes the request through the SSRF guard and returns it as the step's Response [matrix:tool:step.fetch:supported]", async () => {
    await harness.client.send({ name: "t/fetch", data: {} });
    const run = await runFor("fetcher");
    expect(run.status).toBe("COMPLETED");
    expect(run.output).toMatchObject({ status: 201, header: "ok", body: { method: "POST", url: "/echo?x=1", header: "sí", body: { hola: "mundo" } } });
    expect((run.output as { blocked: string }).blocked).toMatch(/169\.254\.169\.254/);
  });

  it("step.ai.infer fails at once with a clear, non-retriable error [matrix:tool:step.ai.infer:refused]", async () => {
    await harness.client.send({ name: "t/ai", data: {} });
    expect(await outputOf("ai-infer")).toMatch(/step\.ai\.infer no está soportado por el motor embebido/);
  });

  it("step.waitForSignal fails at once with a clear error [matrix:tool:step.waitForSignal:refused]", async () => {
    await harness.client.send({ name: "t/signal", data: {} });
    expect(await outputOf("signal")).toMatch(/step\.waitForSignal no está soportado/);
  });

  it("step.realtime.publish fails with a clear error [matrix:tool:step.realtime.publish:refused]", async () => {
    await harness.client.send({ name: "t/publish", data: {} });
    expect(await outputOf("publish")).toMatch(/realtime publish is not supported by the Contaflow embedded engine/);
  });
});

describe("Inngest Cloud's limits", () => {
  it("a step output over 4 MiB fails the step as in Cloud [matrix:limit:step-output-4MiB:supported]", async () => {
    await harness.client.send({ name: "t/big", data: {} });
    expect(await outputOf("big-output")).toMatch(/step output size is greater than the limit/);
    expect(hits.bigOutput).toBe(1);
  });

  it("an event over 256 KiB, a name over 256 characters or more than 5,000 events are refused [matrix:limit:event-256KiB:supported]", async () => {
    await expect(harness.client.send({ name: "t/huge", data: { blob: "x".repeat(300 * 1024) } })).rejects.toThrow(/Event payload too large/);
    const post = (body: unknown) => fetch(`http://127.0.0.1:${harness.engine.port}/e/${harness.eventKey}`, { method: "POST", body: JSON.stringify(body) });
    expect((await post({ name: "x".repeat(257), data: {} })).status).toBe(400);
    expect((await post(Array.from({ length: 5_001 }, () => ({ name: "t/many" })))).status).toBe(400);
    expect(await db().engineEvent.count({ where: { name: { in: ["t/huge", "t/many"] } } })).toBe(0);
  });
});

describe("Event API and replies", () => {
  it("requires the event key generated for this data folder [matrix:protocol:event-key:supported]", async () => {
    for (const key of ["embedded", "otra-clave", `${harness.eventKey}x`]) {
      const res = await fetch(`http://127.0.0.1:${harness.engine.port}/e/${key}`, { method: "POST", body: JSON.stringify({ name: "t/fetch" }) });
      expect(res.status).toBe(401);
    }
    expect(harness.eventKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it("an unsigned reply or a non-JSON 200 fails the run instead of completing it [matrix:protocol:signed-replies:supported]", async () => {
    // A stand-in for the app at another address: answers 200 without a signature, or signed but not JSON.
    const fake = createServer((req, res) => {
      const mode = new URL(req.url ?? "/", "http://x").searchParams.get("fnId");
      if (mode === "fake-unsigned") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ ok: true }));
      }
      const text = "<html>hola</html>";
      const t = String(Math.floor(Date.now() / 1000));
      const s = createHmac("sha256", localSigningKey().replace(/^signkey-\w+-/, "")).update(text + t).digest("hex");
      res.writeHead(200, { "content-type": "text/html", "x-inngest-signature": `t=${t}&s=${s}` });
      res.end(text);
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/api/inngest`;
    const serveUrl = process.env.INNGEST_SERVE_URL;
    process.env.INNGEST_SERVE_URL = base;
    try {
      const fn = (id: string) => ({ id, name: id, triggers: [{ event: `t/${id}` }], steps: { step: { id: "step", name: "step", runtime: { type: "http", url: `${base}?fnId=${id}&stepId=step` }, retries: { attempts: 0 } } } });
      const reg = await fetch(`http://127.0.0.1:${harness.engine.port}/fn/register`, {
        method: "POST",
        headers: { authorization: `Bearer ${hashedSigningKey(localSigningKey())}` },
        body: JSON.stringify({ appName: "fake", functions: [fn("fake-unsigned"), fn("fake-html")] }),
      });
      expect(reg.status).toBe(200);
      await harness.client.send([{ name: "t/fake-unsigned" }, { name: "t/fake-html" }]);
      const wait = async (id: string) => {
        for (let i = 0; i < 200; i++) {
          const run = await db().engineRun.findFirst({ where: { functionId: id, status: { not: "RUNNING" } } });
          if (run) return run;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`${id} did not finish`);
      };
      const unsigned = await wait("fake-unsigned");
      expect(unsigned.status).toBe("FAILED");
      expect(JSON.stringify(unsigned.error)).toMatch(/firma X-Inngest-Signature/);
      const html = await wait("fake-html");
      expect(html.status).toBe("FAILED");
      expect(JSON.stringify(html.error)).toMatch(/no es JSON/);
    } finally {
      process.env.INNGEST_SERVE_URL = serveUrl;
      await new Promise<void>((r) => fake.close(() => r()));
    }
  });
});

describe("edge cases", () => {
  it("waitForEvent with a past Date as timeout times out at once [matrix:edge:past-date-timeout:supported]", async () => {
    await harness.client.send({ name: "t/past", data: {} });
    const run = await runFor("past-timeout", () => true, 5_000);
    expect(run.output).toMatchObject({ got: null });
  });

  it("inngest/function.cancelled carries data.error as Inngest documents it [matrix:edge:function.cancelled-error:supported]", async () => {
    await harness.client.send({ name: "t/to-cancel", data: { k: "a" } });
    const sleeping = async () => {
      const runs = await db().engineRun.findMany({ where: { functionId: "conformance-to-cancel" }, select: { id: true } });
      return db().engineWait.count({ where: { kind: "SLEEP", runId: { in: runs.map((r) => r.id) } } });
    };
    while ((await sleeping()) === 0) await new Promise((r) => setTimeout(r, 50));
    await harness.client.send({ name: "t/cancel-it", data: { k: "a" } });
    expect(await outputOf("on-cancelled")).toEqual({ error: "function cancelled", message: "function cancelled", name: "Error" });
  });
});
