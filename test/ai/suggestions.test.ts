/**
 * Suggestions on documents: rule-based anomalies with no provider, AI account/category and
 * review from a real OpenAI-compatible server, accept/reject recorded with who and when, the
 * supplier's accepted account proposed again, and the background function fed by the outbox.
 */
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { documentSuggestions } from "~/inngest/functions/ai/document-suggestions";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { createProcessedDocument } from "./support/documents";
import { startFakeOpenAi, type FakeOpenAi } from "./support/fake-openai";
import { allowLoopbackInEachTest } from "../support/loopback";

let fake: FakeOpenAi;
let owner: Awaited<ReturnType<typeof createUser>>;
let accountant: { id: string; name: string; email: string };

beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: "sk-sugerencias" });
  owner = await createUser({ name: "Dueño" });
});
allowLoopbackInEachTest();
afterAll(() => fake.close());

async function freshTenant() {
  const tenantId = (await createTenantWith(owner)).id;
  accountant = (await addMember(tenantId, "ACCOUNTANT", await createUser({ name: "Carla Contadora" }))).user;
  return tenantId;
}

const codes = (items: { kind: string; code: string }[]) => items.map((i) => `${i.kind}:${i.code}`).sort();

describe("rule-based anomalies (no provider configured)", () => {
  let tenantId: string;
  beforeAll(async () => {
    tenantId = await freshTenant();
  });

  it("a clean document gets no suggestions, and no call to any AI", async () => {
    const doc = await createProcessedDocument(tenantId);
    const before = fake.requests.length;
    const res = await callerFor(accountant, tenantId).ai.generateSuggestions({ documentId: doc.id });
    expect(res.items).toEqual([]);
    expect(res.aiEnabled).toBe(false);
    expect(res.results.filter((r) => r.part !== "rules").every((r) => r.skipped === "NO_PROVIDER")).toBe(true);
    expect(fake.requests.length).toBe(before);
  });

  it("invalid CUIT and totals that do not add up", async () => {
    const doc = await createProcessedDocument(tenantId, { proveedorCuit: "30712345678", neto: 1000, iva: [{ rate: 21, base: 1000, amount: 210 }], total: 1300 });
    const res = await callerFor(accountant, tenantId).ai.generateSuggestions({ documentId: doc.id });
    expect(codes(res.items)).toEqual(["ANOMALY:CUIT_INVALID", "ANOMALY:TOTAL_MISMATCH"]);
    const mismatch = res.items.find((i) => i.code === "TOTAL_MISMATCH")!;
    expect(mismatch).toMatchObject({ source: "RULE", status: "PENDING", documentVersion: 1 });
    expect(mismatch.reason).toContain("1.210,00");
    expect(mismatch.reason).toContain("90,00");
  });

  it("a duplicate (same supplier, type and number) and an amount unusual for the supplier", async () => {
    const cuit = "20123456786";
    for (const total of [1000, 1100, 950, 1050]) await createProcessedDocument(tenantId, { proveedorCuit: cuit, neto: total, iva: [], total });
    const first = await createProcessedDocument(tenantId, { proveedorCuit: cuit, puntoVenta: 7, numero: 123n, neto: 1000, iva: [], total: 1000 });
    const dup = await createProcessedDocument(tenantId, { proveedorCuit: cuit, puntoVenta: 7, numero: 123n, neto: 1000, iva: [], total: 1000 });
    const big = await createProcessedDocument(tenantId, { proveedorCuit: cuit, neto: 25000, iva: [], total: 25000 });
    const c = callerFor(accountant, tenantId);
    const dupRes = await c.ai.generateSuggestions({ documentId: dup.id });
    expect(codes(dupRes.items)).toEqual(["ANOMALY:DUPLICATE"]);
    expect(dupRes.items[0]!.reason).toContain(first.fileName);
    const bigRes = await c.ai.generateSuggestions({ documentId: big.id });
    expect(codes(bigRes.items)).toEqual(["ANOMALY:UNUSUAL_AMOUNT"]);
    expect(bigRes.items[0]!.reason).toMatch(/25\.000,00/);
  });
});

