/**
 * Sync-time validation (issue 23, part A): every function config is checked when the app syncs;
 * an invalid one is refused with its reason (sync answer and "Ejecuciones"), and never affects
 * the other functions — their events and crons keep running.
 * Matrix tags: [matrix:option:<name>:supported|refused] (scripts/engine-matrix.ts reads them).
 */
import type { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { localSigningKey } from "~/inngest/embedded/config";
import { hashedSigningKey } from "~/inngest/embedded/signing";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { runFor, startHarness } from "./harness";

let harness: Awaited<ReturnType<typeof startHarness>>;
const bad = (o: Record<string, unknown>) => o as never;

function functions(client: Inngest) {
  const ok = async () => "ok";
  return [
    client.createFunction({ id: "reg-ok", triggers: [{ event: "t/reg" }] }, ok),
    client.createFunction({ id: "reg-cron", triggers: [{ cron: "* * * * * *" }] }, async ({ event }) => event.ts),
    client.createFunction({ id: "reg-bad-cel", triggers: [{ event: "t/reg", if: "event.data.amount >" }] }, ok),
    client.createFunction({ id: "reg-bad-tz", triggers: [{ cron: "TZ=Mars/Olympus * * * * *" }] }, ok),
    client.createFunction({ id: "reg-bad-cron", triggers: [{ cron: "cada tanto" }] }, ok),
    client.createFunction(bad({ id: "reg-bad-duration", triggers: [{ event: "t/reg" }], debounce: { period: "soon" } }), ok),
    client.createFunction(bad({ id: "reg-bad-limit", triggers: [{ event: "t/reg" }], concurrency: { limit: -1 } }), ok),
    client.createFunction(bad({ id: "reg-bad-cancel", triggers: [{ event: "t/reg" }], cancelOn: [{ event: "t/x", if: "async.data.id ==" }] }), ok),
    client.createFunction(bad({ id: "reg-bad-retries", triggers: [{ event: "t/reg" }], retries: 50 }), ok),
    client.createFunction(bad({ id: "reg-bad-throttle", triggers: [{ event: "t/reg" }], throttle: { limit: 0, period: "1s" } }), ok),
    client.createFunction(bad({ id: "reg-bad-singleton", triggers: [{ event: "t/reg" }], singleton: { mode: "sometimes" } }), ok),
    client.createFunction(bad({ id: "reg-bad-jitter", triggers: [{ cron: "* * * * *", jitter: "10s" }] }), ok),
    client.createFunction(bad({ id: "reg-bad-key", triggers: [{ event: "t/reg" }], concurrency: [{ limit: 1, key: "event.data." }] }), ok),
  ];
}

const REFUSED: Record<string, RegExp> = {
  "conformance-reg-bad-cel": /triggers\[0\]\.if: expresión CEL inválida "event\.data\.amount >"/,
  "conformance-reg-bad-tz": /zona horaria desconocida "Mars\/Olympus"/,
  "conformance-reg-bad-cron": /cron inválido "cada tanto"/,
  "conformance-reg-bad-duration": /debounce\.period: duración inválida "soon"/,
  "conformance-reg-bad-limit": /concurrency\.limit: debe ser un entero entre 0 y 100000 \(recibido -1\)/,
  "conformance-reg-bad-cancel": /cancelOn\[0\]\.if: expresión CEL inválida/,
  "conformance-reg-bad-retries": /retries: debe ser un entero entre 0 y 20 \(recibido 50\)/,
  "conformance-reg-bad-throttle": /throttle\.limit: debe ser un entero entre 1/,
  "conformance-reg-bad-singleton": /singleton\.mode: debe ser "skip" o "cancel"/,
  "conformance-reg-bad-jitter": /jitter de cron no está soportado/,
  "conformance-reg-bad-key": /concurrency\[0\]\.key: expresión CEL inválida/,
};

beforeAll(async () => {
  harness = await startHarness(functions);
});
afterAll(() => harness.stop());

async function register(functions: unknown[]) {
  const res = await fetch(`http://127.0.0.1:${harness.engine.port}/fn/register`, {
    method: "POST",
    headers: { authorization: `Bearer ${hashedSigningKey(localSigningKey())}`, "content-type": "application/json" },
    body: JSON.stringify({ appName: "raw", url: "http://127.0.0.1:1/api/inngest", functions }),
  });
  return { status: res.status, body: (await res.json()) as { status?: number; error?: string; refused?: { id: string; reason: string }[] } };
}

describe("sync-time validation", () => {
  it("refuses each invalid function with its reason and registers the valid ones [matrix:option:triggers.if:supported] [matrix:option:triggers.cron:supported] [matrix:option:triggers.jitter:refused]", async () => {
    const registered = (await db().engineFunction.findMany()).map((f) => f.id).sort();
    expect(registered).toEqual(["conformance-reg-cron", "conformance-reg-ok"]);
    const refused = await db().engineRefusedFunction.findMany();
    expect(refused.map((r) => r.id).sort()).toEqual(Object.keys(REFUSED).sort());
    for (const r of refused) expect(r.reason).toMatch(REFUSED[r.id]!);

    // The sync answer (the app's PUT, as `inngest` CLI or a deploy hook sees it) names them too.
    const put = await fetch(process.env.INNGEST_SERVE_URL!, { method: "PUT" });
    expect(put.status).toBe(400);
    const { message } = (await put.json()) as { message: string };
    expect(message).toContain("conformance-reg-bad-cel → triggers[0].if: expresión CEL inválida");
    expect(message).toContain("conformance-reg-bad-tz");
  });

  it("the other functions keep running: events start runs and the cron fires every second", async () => {
    const { ids } = await harness.client.send({ name: "t/reg", data: { amount: 5 } });
    const run = await runFor("reg-ok", (r) => (r.event as { id: string }).id === ids[0]);
    expect(run.output).toBe("ok");
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 2_600));
    const fired = await db().engineRun.count({ where: { functionId: "conformance-reg-cron", startedAt: { gte: new Date(since) } } });
    expect(fired).toBeGreaterThanOrEqual(2);
    expect(await db().engineRun.count({ where: { functionId: { startsWith: "conformance-reg-bad" } } })).toBe(0);
  });

  it("a function without steps or without triggers, or with an unknown option, is refused — never a 500 [matrix:option:unknown:refused]", async () => {
    const step = { id: "step", name: "step", runtime: { type: "http", url: "http://127.0.0.1:1/api/inngest?fnId=raw-x&stepId=step" } };
    const { status, body } = await register([
      { id: "raw-no-steps", name: "sin pasos", triggers: [{ event: "t/raw" }] },
      { id: "raw-no-triggers", name: "sin disparadores", steps: { step } },
      { id: "raw-unknown", name: "desconocida", triggers: [{ event: "t/raw" }], steps: { step }, sparkle: true },
      { id: "raw-ws", name: "connect", triggers: [{ event: "t/raw" }], steps: { step: { ...step, runtime: { type: "ws", url: step.runtime.url } } } },
      { id: "raw-ok", name: "bien", triggers: [{ event: "t/raw" }], steps: { step }, throttle: { limit: 1, period: "2s", burst: 1 } },
    ]);
    expect(status).toBe(400);
    expect(body.status).toBe(400);
    expect(Object.fromEntries(body.refused!.map((r) => [r.id, r.reason]))).toEqual({
      "raw-no-steps": "steps: falta (es obligatorio)",
      "raw-no-triggers": "triggers: falta (es obligatorio)",
      "raw-unknown": "sparkle: opción desconocida para el motor embebido",
      "raw-ws": expect.stringContaining("Inngest Connect"),
    });
    expect((await db().engineFunction.findMany({ where: { appId: "raw" } })).map((f) => f.id)).toEqual(["raw-ok"]);
    // The Event API keeps working for everyone.
    const sent = await fetch(`http://127.0.0.1:${harness.engine.port}/e/${encodeURIComponent(harness.eventKey)}`, { method: "POST", body: JSON.stringify({ name: "t/reg", data: {} }) });
    expect(sent.status).toBe(200);
  });

  it("flow-control options are checked for shape and range at sync [matrix:option:throttle.values:supported] [matrix:option:rateLimit.values:supported] [matrix:option:batchEvents.values:supported] [matrix:option:priority.values:supported] [matrix:option:timeouts.values:supported] [matrix:option:singleton.values:supported] [matrix:option:cancel.timeout:supported] [matrix:option:concurrency.scope:supported]", async () => {
    const step = { id: "step", name: "step", runtime: { type: "http", url: "http://127.0.0.1:1/api/inngest?fnId=x&stepId=step" } };
    const fn = (id: string, extra: Record<string, unknown>) => ({ id, name: id, triggers: [{ event: "t/flow" }], steps: { step }, ...extra });
    const good = {
      throttle: { limit: 1, period: "2s", burst: 2, key: "event.data.k" },
      rateLimit: { limit: 1, period: "10s", key: "event.data.k" },
      batchEvents: { maxSize: 3, timeout: "5s", key: "event.data.k", if: "event.data.n > 0" },
      priority: { run: "event.data.vip ? 120 : 0" },
      timeouts: { start: "10s", finish: "1m" },
      singleton: { mode: "skip", key: "event.data.k" },
      cancel: [{ event: "t/stop", timeout: "1h" }],
      concurrency: [{ limit: 1, scope: "account", key: '"global"' }, { limit: 2, key: "event.data.k" }],
    };
    const badValues: Record<string, [unknown, RegExp]> = {
      throttle: [{ limit: 1, period: "-2s" }, /throttle\.period: duración inválida "-2s"/],
      rateLimit: [{ limit: 1, period: "2d" }, /rateLimit\.period: "2d" fuera de rango/],
      batchEvents: [{ maxSize: 1000, timeout: "5s" }, /batchEvents\.maxSize: debe ser un entero entre 1 y 100/],
      priority: [{ run: "event.data.vip ?" }, /priority\.run: expresión CEL inválida/],
      timeouts: [{ start: "pronto" }, /timeouts\.start: duración inválida "pronto"/],
      singleton: [{ mode: "skip", extra: 1 }, /singleton\.extra: opción desconocida/],
      cancel: [[{ event: "t/stop", timeout: "soon" }], /cancelOn\[0\]\.timeout: duración inválida "soon"/],
      concurrency: [[{ limit: 1, scope: "account" }], /concurrency\[0\]\.key: con scope "account" hace falta una clave/],
    };
    const { status, body } = await register([
      ...Object.entries(good).map(([k, v]) => fn(`flow-ok-${k}`, { [k]: v })),
      ...Object.entries(badValues).map(([k, [v]]) => fn(`flow-bad-${k}`, { [k]: v })),
    ]);
    expect(status).toBe(400);
    const reasons = Object.fromEntries(body.refused!.map((r) => [r.id, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(Object.keys(badValues).map((k) => `flow-bad-${k}`).sort());
    for (const [k, [, pattern]] of Object.entries(badValues)) expect(reasons[`flow-bad-${k}`]).toMatch(pattern);
    expect((await db().engineFunction.findMany({ where: { appId: "raw" } })).map((f) => f.id).sort()).toEqual(Object.keys(good).map((k) => `flow-ok-${k}`).sort());
  });

  it("functions stored before validation existed are skipped, not run (an invalid cron never stops the others)", async () => {
    await db().engineFunction.create({
      data: { id: "legacy-bad", appId: "legacy", name: "vieja", url: "http://127.0.0.1:1/", config: { id: "legacy-bad", name: "vieja", triggers: [{ cron: "TZ=Nowhere * * * * * *" }], steps: { step: { runtime: { url: "http://127.0.0.1:1/" } } } } },
    });
    const { loadFunctions } = await import("~/inngest/embedded/registry");
    expect((await loadFunctions(true)).has("legacy-bad")).toBe(false);
    const since = Date.now();
    await new Promise((r) => setTimeout(r, 2_200));
    expect(await db().engineRun.count({ where: { functionId: "conformance-reg-cron", startedAt: { gte: new Date(since) } } })).toBeGreaterThanOrEqual(1);
  });

  it("Ejecuciones lists the refused functions with their reasons", async () => {
    const owner = await createUser();
    const tenant = await createTenantWith(owner);
    const list = await callerFor(owner, tenant.id).runs.list({});
    expect(list.refused.find((r) => r.id === "conformance-reg-bad-cron")?.reason).toMatch(/cron inválido/);
  });
});
