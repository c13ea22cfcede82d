import { describe, expect, it } from "vitest";
import { generateSigningSecret, generateWebhookToken } from "@/server/webhooks/secrets";
import { signDelivery, type SigningKeys } from "@/server/webhooks/signing";
import { TEST_VECTOR } from "@/server/webhooks/test-vectors";
import { checkSignature, type CheckInput } from "@/server/webhooks/verify";
import { newKeys, newMessage } from "./support/fixtures";

const NOW = new Date("2026-03-01T12:00:00.000Z");

function captured(keys: SigningKeys = newKeys(), signedAt = NOW) {
  const msg = newMessage();
  const headers = signDelivery({ messageId: msg.id, eventType: msg.type, attempt: 1, body: msg.body, keys, now: signedAt });
  return { keys, msg, headers, body: msg.body.toString() };
}

function check(c: ReturnType<typeof captured>, over: Partial<CheckInput> = {}) {
  return checkSignature({ headers: c.headers, body: c.body, secret: c.keys.current.secret, token: c.keys.current.token, now: NOW, ...over });
}

describe("signature checker", () => {
  it("accepts an untouched request in both families", () => {
    const r = check(captured());
    expect(r).toMatchObject({ ok: true, reason: null, standard: { ok: true }, contract: { ok: true } });
  });

  it("verifies the published test vector pasted as a raw header block", () => {
    const v = TEST_VECTOR;
    const headers = [
      "POST /webhooks/contaflow HTTP/1.1",
      "Content-Type: application/json",
      `X-Webhook-Token: ${v.token}`,
      `X-Signature: ${v.xSignature}`,
      `X-Request-Id: ${v.messageId}`,
      `X-Timestamp: ${v.xTimestamp}`,
      `webhook-id: ${v.messageId}`,
      `webhook-timestamp: ${v.webhookTimestamp}`,
      `webhook-signature: ${v.webhookSignature}`,
    ].join("\r\n");
    expect(checkSignature({ headers, body: v.body, secret: v.secret, now: new Date(v.now) }).ok).toBe(true);
  });

  it("says the timestamp is outside the tolerance (301 s old) only after the signature matched", () => {
    const r = check(captured(newKeys(), new Date(NOW.getTime() - 301_000)));
    expect(r.reason).toBe("TIMESTAMP_TOO_OLD");
    expect(r.standard).toMatchObject({ ok: false, reason: "TIMESTAMP_TOO_OLD" });
    expect(r.contract).toMatchObject({ ok: false, reason: "TIMESTAMP_TOO_OLD" });
    expect(r.message).toContain("301 s");
    expect(check(captured(newKeys(), new Date(NOW.getTime() + 400_000))).reason).toBe("TIMESTAMP_TOO_NEW");
    expect(check(captured(newKeys(), new Date(NOW.getTime() - 299_000))).ok).toBe(true);
  });

  it("detects a re-serialized body (pretty-printed JSON, trailing newline)", () => {
    const c = captured();
    const pretty = check(c, { body: JSON.stringify(JSON.parse(c.body), null, 2) });
    expect(pretty).toMatchObject({ reason: "BODY_RESERIALIZED", standard: { reason: "BODY_RESERIALIZED" }, contract: { reason: "BODY_RESERIALIZED" } });
    expect(pretty.message).toContain("cuerpo crudo");
    expect(check(c, { body: c.body + "\n" }).reason).toBe("BODY_RESERIALIZED");
  });

  it("tells a wrong secret from an edited body when the original body is known", () => {
    const c = captured();
    expect(check(c, { secret: generateSigningSecret() }).reason).toBe("WRONG_SECRET");
    const edited = c.body.replace("12500.5", "99999.5");
    const r = check(c, { body: edited, originalBody: c.msg.body });
    expect(r.reason).toBe("BODY_MODIFIED");
    expect(r.message).toMatch(/byte \d+/);
    // Same edited body with the original unknown: still minified JSON, so it points at the secret.
    expect(check(c, { body: edited }).reason).toBe("WRONG_SECRET");
    // Not minified and no formatting variant matches: changed.
    expect(check(c, { body: JSON.stringify(JSON.parse(edited), null, 1) }).reason).toBe("BODY_MODIFIED");
  });

  it("names missing headers and malformed values", () => {
    const c = captured();
    const noSw = { ...c.headers } as Record<string, string>;
    delete noSw["webhook-signature"];
    delete noSw["webhook-id"];
    const r = check(c, { headers: noSw });
    expect(r).toMatchObject({ reason: "MISSING_HEADER", contract: { ok: true } });
    expect(r.message).toBe("Faltan encabezados: webhook-id, webhook-signature.");

    const ms = check(c, { headers: { ...c.headers, "webhook-timestamp": String(NOW.getTime()) } });
    expect(ms).toMatchObject({ reason: "MALFORMED_HEADER" });
    expect(ms.message).toContain("milisegundos");
    expect(check(c, { headers: { ...c.headers, "webhook-signature": c.headers["x-signature"]! } }).reason).toBe("MALFORMED_HEADER");
    expect(check(c, { headers: { ...c.headers, "x-signature": `sha256=${c.headers["x-signature"]}` } }).contract).toMatchObject({ reason: "MALFORMED_HEADER" });
  });

  it("recognises the token pasted as the secret and a truncated whsec_ secret", () => {
    const c = captured();
    expect(check(c, { secret: c.keys.current.token }).reason).toBe("SECRET_IS_TOKEN");
    expect(check(c, { secret: c.keys.current.secret.slice(0, 20) }).reason).toBe("SECRET_MALFORMED");
  });

  it("spots altered id/timestamp headers when the body-only signature still verifies", () => {
    const c = captured();
    const r = check(c, { headers: { ...c.headers, "webhook-id": crypto.randomUUID() } });
    expect(r).toMatchObject({ reason: "HEADERS_MODIFIED", contract: { ok: true } });
  });

  it("explains the contract headers during a rotation and checks the token", () => {
    const previous = { secret: generateSigningSecret(), token: generateWebhookToken() };
    const keys: SigningKeys = { current: { secret: generateSigningSecret(), token: generateWebhookToken() }, retired: [{ ...previous, until: new Date(NOW.getTime() + 3_600_000) }], contract: { ...previous, until: new Date(NOW.getTime() + 3_600_000) } };
    const c = captured(keys);
    const withNew = check(c);
    expect(withNew.standard.ok).toBe(true);
    expect(withNew.contract).toMatchObject({ ok: false, reason: "ROTATION_PREVIOUS_SECRET" });
    expect(check(c, { secret: previous.secret, token: previous.token }).ok).toBe(true);
    expect(check(c, { secret: previous.secret, token: "otro" }).contract).toMatchObject({ reason: "TOKEN_MISMATCH" });
  });
});
