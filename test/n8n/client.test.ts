/**
 * Contract tests of the n8n client against a real HTTP server implementing the contract
 * (support/fake-n8n.ts verifies token, signature, request id, timestamp and payloads): every
 * error code, timeouts, malformed answers — each ends as the specified N8nCallError and as one
 * clear row in the call log, never as data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { callN8n, interpretResponse } from "@/server/n8n/client";
import { N8nCallError } from "@/server/n8n/errors";
import { samplePayload } from "@/server/n8n/samples";
import { saveN8nSettings } from "@/server/n8n/settings";
import { signN8nBody, verifyN8nSignature } from "@/server/n8n/signing";
import { N8N_ACTIONS } from "@/lib/schemas/n8n";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { startFakeN8n, type FakeN8n } from "./support/fake-n8n";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
resetEnvCache();

const TOKEN = "token-de-prueba-n8n-123";
const SECRET = "secreto-de-firma-n8n-0123456789";
let fake: FakeN8n;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  fake = await startFakeN8n({ token: TOKEN, signingSecret: SECRET });
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
  await saveN8nSettings({ tenantId, userId: owner.id, role: "OWNER" }, { baseUrl: fake.url, token: TOKEN, signingSecret: SECRET, timeoutSeconds: 2 });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

async function failure(promise: Promise<unknown>): Promise<N8nCallError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(N8nCallError);
  return err as N8nCallError;
}
const lastLog = () => db().n8nCall.findFirstOrThrow({ where: { tenantId }, orderBy: { createdAt: "desc" } });

describe("request: envelope and signature", () => {
  it("posts the signed envelope to /webhook/<endpoint> for all five actions, and validates each answer", async () => {
    for (const action of N8N_ACTIONS) {
      const res = await callN8n({ tenantId, action, payload: samplePayload(action), subjectId: "s1" });
      expect(res.executionId).toMatch(/^exec_/);
      const got = fake.calls(action).at(-1)!;
      expect(got.verified).toBe(true);
      expect(got.endpoint).toBe({ parse_email: "parse-email", classify_transaction: "classify-transaction", evaluate_alerts: "evaluate-alerts", financial_projection: "financial-projection", sync_user: "sync-user" }[action]);
      expect(got.envelope).toMatchObject({ requestId: res.requestId, userId: tenantId, action });
      expect(Object.keys(got.envelope!).sort()).toEqual(["action", "payload", "requestId", "timestamp", "userId"]);
      expect(got.headers["x-request-id"]).toBe(res.requestId);
      expect(got.headers["x-timestamp"]).toBe(got.envelope!.timestamp);
      expect(got.headers["x-webhook-token"]).toBe(TOKEN);
      expect(got.headers["x-signature"]).toBe(signN8nBody(got.body, SECRET));
      expect(verifyN8nSignature(got.body, got.headers["x-signature"], SECRET)).toBe(true);
      const log = await db().n8nCall.findUniqueOrThrow({ where: { requestId: res.requestId } });
      expect(log).toMatchObject({ action, status: "SUCCEEDED", executionId: res.executionId, errorCode: null, subjectId: "s1" });
      expect(log.latencyMs).toBeGreaterThanOrEqual(0);
    }
    expect(new Set(fake.received.map((r) => r.envelope!.requestId)).size).toBe(5);
  });

  it("a wrong signing secret is refused by the receiver: AUTH_FAILED, not retried, clear admin message", async () => {
    const other = (await createTenantWith(owner)).id;
    await saveN8nSettings({ tenantId: other, userId: owner.id, role: "OWNER" }, { baseUrl: fake.url, token: TOKEN, signingSecret: "otro-secreto-que-no-coincide" });
    const err = await failure(callN8n({ tenantId: other, action: "sync_user", payload: samplePayload("sync_user") }));
    expect(err.code).toBe("AUTH_FAILED");
    expect(err.retriable).toBe(false);
    expect(err.message).toContain("Verificá el token y el secreto de firma");
    expect(fake.received.at(-1)!.verified).toBe(false);
    const log = await db().n8nCall.findFirstOrThrow({ where: { tenantId: other } });
    expect(log).toMatchObject({ status: "FAILED", errorCode: "AUTH_FAILED", httpStatus: 401 });
  });

  it("a wrong token too", async () => {
    const other = (await createTenantWith(owner)).id;
    await saveN8nSettings({ tenantId: other, userId: owner.id, role: "OWNER" }, { baseUrl: fake.url, token: "token-equivocado", signingSecret: SECRET });
    expect((await failure(callN8n({ tenantId: other, action: "sync_user", payload: samplePayload("sync_user") }))).code).toBe("AUTH_FAILED");
  });

  it("a payload that breaks the contract is never sent (INVALID_PAYLOAD, logged)", async () => {
    const err = await failure(callN8n({ tenantId, action: "parse_email", payload: { ...samplePayload("parse_email"), body: "" } }));
    expect(err.code).toBe("INVALID_PAYLOAD");
    expect(fake.received).toHaveLength(0);
    expect(await lastLog()).toMatchObject({ status: "FAILED", errorCode: "INVALID_PAYLOAD" });
  });

  it("without settings: NOT_CONFIGURED, logged, nothing sent", async () => {
    const other = (await createTenantWith(owner)).id;
    const err = await failure(callN8n({ tenantId: other, action: "sync_user", payload: samplePayload("sync_user") }));
    expect(err.code).toBe("NOT_CONFIGURED");
    expect(await db().n8nCall.findFirstOrThrow({ where: { tenantId: other } })).toMatchObject({ status: "FAILED", errorCode: "NOT_CONFIGURED" });
  });
});

describe("every error code of the contract", () => {
  const cases = [
    ["AUTH_FAILED", "no_retry"],
    ["INVALID_PAYLOAD", "no_retry"],
    ["PARSE_FAILED", "manual_review"],
    ["AI_ERROR", "retry"],
    ["RATE_LIMITED", "retry"],
    ["INTERNAL_ERROR", "retry"],
    ["TIMEOUT", "retry"],
  ] as const;
  for (const [code, outcome] of cases) {
    it(`${code} → ${outcome}`, async () => {
      fake.script("classify_transaction", { error: code, message: `n8n dice ${code}` });
      const err = await failure(callN8n({ tenantId, action: "classify_transaction", payload: samplePayload("classify_transaction"), finalAttempt: false }));
      expect(err.code).toBe(code);
      expect(err.outcome).toBe(outcome);
      expect(err.message).toContain(`n8n dice ${code}`);
      const log = await lastLog();
      expect(log).toMatchObject({ errorCode: code, status: outcome === "retry" ? "RETRYING" : outcome === "manual_review" ? "MANUAL_REVIEW" : "FAILED", requestId: err.info.requestId });
      expect(log.executionId).toMatch(/^exec_/);
    });
  }

  it("RATE_LIMITED carries Retry-After for the step's backoff", async () => {
    fake.script("sync_user", { error: "RATE_LIMITED", retryAfterSeconds: 7 });
    const err = await failure(callN8n({ tenantId, action: "sync_user", payload: samplePayload("sync_user") }));
    expect(err.info.retryAfterMs).toBe(7000);
    expect(await lastLog()).toMatchObject({ status: "FAILED", errorCode: "RATE_LIMITED" }); // final attempt
  });

  it("an unknown error code is not guessed at: UNKNOWN_ERROR, no retry", async () => {
    fake.script("sync_user", { mutate: (r) => ({ ...r, success: false, data: null, errors: [{ code: "QUOTA_EXCEEDED", message: "sin cuota" }] }) });
    const err = await failure(callN8n({ tenantId, action: "sync_user", payload: samplePayload("sync_user") }));
    expect(err.code).toBe("UNKNOWN_ERROR");
    expect(err.message).toContain("QUOTA_EXCEEDED");
    expect(err.retriable).toBe(false);
  });
});

describe("timeouts and transport", () => {
  it("an answer slower than the timeout → TIMEOUT (retriable), latency logged", async () => {
    fake.script("financial_projection", { delayMs: 3000 });
    const err = await failure(callN8n({ tenantId, action: "financial_projection", payload: samplePayload("financial_projection"), finalAttempt: false }));
    expect(err.code).toBe("TIMEOUT");
    expect(err.retriable).toBe(true);
    const log = await lastLog();
    expect(log).toMatchObject({ status: "RETRYING", errorCode: "TIMEOUT" });
    expect(log.latencyMs).toBeGreaterThanOrEqual(1900);
  });

  it("nothing listening → NETWORK (retriable)", async () => {
    const other = (await createTenantWith(owner)).id;
    await saveN8nSettings({ tenantId: other, userId: owner.id, role: "OWNER" }, { baseUrl: "http://127.0.0.1:9", token: TOKEN, signingSecret: SECRET });
    const err = await failure(callN8n({ tenantId: other, action: "sync_user", payload: samplePayload("sync_user") }));
    expect(err.code).toBe("NETWORK");
    expect(err.retriable).toBe(true);
  });

  it("HTTP errors without a contract body are mapped by status", async () => {
    fake.script("sync_user", { status: 503, body: "<html>Bad gateway</html>" }, { status: 404 }, { status: 401 });
    expect((await failure(callN8n({ tenantId, action: "sync_user", payload: samplePayload("sync_user") }))).code).toBe("INTERNAL_ERROR");
    expect((await failure(callN8n({ tenantId, action: "sync_user", payload: samplePayload("sync_user") }))).code).toBe("NOT_FOUND");
    expect((await failure(callN8n({ tenantId, action: "sync_user", payload: samplePayload("sync_user") }))).code).toBe("AUTH_FAILED");
  });

  it("an unknown webhook (workflow not imported) → NOT_FOUND with the advice to import it", async () => {
    expect(() => interpretResponse("sync_user", "r", 404, '{"code":404,"message":"The requested webhook is not registered."}')).toThrow(/importá el workflow de docs\/n8n/);
  });
});

describe("an empty or non-JSON 2xx (what n8n answers when a workflow step throws)", () => {
  for (const [name, raw] of [["empty body", ""], ["not JSON", "<html>ok</html>"]] as const) {
    it(`${name} → INTERNAL_ERROR, retriable, with the likely causes; the message says whether it is retried`, async () => {
      fake.script("classify_transaction", { raw }, { raw });
      const retrying = await failure(callN8n({ tenantId, action: "classify_transaction", payload: samplePayload("classify_transaction"), attempt: 1, finalAttempt: false }));
      expect(retrying.code).toBe("INTERNAL_ERROR");
      expect(retrying.retriable).toBe(true);
      expect(retrying.message).toContain(raw ? "no es JSON" : "llegó vacía");
      expect(retrying.message).toContain("NODE_FUNCTION_ALLOW_BUILTIN=crypto");
      expect(retrying.message).toContain("Executions");
      expect(retrying.message).toContain("Se reintenta automáticamente.");
      expect(await lastLog()).toMatchObject({ status: "RETRYING", errorCode: "INTERNAL_ERROR", httpStatus: 200 });

      const last = await failure(callN8n({ tenantId, action: "classify_transaction", payload: samplePayload("classify_transaction"), attempt: 5, finalAttempt: true }));
      expect(last.message).toContain("Se agotaron los reintentos (5 intentos)");
      expect(last.message).not.toContain("Se reintenta");
      const log = await lastLog();
      expect(log).toMatchObject({ status: "FAILED", errorCode: "INTERNAL_ERROR", attempt: 5 });
      expect(log.errorMessage).toContain("Se agotaron los reintentos");
    });
  }

  it("the execution id n8n sends in a header is named in the advice", () => {
    expect(() => interpretResponse("sync_user", "r", 200, "", { "x-n8n-execution-id": "4711" })).toThrow(/ejecución 4711/);
  });

  it("a single call («Probar») that fails with a retriable code does not promise a retry", async () => {
    fake.script("sync_user", { error: "INTERNAL_ERROR" });
    const err = await failure(callN8n({ tenantId, action: "sync_user", payload: samplePayload("sync_user") }));
    expect(err.message).not.toMatch(/reintent/i);
  });
});

describe("malformed answers end as INVALID_RESPONSE on the log, never as data", () => {
  const malformed: [string, Parameters<FakeN8n["script"]>[1], RegExp][] = [
    ["JSON that is not the envelope", { raw: '{"ok":true}' }, /sobre del contrato/],
    ["data missing", { mutate: (r) => ({ ...r, data: null }) }, /data/],
    ["wrong field type", { mutate: (r) => ({ ...r, data: { classification: { category: 42, confidence: "alta", isRecurring: "sí" } } }) }, /data\.classification\.category/],
    ["missing required field", { mutate: (r) => ({ ...r, data: { classification: { category: "x" } } }) }, /data\.classification\.confidence/],
    ["another request's id", { mutate: (r) => ({ ...r, requestId: "00000000-0000-0000-0000-000000000000" }) }, /requestId/],
    ["success false without errors", { mutate: (r) => ({ ...r, success: false }) }, /errors está vacío/],
  ];
  for (const [name, behaviour, message] of malformed) {
    it(name, async () => {
      fake.script("classify_transaction", behaviour);
      const err = await failure(callN8n({ tenantId, action: "classify_transaction", payload: samplePayload("classify_transaction"), finalAttempt: false }));
      expect(err.code).toBe("INVALID_RESPONSE");
      expect(err.retriable).toBe(false);
      expect(err.message).toMatch(message);
      const log = await lastLog();
      expect(log).toMatchObject({ status: "FAILED", errorCode: "INVALID_RESPONSE" });
      expect(log.errorMessage).toMatch(message);
    });
  }
});

describe("settings", () => {
  it("token and signing secret are stored encrypted and never returned", async () => {
    const caller = callerFor(owner, tenantId);
    const view = await caller.n8n.settings();
    expect(view).toMatchObject({ configured: true, baseUrl: fake.url, tokenHint: "••••-123", signingSecretHint: "••••6789" });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect(JSON.stringify(view)).not.toContain(SECRET);
    const row = await db().n8nSettings.findUniqueOrThrow({ where: { tenantId } });
    expect(row.tokenEnc).not.toContain(TOKEN);
    expect(row.signingSecretEnc).not.toContain(SECRET);
    // Saving without secrets keeps them.
    await caller.n8n.saveSettings({ baseUrl: fake.url, timeoutSeconds: 2 });
    await expect(callN8n({ tenantId, action: "sync_user", payload: samplePayload("sync_user") })).resolves.toMatchObject({ executionId: expect.any(String) });
  });

  it("private URLs are refused at save (SSRF guard)", async () => {
    await expect(callerFor(owner, tenantId).n8n.saveSettings({ baseUrl: "http://169.254.169.254/latest", token: "x", signingSecret: "y".repeat(20) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("only admins see and change n8n", async () => {
    const { user } = await addMember(tenantId, "ACCOUNTANT");
    await expect(callerFor(user, tenantId).n8n.settings()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("«probar» sends the sample of each action and reports the outcome", async () => {
    const caller = callerFor(owner, tenantId);
    const ok = await caller.n8n.test({ action: "evaluate_alerts" });
    expect(ok).toMatchObject({ ok: true, executionId: expect.stringMatching(/^exec_/) });
    fake.script("parse_email", { error: "AUTH_FAILED" });
    const bad = await caller.n8n.test({ action: "parse_email" });
    expect(bad).toMatchObject({ ok: false, code: "AUTH_FAILED" });
    const calls = await caller.n8n.calls({ limit: 2 });
    expect(calls.items.map((c) => [c.action, c.status, c.test])).toEqual([
      ["parse_email", "FAILED", true],
      ["evaluate_alerts", "SUCCEEDED", true],
    ]);
  });
});
