import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSafeAgent } from "@/server/net/safe-agent";
import { parseOutboundAllowlist, STRICT_POLICY } from "@/server/net/outbound-policy";
import { sendAttempt, EXCERPT_BYTES, type AttemptResult } from "@/server/webhooks/attempt";
import { deliverAttempt } from "@/server/webhooks/deliver";
import { classifyNetworkError } from "@/server/webhooks/error-class";
import { nextRetryDelay } from "@/server/webhooks/retry-schedule";
import { signDelivery, type SigningKeys } from "@/server/webhooks/signing";
import { fakeResolver, newKeys, newMessage } from "./support/fixtures";
import { startReceiver, type Receiver, type Received } from "./support/receiver";

const policy = parseOutboundAllowlist("127.0.0.1");
const agent = createSafeAgent({ policy, resolver: fakeResolver({ "receptor.test": ["127.0.0.1"] }) });
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterEach(() => {
  receiver.requests.length = 0;
  receiver.respond = (_req, res) => res.writeHead(204).end();
});
afterAll(async () => {
  await agent.close();
  await receiver.close();
});

function deliver(msg: ReturnType<typeof newMessage>, keys: SigningKeys, attempt = 1, extra: { url?: string; timeoutMs?: number; now?: Date } = {}) {
  return deliverAttempt({ url: extra.url ?? receiver.url, messageId: msg.id, eventType: msg.type, attempt, body: msg.body, keys, dispatcher: agent, ...extra });
}

/** What a receiver does: Standard Webhooks via the library, the contract header by hand. */
function verifyBoth(req: Received, keys: SigningKeys) {
  const raw = req.body.toString("utf8");
  const event = new Webhook(keys.current.secret).verify(raw, req.headers);
  const expectedHex = createHmac("sha256", keys.current.secret).update(req.body).digest("hex");
  expect(req.headers["x-signature"]).toBe(expectedHex);
  expect(req.headers["x-webhook-token"]).toBe(keys.current.token);
  return event;
}

