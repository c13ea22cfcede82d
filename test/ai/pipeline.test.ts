/**
 * Suggestions on the real pipeline: an invoice uploaded → parse-document on the embedded engine
 * → its save step stores the rule suggestions; only when the tenant's provider has suggestions
 * on, parse-document sends the event that starts ai-document-suggestions → AI suggestions from a
 * real OpenAI-compatible server. Without a provider no suggestions run is created at all.
 */
import { engineReady } from "./support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { uploadDocument } from "@/server/documents/upload-document";
import { generateInvoice } from "../corpus/generate";
import { callerFor, createTenantWith, createUser, settledDocument } from "../support/factories";
import { startFakeOpenAi, type FakeOpenAi } from "./support/fake-openai";

let engine: Awaited<typeof engineReady>;
let fake: FakeOpenAi;

beforeAll(async () => {
  engine = await engineReady;
  fake = await startFakeOpenAi({ apiKey: "sk-pipeline" });
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
}, 60_000);
afterAll(async () => {
  await engine?.stop();
  await fake?.close();
});

async function suggestionsOf(documentId: string, atLeast: number, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await db().documentSuggestion.findMany({ where: { documentId } });
    if (rows.length >= atLeast) return rows;
    if (Date.now() > deadline) throw new Error(`only ${rows.length} suggestions for ${documentId}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The parse run of a document, once finished (any event it sends is sent by then). */
async function finishedParseRun(documentId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db().engineRun.findFirst({ where: { functionId: { endsWith: "parse-document" }, event: { path: ["data", "documentId"], equals: documentId } } });
    if (run && run.status !== "RUNNING") return run;
    if (Date.now() > deadline) throw new Error(`parse run of ${documentId} not finished`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const suggestionRuns = (tenantId: string) => db().engineRun.findMany({ where: { functionId: { endsWith: "ai-document-suggestions" }, event: { path: ["data", "tenantId"], equals: tenantId } } });

describe("after a document is processed", () => {
  it("the background function stores the AI account/category and review note", async () => {
    const owner = await createUser({ name: "Dueña Pipeline" });
    const tenantId = (await createTenantWith(owner)).id;
    await callerFor(owner, tenantId).ai.saveProvider({ baseUrl: fake.baseUrl, model: "fake-gpt", apiKey: "sk-pipeline", extractionEnabled: false, classificationEnabled: true, suggestionsEnabled: true });
    const invoice = await generateInvoice({ seed: 77, format: "pdf-qr", tipoCodigo: 1 });
    const { document } = await uploadDocument({ tenantId, userId: owner.id, role: "OWNER" }, { bytes: invoice.bytes, fileName: invoice.fileName });

    const rows = await suggestionsOf(document.id, 3);
    expect(rows.map((r) => `${r.kind}:${r.code}:${r.source}`).sort()).toEqual(["ACCOUNT:5.1.03:AI", "ANOMALY:AI_FECHA_FIN_DE_SEMANA:AI", "CATEGORY:servicios:AI"]);
    const doc = await db().document.findUniqueOrThrow({ where: { id: document.id } });
    expect(doc.status).toBe("COMPLETED");
    const sent = fake.requests.filter((r) => r.body?.messages[1]?.content.includes(invoice.fileName));
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body!.messages[1]!.content).toContain(invoice.truth.proveedorCuit!);
    expect((await finishedParseRun(document.id)).status).toBe("COMPLETED");
    const runs = await suggestionRuns(tenantId);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.event).toMatchObject({ name: "ai/document.suggestions-requested", data: { tenantId, documentId: document.id } });
  }, 120_000);

  it("with no provider, the rule anomalies still arrive (a second copy of the same invoice is a duplicate)", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner)).id;
    const scope = { tenantId, userId: owner.id, role: "OWNER" as const };
    const invoice = await generateInvoice({ seed: 78, format: "pdf-qr", tipoCodigo: 1 });
    const textOnly = await generateInvoice({ seed: 78, format: "pdf-text", tipoCodigo: 1 });
    const first = await uploadDocument(scope, { bytes: invoice.bytes, fileName: invoice.fileName });
    // A second copy: the first is processed by then (a text PDF without QR parses faster than a QR one,
    // and a copy processed first has nothing to be a duplicate of yet).
    await settledDocument(first.document.id);
    const second = await uploadDocument(scope, { bytes: textOnly.bytes, fileName: textOnly.fileName });
    expect(second.duplicate).toBe(false);
    const rows = await suggestionsOf(second.document.id, 1);
    expect(rows.map((r) => r.code)).toContain("DUPLICATE");
    expect(rows.find((r) => r.code === "DUPLICATE")?.detail).toMatchObject({ documentIds: [first.document.id] });
    expect(await db().documentSuggestion.count({ where: { tenantId, source: "AI" } })).toBe(0);
    // No provider: the rule suggestions came with the save, and no suggestions run was created.
    for (const id of [first.document.id, second.document.id]) expect((await finishedParseRun(id)).status).toBe("COMPLETED");
    expect(await suggestionRuns(tenantId)).toEqual([]);
  }, 120_000);
});
