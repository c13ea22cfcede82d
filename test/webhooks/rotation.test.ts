/**
 * Secret rotation against a real receiver that verifies both signature families (issue 24 §1):
 * with «cambiar ya» a receiver that saves the new secret at rotation verifies every delivery;
 * with «seguir firmando con el secreto anterior hasta …» one that keeps the old secret does until
 * the stated switch time; a second rotation within the grace keeps the first old secret; no grace
 * retires the old secret at once. Real PostgreSQL/PGlite, real HTTP, the `standardwebhooks` package.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvent } from "@/server/events/outbox";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvent } from "@/server/webhooks/delivery/fan-out";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "./support/receiver";
import { startVerifyingReceiver } from "./support/verifying-receiver";

let owner: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(() => Promise.all(receivers.map((r) => r.close())));

async function deliverOne(): Promise<void> {
  const event = await recordDomainEvent(db(), tenantId, createDomainEvent("document.failed", { documentoId: "doc_rot", error: "ilegible" }));
  for (const d of await fanOutDomainEvent(event.id)) await attemptDelivery(d.deliveryId, 1);
}

async function freshEndpoint(url: string) {
  await db().webhookEndpoint.deleteMany({ where: { tenantId } });
  return callerFor(owner, tenantId).webhooks.create({ url, eventTypes: ["document.failed"] });
}

describe("rotation", () => {
  it("«cambiar ya»: a receiver that saves the new secret at rotation verifies every delivery in both families", async () => {
    const r = await startVerifyingReceiver({ secret: "", token: "" });
    receivers.push(r.receiver);
    const created = await freshEndpoint(r.receiver.url);
    r.save(created);
    await deliverOne();

    const rotated = await callerFor(owner, tenantId).webhooks.rotateSecret({ id: created.endpoint.id, graceHours: 24, contractHeaders: "switch-now" });
    r.save(rotated);
    await deliverOne();
    await deliverOne();

    expect(r.verdicts).toHaveLength(3);
    expect(r.verdicts.every((v) => v.standard && v.contract)).toBe(true);
    // The switch time the UI shows: now (the seed-scheme headers switched at rotation).
    expect(rotated.endpoint.contractSwitchAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(rotated.endpoint.rotationEndsAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    // Standard Webhooks receivers that still hold the old secret keep verifying during the grace.
    const last = r.receiver.requests.at(-1)!;
    expect(last.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(created.secret).verify(last.body.toString(), last.headers)).toMatchObject({ type: "document.failed" });
  });

  it("«seguir firmando con el secreto anterior hasta …»: the seed headers keep the old credentials until the stated instant", async () => {
    const r = await startVerifyingReceiver({ secret: "", token: "" });
    receivers.push(r.receiver);
    const created = await freshEndpoint(r.receiver.url);
    r.save(created);
    const rotated = await callerFor(owner, tenantId).webhooks.rotateSecret({ id: created.endpoint.id, graceHours: 6, contractHeaders: "keep-previous" });
    await deliverOne(); // the receiver has not updated anything yet: still verifies
    expect(r.verdicts.at(-1)).toMatchObject({ standard: true, contract: true });
    const switchAt = rotated.endpoint.contractSwitchAt!;
    expect(Math.abs(switchAt.getTime() - (Date.now() + 6 * 3_600_000))).toBeLessThan(60_000);
    expect(rotated.endpoint.rotationEndsAt).toEqual(switchAt);

    // Past the switch instant the seed headers carry the new credentials.
    await db().webhookEndpoint.update({ where: { id: created.endpoint.id }, data: { contractKeysUntil: new Date(Date.now() - 1) } });
    r.save(rotated);
    await deliverOne();
    expect(r.verdicts.at(-1)).toMatchObject({ standard: true, contract: true });
  });

  it("a second rotation within the grace keeps the first old secret valid until its own end", async () => {
    const plain = await startReceiver();
    receivers.push(plain);
    const first = await freshEndpoint(plain.url);
    const caller = callerFor(owner, tenantId);
    const second = await caller.webhooks.rotateSecret({ id: first.endpoint.id, graceHours: 72, contractHeaders: "switch-now" });
    const third = await caller.webhooks.rotateSecret({ id: first.endpoint.id, graceHours: 1, contractHeaders: "switch-now" });
    await deliverOne();
    const req = plain.requests.at(-1)!;
    expect(req.headers["webhook-signature"]!.split(" ")).toHaveLength(3);
    for (const secret of [first.secret, second.secret, third.secret]) {
      expect(new Webhook(secret).verify(req.body.toString(), req.headers)).toMatchObject({ type: "document.failed" });
    }
    // The detail shows the latest instant any old secret still signs: the first one's 72 h.
    expect(third.endpoint.rotationEndsAt!.getTime() - Date.now()).toBeGreaterThan(71.9 * 3_600_000);
  });

  it("no grace retires the old secret at once; keeping the seed headers on it is refused clearly", async () => {
    const plain = await startReceiver();
    receivers.push(plain);
    const first = await freshEndpoint(plain.url);
    const caller = callerFor(owner, tenantId);
    await expect(caller.webhooks.rotateSecret({ id: first.endpoint.id, graceHours: 0, contractHeaders: "keep-previous" })).rejects.toMatchObject({
      message: expect.stringContaining("cambiar ya"),
    });
    const rotated = await caller.webhooks.rotateSecret({ id: first.endpoint.id, graceHours: 0, contractHeaders: "switch-now" });
    expect(rotated.endpoint.rotationEndsAt).toBeNull();
    await deliverOne();
    const req = plain.requests.at(-1)!;
    expect(req.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(() => new Webhook(first.secret).verify(req.body.toString(), req.headers)).toThrow();
    expect(new Webhook(rotated.secret).verify(req.body.toString(), req.headers)).toMatchObject({ type: "document.failed" });
    // Never returned again after the rotation.
    expect(JSON.stringify(await caller.webhooks.get({ id: first.endpoint.id }))).not.toContain(rotated.secret.slice(6));
  });

  it("«retirarlo ya» after an earlier rotation still in its grace retires every old secret: a leaked one from before cannot linger", async () => {
    const plain = await startReceiver();
    receivers.push(plain);
    const first = await freshEndpoint(plain.url);
    const caller = callerFor(owner, tenantId);
    const second = await caller.webhooks.rotateSecret({ id: first.endpoint.id, graceHours: 168, contractHeaders: "keep-previous" });
    expect(second.endpoint.rotationEndsAt).not.toBeNull();
    // The first secret turns out to have leaked: rotate again with no grace.
    const third = await caller.webhooks.rotateSecret({ id: first.endpoint.id, graceHours: 0, contractHeaders: "switch-now" });
    expect(third.endpoint.rotationEndsAt).toBeNull();
    await deliverOne();
    const req = plain.requests.at(-1)!;
    expect(req.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    for (const old of [first, second]) {
      expect(() => new Webhook(old.secret).verify(req.body.toString(), req.headers)).toThrow();
      expect(req.headers["x-webhook-token"]).not.toBe(old.token);
    }
    expect(new Webhook(third.secret).verify(req.body.toString(), req.headers)).toMatchObject({ type: "document.failed" });
    expect(req.headers["x-webhook-token"]).toBe(third.token);
  });
});