describe("with an AI provider", () => {
  let tenantId: string;
  beforeAll(async () => {
    tenantId = await freshTenant();
    process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
    resetEnvCache();
    await callerFor(owner, tenantId).ai.saveProvider({ baseUrl: fake.baseUrl, model: "fake-gpt", apiKey: "sk-sugerencias", extractionEnabled: false, classificationEnabled: true, suggestionsEnabled: true });
  });

  it("adds the account and category from the model, plus its review notes; the active prompt is sent", async () => {
    await callerFor(owner, tenantId).ai.savePrompt({ task: "classification", content: "Prompt del estudio: elegí la cuenta contable del plan de cuentas del estudio. Respondé en JSON." });
    const doc = await createProcessedDocument(tenantId, { proveedorRazonSocial: "Estudio Jurídico Pérez" });
    const res = await callerFor(accountant, tenantId).ai.generateSuggestions({ documentId: doc.id });
    expect(codes(res.items)).toEqual(["ACCOUNT:5.1.03", "ANOMALY:AI_FECHA_FIN_DE_SEMANA", "CATEGORY:servicios"]);
    expect(res.items.find((i) => i.kind === "ACCOUNT")).toMatchObject({ label: "Honorarios profesionales", source: "AI", confidence: 0.82 });
    const classification = fake.requests.find((r) => r.body?.messages[0]?.content.startsWith("Prompt del estudio"));
    expect(classification?.body?.messages[1]?.content).toContain("Estudio Jurídico Pérez");
  });

  it("accept and reject are recorded with who and when; accepting another account rejects the first", async () => {
    const doc = await createProcessedDocument(tenantId, { proveedorCuit: "30500010912" });
    const c = callerFor(accountant, tenantId);
    const { items } = await c.ai.generateSuggestions({ documentId: doc.id });
    const account = items.find((i) => i.kind === "ACCOUNT")!;
    const note = items.find((i) => i.kind === "ANOMALY")!;
    const accepted = await c.ai.decideSuggestion({ id: account.id, decision: "ACCEPTED" });
    expect(accepted).toMatchObject({ status: "ACCEPTED", decidedByName: "Carla Contadora" });
    expect(accepted.decidedAt).toBeInstanceOf(Date);
    const rejected = await c.ai.decideSuggestion({ id: note.id, decision: "REJECTED" });
    expect(rejected).toMatchObject({ status: "REJECTED", decidedByName: "Carla Contadora" });
    const row = await db().documentSuggestion.findUniqueOrThrow({ where: { id: note.id } });
    expect(row.decidedById).toBe(accountant.id);

    // Regenerating keeps the decisions and does not bring the rejected note back as pending.
    const again = await c.ai.generateSuggestions({ documentId: doc.id });
    expect(again.items.filter((i) => i.code === note.code).map((i) => i.status)).toEqual(["REJECTED"]);
    expect(again.items.find((i) => i.id === account.id)?.status).toBe("ACCEPTED");

    // A second account accepted → the first is rejected (one account per document).
    const other = await db().documentSuggestion.create({ data: { tenantId, documentId: doc.id, kind: "ACCOUNT", code: "5.2.01", label: "Alquileres", source: "RULE", documentVersion: 1 } });
    await c.ai.decideSuggestion({ id: other.id, decision: "ACCEPTED" });
    expect((await db().documentSuggestion.findUniqueOrThrow({ where: { id: account.id } })).status).toBe("REJECTED");
  });

  it("the queue lists documents with their pending and decided counts", async () => {
    const queue = await callerFor(accountant, tenantId).ai.suggestionQueue({ onlyPending: true });
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((d) => d.pending > 0)).toBe(true);
    const all = await callerFor(accountant, tenantId).ai.suggestionQueue({});
    expect(all.some((d) => d.decided > 0)).toBe(true);
  });

  it("viewers can read suggestions but not decide", async () => {
    const doc = await createProcessedDocument(tenantId);
    const { user: viewer } = await addMember(tenantId, "VIEWER");
    const { items } = await callerFor(accountant, tenantId).ai.generateSuggestions({ documentId: doc.id });
    expect((await callerFor(viewer, tenantId).ai.suggestions({ documentId: doc.id })).items).toHaveLength(items.length);
    await expect(callerFor(viewer, tenantId).ai.decideSuggestion({ id: items[0]!.id, decision: "ACCEPTED" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a provider error leaves the rule suggestions and reports the problem", async () => {
    fake.respond(() => ({ status: 400, error: "context length exceeded" }));
    try {
      const doc = await createProcessedDocument(tenantId, { total: 5000 });
      const res = await callerFor(accountant, tenantId).ai.generateSuggestions({ documentId: doc.id });
      expect(codes(res.items)).toEqual(["ANOMALY:TOTAL_MISMATCH"]);
      expect(res.results.find((r) => r.part === "ai-classification")?.error).toMatch(/HTTP 400: context length exceeded/);
    } finally {
      fake.respond((req) => (req.body?.messages[0]?.content.includes("cuenta contable") ? { json: { account: { code: "5.1.03", name: "Honorarios profesionales" }, category: { code: "servicios", name: "Servicios" }, confidence: 0.82 } } : { json: { anomalies: [] } }));
    }
  });
});

describe("learned from decisions, without AI", () => {
  it("the account accepted for a supplier is proposed on its next document", async () => {
    const tenantId = await freshTenant();
    const c = callerFor(accountant, tenantId);
    const cuit = "27123456780";
    const first = await createProcessedDocument(tenantId, { proveedorCuit: cuit });
    const s = await db().documentSuggestion.create({ data: { tenantId, documentId: first.id, kind: "ACCOUNT", code: "5.1.07", label: "Papelería", source: "AI", documentVersion: 1 } });
    await c.ai.decideSuggestion({ id: s.id, decision: "ACCEPTED" });
    const next = await createProcessedDocument(tenantId, { proveedorCuit: cuit });
    const res = await c.ai.generateSuggestions({ documentId: next.id });
    expect(res.items).toEqual([expect.objectContaining({ kind: "ACCOUNT", code: "5.1.07", label: "Papelería", source: "RULE" })]);
  });

  it("the last account and the last category accepted for the supplier, not another supplier's", async () => {
    const tenantId = await freshTenant();
    const c = callerFor(accountant, tenantId);
    const cuit = "27123456780";
    const accept = async (documentId: string, kind: "ACCOUNT" | "CATEGORY", code: string, label: string) => {
      const s = await db().documentSuggestion.create({ data: { tenantId, documentId, kind, code, label, source: "AI", documentVersion: 1 } });
      await c.ai.decideSuggestion({ id: s.id, decision: "ACCEPTED" });
    };
    const older = await createProcessedDocument(tenantId, { proveedorCuit: cuit });
    await accept(older.id, "ACCOUNT", "5.1.01", "Alquileres");
    await new Promise((r) => setTimeout(r, 5)); // decided later, by more than the clock's millisecond
    const newer = await createProcessedDocument(tenantId, { proveedorCuit: cuit });
    await accept(newer.id, "ACCOUNT", "5.1.07", "Papelería");
    await accept(newer.id, "CATEGORY", "OFI", "Oficina");
    const other = await createProcessedDocument(tenantId, { proveedorCuit: "20111111112" });
    await accept(other.id, "CATEGORY", "VIA", "Viáticos");
    const next = await createProcessedDocument(tenantId, { proveedorCuit: cuit });
    const res = await c.ai.generateSuggestions({ documentId: next.id });
    expect(res.items.map((i) => [i.kind, i.code, i.source])).toEqual([
      ["ACCOUNT", "5.1.07", "RULE"],
      ["CATEGORY", "OFI", "RULE"],
    ]);
  });
});

describe("ai-document-suggestions (background function)", () => {
  it("runs the AI parts for the requested document; the rule part is the parse's save step's", async () => {
    const tenantId = await freshTenant();
    await callerFor(owner, tenantId).ai.saveProvider({ baseUrl: fake.baseUrl, model: "fake-gpt", apiKey: "sk-sugerencias", extractionEnabled: false, classificationEnabled: true, suggestionsEnabled: true });
    const doc = await createProcessedDocument(tenantId, { proveedorCuit: "30712345678" });
    const data = { tenantId, documentId: doc.id };
    const { result, error } = await new InngestTestEngine({ function: documentSuggestions, events: [{ name: "ai/document.suggestions-requested", data }] }).execute();
    expect(error).toBeUndefined();
    const rows = await db().documentSuggestion.findMany({ where: { documentId: doc.id } });
    expect(result).toEqual({ documentId: doc.id, created: rows.length });
    // The model's account and category; no rule suggestion (the CUIT is invalid: the save step's rules would flag it).
    expect(rows.every((r) => r.source === "AI")).toBe(true);
    expect(codes(rows)).toEqual(expect.arrayContaining(["ACCOUNT:5.1.03", "CATEGORY:servicios"]));
  });
});