describe("one delivery attempt against a real receiver", () => {
  it("delivers a signed request the receiver verifies with both header families", async () => {
    const keys = newKeys();
    const msg = newMessage();
    const result = await deliver(msg, keys);

    expect(result).toMatchObject({ outcome: "SUCCESS", status: 204, errorClass: null, message: null });
    expect(receiver.requests).toHaveLength(1);
    const req = receiver.requests[0]!;
    expect(verifyBoth(req, keys)).toEqual(msg.event);
    expect(req.body.equals(msg.body)).toBe(true);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["x-request-id"]).toBe(msg.id);
    expect(req.headers["webhook-id"]).toBe(msg.id);
    expect(req.headers["x-webhook-event"]).toBe("document.processed");
    expect(req.headers["x-webhook-attempt"]).toBe("1");
    // One clock read: both timestamps name the same second.
    expect(new Date(req.headers["x-timestamp"]!).getTime()).toBe(Number(req.headers["webhook-timestamp"]) * 1000);
  });

  it("keeps body bytes, X-Request-Id and X-Signature identical across retries; only the clock and attempt change", async () => {
    const keys = newKeys();
    const msg = newMessage();
    let calls = 0;
    receiver.respond = (_req, res) => (++calls < 3 ? res.writeHead(500).end("boom") : res.writeHead(200).end("ok"));
    const t0 = Date.now();
    const results: AttemptResult[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) results.push(await deliver(msg, keys, attempt, { now: new Date(t0 + (attempt - 1) * 2000) }));

    expect(results.map((r) => [r.outcome, r.errorClass, r.status])).toEqual([
      ["RETRY", "HTTP_5XX", 500],
      ["RETRY", "HTTP_5XX", 500],
      ["SUCCESS", null, 200],
    ]);
    expect(results[0]!.responseExcerpt).toBe("boom");
    const reqs = receiver.requests;
    expect(reqs).toHaveLength(3);
    for (const req of reqs) {
      verifyBoth(req, keys);
      expect(req.body.equals(msg.body)).toBe(true);
      expect(req.headers["x-request-id"]).toBe(msg.id);
      expect(req.headers["webhook-id"]).toBe(msg.id);
      expect(req.headers["x-signature"]).toBe(reqs[0]!.headers["x-signature"]);
    }
    expect(reqs.map((r) => r.headers["x-webhook-attempt"])).toEqual(["1", "2", "3"]);
    expect(new Set(reqs.map((r) => r.headers["webhook-timestamp"])).size).toBe(3);
    expect(new Set(reqs.map((r) => r.headers["webhook-signature"])).size).toBe(3);
  });

  it("masks the token in the logged request headers and keeps the signatures readable", async () => {
    const keys = newKeys();
    const result = await deliver(newMessage(), keys);
    const logged = JSON.stringify(result.requestHeaders);
    expect(logged).not.toContain(keys.current.token);
    expect(logged).not.toContain(keys.current.secret);
    expect(result.requestHeaders["x-webhook-token"]).toMatch(/^whto…/);
    expect(result.requestHeaders["x-signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(result.requestHeaders["webhook-signature"]).toMatch(/^v1,/);
  });

  it("times out (per-endpoint timeout clamped to ≥ 5 s); a 2xx whose body then stalls still counts as delivered", async () => {
    // One receiver never answers; the other sends 200 headers and part of a body, then stalls.
    receiver.respond = (req, res) => (req.url === "/stall" ? res.writeHead(200, { "content-length": "100" }).write("parcial") : undefined);
    const started = Date.now();
    const [silent, stalled] = await Promise.all([
      deliver(newMessage(), newKeys(), 1, { timeoutMs: 100 }),
      deliver(newMessage(), newKeys(), 1, { timeoutMs: 100, url: `http://127.0.0.1:${receiver.port}/stall` }),
    ]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect(silent.timeoutMs).toBe(5000);
    expect(silent).toMatchObject({ outcome: "RETRY", errorClass: "TIMEOUT", status: null, throttled: true });
    expect(silent.message).toContain("5 s");
    expect(stalled).toMatchObject({ outcome: "SUCCESS", status: 200, errorClass: null, responseTruncated: true });
  });

  it("does not follow a redirect: 3xx is a failure with Location recorded", async () => {
    receiver.respond = (req, res) => (req.url === "/hook" ? res.writeHead(301, { location: `http://127.0.0.1:${receiver.port}/nuevo` }).end() : res.writeHead(200).end());
    const result = await deliver(newMessage(), newKeys());
    expect(result).toMatchObject({ outcome: "RETRY", errorClass: "REDIRECT", status: 301, location: `http://127.0.0.1:${receiver.port}/nuevo` });
    expect(result.message).toContain("guardá esa URL");
    expect(receiver.requests.map((r) => r.url)).toEqual(["/hook"]);
  });

  it("honours Retry-After within bounds", async () => {
    receiver.respond = (_req, res) => res.writeHead(429, { "retry-after": "90" }).end();
    const r1 = await deliver(newMessage(), newKeys());
    expect(r1).toMatchObject({ outcome: "RETRY", errorClass: "HTTP_4XX", status: 429, throttled: true, retryAfterMs: 90_000 });
    // After attempt 1 the step is 5 s, raised to the 60 s throttle floor; 90 s fits in [60 s, 120 s].
    expect(nextRetryDelay({ failedAttempt: 1, throttled: r1.throttled, retryAfterMs: r1.retryAfterMs })).toBe(90_000);

    receiver.respond = (_req, res) => res.writeHead(503, { "retry-after": new Date(Date.now() + 3 * 86_400_000).toUTCString() }).end();
    const r2 = await deliver(newMessage(), newKeys());
    expect(r2.retryAfterMs).toBeGreaterThan(2 * 86_400_000);
    // A receiver cannot park the message for days: capped at 2 × step.
    expect(nextRetryDelay({ failedAttempt: 4, throttled: r2.throttled, retryAfterMs: r2.retryAfterMs })).toBe(4 * 3_600_000);
  });

  it("turns 410 Gone into 'disable the endpoint' and webhook-delivery: abort-message into 'stop this message'", async () => {
    receiver.respond = (_req, res) => res.writeHead(410).end();
    expect(await deliver(newMessage(), newKeys())).toMatchObject({ outcome: "DISABLE_ENDPOINT", status: 410, errorClass: "HTTP_4XX" });
    receiver.respond = (_req, res) => res.writeHead(400, { "webhook-delivery": "abort-message" }).end();
    expect(await deliver(newMessage(), newKeys())).toMatchObject({ outcome: "ABORT", status: 400 });
  });

  it("keeps only the first 8 KiB of the response", async () => {
    const big = "á".repeat(10_000); // 20,000 bytes in UTF-8
    receiver.respond = (_req, res) => res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end(big);
    const result = await deliver(newMessage(), newKeys());
    expect(result.responseBytes).toBe(20_000);
    expect(result.responseTruncated).toBe(true);
    expect(Buffer.byteLength(result.responseExcerpt)).toBe(EXCERPT_BYTES);
    expect(result.responseExcerpt.startsWith("á".repeat(4096))).toBe(true);
    expect(result.responseHeaders["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("resolves host names through the guarded resolver and delivers to the pinned address", async () => {
    const result = await deliver(newMessage(), newKeys(), 1, { url: `http://receptor.test:${receiver.port}/hook` });
    expect(result.outcome).toBe("SUCCESS");
    expect(receiver.requests[0]!.headers.host).toBe(`receptor.test:${receiver.port}`);
  });

  it("classifies a closed port as CONNECTION_REFUSED and an unknown host as DNS", async () => {
    const down = await startReceiver();
    await down.close();
    const refused = await deliver(newMessage(), newKeys(), 1, { url: down.url });
    expect(refused).toMatchObject({ outcome: "RETRY", errorClass: "CONNECTION_REFUSED", status: null, refusedRetry: true });
    const dns = await deliver(newMessage(), newKeys(), 1, { url: "http://no-existe.test/hook" });
    expect(dns).toMatchObject({ outcome: "RETRY", errorClass: "DNS" });
  });

  it("classifies a failed TLS handshake as TLS (https:// to a plain HTTP port)", async () => {
    const result = await deliver(newMessage(), newKeys(), 1, { url: `https://127.0.0.1:${receiver.port}/hook` });
    expect(result).toMatchObject({ outcome: "RETRY", errorClass: "TLS", status: null });
    expect(result.message).toContain("TLS");
  });

  it("finds the OS error code inside undici wrappers and happy-eyeballs aggregates", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(classifyNetworkError(Object.assign(new AggregateError([refused, refused]), { code: "ECONNREFUSED" })).errorClass).toBe("CONNECTION_REFUSED");
    expect(classifyNetworkError(new AggregateError([refused])).errorClass).toBe("CONNECTION_REFUSED");
    const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET", cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
    expect(classifyNetworkError(reset)).toEqual({ errorClass: "CONNECTION_RESET", code: "ECONNRESET" });
    expect(classifyNetworkError(Object.assign(new Error("x"), { code: "CERT_HAS_EXPIRED" })).errorClass).toBe("TLS");
    expect(classifyNetworkError(Object.assign(new Error("x"), { code: "EAI_AGAIN" })).errorClass).toBe("DNS");
    expect(classifyNetworkError(new Error("sin código")).errorClass).toBe("UNKNOWN");
  });

  it("refuses a private target before connecting when it is not allow-listed", async () => {
    const strict = createSafeAgent({ policy: STRICT_POLICY, resolver: fakeResolver({ "rebind.test": ["127.0.0.1"] }) });
    const before = receiver.connections;
    const msg = newMessage();
    const headers = signDelivery({ messageId: msg.id, eventType: msg.type, attempt: 1, body: msg.body, keys: newKeys() });
    for (const url of [receiver.url, `http://rebind.test:${receiver.port}/hook`, `http://[::ffff:127.0.0.1]:${receiver.port}/hook`]) {
      const result = await sendAttempt({ url, body: msg.body, headers, dispatcher: strict });
      expect(result).toMatchObject({ outcome: "ABORT", errorClass: "SSRF_BLOCKED", status: null });
      expect(result.message).toContain("no está permitido");
    }
    expect(receiver.connections).toBe(before);
    expect(receiver.requests).toHaveLength(0);
    await strict.close();
  });

  it("reuses kept-alive connections across many deliveries", async () => {
    const keys = newKeys();
    const msg = newMessage();
    const before = receiver.connections;
    const n = 500;
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        const r = await deliver(msg, keys);
        expect(r.outcome).toBe("SUCCESS");
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    const perSecond = Math.round(n / ((performance.now() - started) / 1000));
    console.info(`[attempt] ${n} signed deliveries, 20 in flight: ${perSecond}/s, ${receiver.connections - before} connections`);
    expect(receiver.requests).toHaveLength(n);
    // Bounded by the agent's per-origin pool (64), far below one connection per delivery.
    expect(receiver.connections - before).toBeLessThanOrEqual(64);
  });
});
