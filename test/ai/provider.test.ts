/**
 * The AI provider against a real OpenAI-compatible server on 127.0.0.1: settings (encrypted key
 * never returned, SSRF-guarded base URL), the test button, task toggles, JSON mode with zod
 * validation of replies, and the errors a person can act on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/server/db/client";
import { AiCallError, activePrompt, loadAiProvider } from "@/server/ai/provider";
import { DEFAULT_PROMPTS } from "@/server/ai/default-prompts";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { startFakeOpenAi, type FakeOpenAi } from "./support/fake-openai";
import { allowLoopback, allowLoopbackInEachTest } from "../support/loopback";

const KEY = "sk-test-1234567890abcdef";
let fake: FakeOpenAi;
let owner: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;

const settings = (over: Record<string, unknown> = {}) => ({
  baseUrl: fake.baseUrl,
  model: "fake-gpt",
  apiKey: KEY,
  extractionEnabled: true,
  classificationEnabled: true,
  suggestionsEnabled: false,
  ...over,
});

beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY });
  owner = await createUser({ name: "Dueña IA" });
  tenantId = (await createTenantWith(owner)).id;
});
allowLoopbackInEachTest();
afterAll(() => fake.close());

describe("without a provider", () => {
  it("loadAiProvider is null for every task and prompts are the defaults", async () => {
    const t = (await createTenantWith(await createUser())).id;
    for (const task of ["extraction", "classification", "suggestions"] as const) {
      expect(await loadAiProvider(t, task)).toBeNull();
      expect(await activePrompt(t, task)).toBe(DEFAULT_PROMPTS[task]);
    }
  });
});

describe("provider settings", () => {
  it("saves the key encrypted and never returns it", async () => {
    const view = await callerFor(owner, tenantId).ai.saveProvider(settings());
    expect(view).toMatchObject({ configured: true, baseUrl: fake.baseUrl, model: "fake-gpt", hasApiKey: true, apiKeyHint: "sk-t…cdef", suggestionsEnabled: false });
    expect(JSON.stringify(view)).not.toContain(KEY);
    expect(JSON.stringify(await callerFor(owner, tenantId).ai.provider())).not.toContain(KEY);
    const row = await db().aiProviderConfig.findUniqueOrThrow({ where: { tenantId } });
    expect(row.apiKeyEnc).toMatch(/^v1\./);
    expect(row.apiKeyEnc).not.toContain(KEY);
  });

  it("an empty key on a later save keeps the stored one", async () => {
    await callerFor(owner, tenantId).ai.saveProvider(settings({ apiKey: "", model: "fake-gpt-2" }));
    const row = await db().aiProviderConfig.findUniqueOrThrow({ where: { tenantId } });
    expect(row.model).toBe("fake-gpt-2");
    expect(row.apiKeyEnc).not.toBeNull();
    await callerFor(owner, tenantId).ai.saveProvider(settings());
  });

  it("refuses private and local base URLs with a field error (SSRF guard)", async () => {
    allowLoopback(false);
    for (const baseUrl of [fake.baseUrl, "http://169.254.169.254/v1", "http://10.0.0.5:8080/v1", "ftp://example.com/v1"]) {
      const err = await callerFor(owner, tenantId).ai.saveProvider(settings({ baseUrl })).then(
        () => null,
        (e: unknown) => e as { code: string; cause?: { fieldErrors?: Record<string, string[]> } },
      );
      expect(err, baseUrl).not.toBeNull();
      expect(err!.code).toBe("BAD_REQUEST");
      expect(err!.cause?.fieldErrors?.baseUrl?.[0]).toMatch(/URL|permit|red/i);
    }
  });

  it("only admins manage the provider", async () => {
    const { user } = await addMember(tenantId, "ACCOUNTANT");
    await expect(callerFor(user, tenantId).ai.provider()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(user, tenantId).ai.saveProvider(settings())).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("test button", () => {
  it("sends one JSON-mode chat completion with the bearer key and records success", async () => {
    const before = fake.requests.length;
    const result = await callerFor(owner, tenantId).ai.testProvider();
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("fake-gpt") });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const req = fake.requests.at(-1)!;
    expect(fake.requests.length).toBe(before + 1);
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body).toMatchObject({ model: "fake-gpt", response_format: { type: "json_object" }, temperature: 0 });
    expect(req.body!.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect((await callerFor(owner, tenantId).ai.provider()).lastTest).toMatchObject({ ok: true });
  });

  it("a wrong key is reported as such, and kept as the last result", async () => {
    await callerFor(owner, tenantId).ai.saveProvider(settings({ apiKey: "sk-equivocada-000" }));
    const result = await callerFor(owner, tenantId).ai.testProvider();
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/rechazó la API key \(HTTP 401\): Incorrect API key/) });
    expect(result.message).not.toContain("sk-equivocada");
    expect((await callerFor(owner, tenantId).ai.provider()).lastTest).toMatchObject({ ok: false });
    await callerFor(owner, tenantId).ai.saveProvider(settings());
  });

  it("a server that is not there: connection refused, in Spanish", async () => {
    const gone = await startFakeOpenAi();
    const url = gone.baseUrl;
    await gone.close();
    await callerFor(owner, tenantId).ai.saveProvider(settings({ baseUrl: url }));
    const result = await callerFor(owner, tenantId).ai.testProvider();
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/rechazó la conexión/) });
    await callerFor(owner, tenantId).ai.saveProvider(settings());
  });
});

describe("completeJson", () => {
  const schema = z.object({ total: z.number() });

  it("validates the reply with the caller's schema (fenced JSON accepted)", async () => {
    const provider = (await loadAiProvider(tenantId, "extraction"))!;
    fake.respond(() => ({ text: '```json\n{"total": 1210.5}\n```' }));
    await expect(provider.completeJson({ system: "Extraé el total en JSON", user: "Total $ 1.210,50", schema })).resolves.toEqual({ total: 1210.5 });
  });

  it("a reply without the expected fields is an AiCallError SCHEMA; invalid JSON is INVALID_JSON; 5xx is retryable", async () => {
    const provider = (await loadAiProvider(tenantId, "extraction"))!;
    fake.respond(() => ({ json: { total: "mil" } }));
    await expect(provider.completeJson({ system: "s json", user: "u", schema })).rejects.toMatchObject({ kind: "SCHEMA", message: expect.stringContaining("total") });
    fake.respond(() => ({ text: "No sé, creo que 1210" }));
    await expect(provider.completeJson({ system: "s json", user: "u", schema })).rejects.toMatchObject({ kind: "INVALID_JSON" });
    fake.respond(() => ({ status: 503, error: "overloaded" }));
    const err = await provider.completeJson({ system: "s json", user: "u", schema }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AiCallError);
    expect((err as AiCallError).retryable).toBe(true);
    fake.respond(() => ({ rawBody: "<html>proxy</html>" }));
    await expect(provider.completeJson({ system: "s json", user: "u", schema })).rejects.toMatchObject({ kind: "BAD_REPLY" });
  });

  it("a toggled-off task has no provider; removing the provider turns AI off", async () => {
    expect(await loadAiProvider(tenantId, "suggestions")).toBeNull();
    expect(await loadAiProvider(tenantId, "classification")).not.toBeNull();
    await callerFor(owner, tenantId).ai.deleteProvider();
    expect(await loadAiProvider(tenantId, "classification")).toBeNull();
    expect((await callerFor(owner, tenantId).ai.provider()).configured).toBe(false);
  });
});
