import { createHmac, randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, generateWebhookToken, isStandardSecret, secretProblem } from "@/server/webhooks/secrets";
import { signDelivery, type SigningKeys } from "@/server/webhooks/signing";
import { TEST_VECTOR } from "@/server/webhooks/test-vectors";
import { newKeys, newMessage } from "./support/fixtures";

const hex = (secret: string, body: Buffer | string) => createHmac("sha256", secret).update(body).digest("hex");

describe("secrets", () => {
  it("generates whsec_ secrets of 32 random bytes and separate tokens", () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(a).not.toBe(generateSigningSecret());
    expect(isStandardSecret(a)).toBe(true);
    const t = generateWebhookToken();
    expect(t).toMatch(/^whtok_[A-Za-z0-9_-]{32}$/);
    expect(secretProblem(a)).toBeNull();
    expect(secretProblem("whsec_corto")).toMatch(/base64/);
    expect(secretProblem("legacy-secret-1234567")).toBeNull();
    expect(secretProblem("secreto con espacios y ñ")).toMatch(/ASCII/);
  });
});

describe("signDelivery", () => {
  it("reproduces the published test vectors", () => {
    const v = TEST_VECTOR;
    const headers = signDelivery({
      messageId: v.messageId,
      eventType: v.eventType,
      attempt: v.attempt,
      body: Buffer.from(v.body),
      keys: { current: { secret: v.secret, token: v.token } },
      now: new Date(v.now),
    });
    expect(headers).toEqual({
      "content-type": "application/json",
      "user-agent": "Contaflow-Webhooks/1",
      "x-webhook-token": v.token,
      "x-signature": v.xSignature,
      "x-request-id": v.messageId,
      "x-timestamp": v.xTimestamp,
      "x-webhook-event": v.eventType,
      "x-webhook-attempt": "1",
      "webhook-id": v.messageId,
      "webhook-timestamp": v.webhookTimestamp,
      "webhook-signature": v.webhookSignature,
    });
  });

  it("derives both families from one id and one clock read", () => {
    const keys = newKeys();
    const msg = newMessage();
    const now = new Date("2026-03-01T12:00:00.789Z");
    const h = signDelivery({ messageId: msg.id, eventType: msg.type, attempt: 2, body: msg.body, keys, now });
    expect(h["webhook-id"]).toBe(h["x-request-id"]);
    expect(h["webhook-timestamp"]).toBe(String(Math.floor(now.getTime() / 1000)));
    expect(h["x-timestamp"]).toBe("2026-03-01T12:00:00.000Z");
    expect(h["x-webhook-attempt"]).toBe("2");
    expect(h["x-signature"]).toBe(hex(keys.current.secret, msg.body));
  });

  it("signs with both secrets during a rotation's grace period, and the contract headers keep the previous one", () => {
    const previous = { secret: generateSigningSecret(), token: generateWebhookToken() };
    const current = { secret: generateSigningSecret(), token: generateWebhookToken() };
    const until = new Date(Date.now() + 3_600_000);
    const keys: SigningKeys = { current, retired: [{ ...previous, until }], contract: { ...previous, until } };
    const msg = newMessage();
    const h = signDelivery({ messageId: msg.id, eventType: msg.type, attempt: 1, body: msg.body, keys });
    const raw = msg.body.toString();

    expect(h["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(current.secret).verify(raw, h)).toEqual(msg.event);
    expect(new Webhook(previous.secret).verify(raw, h)).toEqual(msg.event);
    expect(h["x-signature"]).toBe(hex(previous.secret, msg.body));
    expect(h["x-webhook-token"]).toBe(previous.token);

    // Grace over: one signature, contract headers switch to the current credentials.
    const after = signDelivery({ messageId: msg.id, eventType: msg.type, attempt: 2, body: msg.body, keys, now: new Date(Date.now() + 7_200_000) });
    expect(after["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(after["x-signature"]).toBe(hex(current.secret, msg.body));
    expect(after["x-webhook-token"]).toBe(current.token);
    const ts = new Date(Number(after["webhook-timestamp"]) * 1000);
    expect(after["webhook-signature"]).toBe(new Webhook(current.secret).sign(msg.id, ts, raw));
  });

  it("uses an imported legacy secret raw in both families", () => {
    const secret = "legacy-n8n-secret-0123456789";
    const msg = newMessage();
    const h = signDelivery({ messageId: msg.id, eventType: msg.type, attempt: 1, body: msg.body, keys: { current: { secret, token: "t" } } });
    expect(new Webhook(secret, { format: "raw" }).verify(msg.body.toString(), h)).toEqual(msg.event);
    expect(h["x-signature"]).toBe(hex(secret, msg.body));
  });

  it("rejects ids that are not UUIDs (Standard Webhooks forbids '.') and bad attempt numbers", () => {
    const base = { eventType: "sync.failed", body: Buffer.from("{}"), keys: newKeys() };
    expect(() => signDelivery({ ...base, messageId: "msg.1", attempt: 1 })).toThrow(/UUID/);
    expect(() => signDelivery({ ...base, messageId: randomUUID(), attempt: 0 })).toThrow(/attempt/);
  });
});
