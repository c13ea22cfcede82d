/**
 * One document representation: the webhook's `document` equals GET /api/v1/documents/{id} for the
 * same document; a FAILED document shows what was read (nothing — no "PES" column default) with a
 * stable errorCode on both endpoints and in document.failed v2; re-uploading a failed file says
 * so; values from a webhook work as API filters; the OpenAPI document leaves objects open.
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INVOICE_FIELD_NAMES } from "@/lib/documents/fields";
import { db } from "@/server/db/client";
import { saveStage } from "@/server/documents/parse-pipeline";
import { eventCatalog, parseDomainEvent } from "@/server/events/catalog";
import { cleanFields, parsedDocument } from "../documents/support/review";
import { ownerWithClient, pdfBytes } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

let server: Awaited<ReturnType<typeof startApiServer>>;
let ctx: Awaited<ReturnType<typeof ownerWithClient>>;
let token: string;

beforeAll(async () => {
  server = await startApiServer();
  ctx = await ownerWithClient();
  token = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret)).access_token;
});
afterAll(() => server.close());

async function eventBody(type: string, documentId: string) {
  const rows = await db().domainEvent.findMany({ where: { tenantId: ctx.tenant.id, type } });
  const found = rows.map((r) => ({ version: r.version, body: JSON.parse(r.body) as Record<string, unknown> })).find((b) => b.body.documentoId === documentId);
  if (!found) throw new Error(`no ${type} for ${documentId}`);
  return found;
}

/** A document the real save step marks FAILED with a parser reason. */
async function failedDocument(reason: string, message: string, sha256 = createHash("sha256").update(randomUUID()).digest("hex")) {
  const row = await db().document.create({ data: { tenantId: ctx.tenant.id, status: "PROCESSING", fileName: "roto.pdf", mimeType: "application/pdf", sizeBytes: 100, sha256, storageKey: `test/${sha256}` } });
  const saved = await saveStage(ctx.tenant.id, row.id, { kind: "pdf", stages: [], outcome: { ok: false, failure: { reason, message }, notes: [], ms: 1 }, startedAt: Date.now() });
  expect(saved.saved).toBe(true);
  return db().document.findUniqueOrThrow({ where: { id: row.id } });
}

const allNull = Object.fromEntries(INVOICE_FIELD_NAMES.map((k) => [k, null]));

describe("a FAILED document", () => {
  it("shows nothing read and its failure code, the same on the document, the status and document.failed v2", async () => {
    const doc = await failedDocument("NO_DATA", "No se pudieron extraer datos suficientes del documento.");
    expect(doc.moneda).toBe("PES"); // the column default is there…
    const got = await api(server.url, `/api/v1/documents/${doc.id}`, token);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ status: "FAILED", error: doc.error, errorCode: "NOT_AN_INVOICE", numeroCompleto: null, fieldMeta: {} });
    expect(got.body!.fields).toEqual(allNull); // …but it is not what was read
    const status = await api(server.url, `/api/v1/parse/${doc.id}`, token);
    expect(status.body).toMatchObject({ status: "FAILED", done: true, error: doc.error, errorCode: "NOT_AN_INVOICE", fields: null, fieldMeta: {} });

    const { version, body } = await eventBody("document.failed", doc.id);
    expect(version).toBe(2);
    expect(body).toMatchObject({ type: "document.failed", version: 2, documentoId: doc.id, error: doc.error, codigoError: "NOT_AN_INVOICE" });
    expect(body.document).toEqual(got.body);
    expect(parseDomainEvent(body)).toEqual(body);
  });

  it("maps each parser reason to its stable code", async () => {
    for (const [reason, code] of [["ENCRYPTED", "ENCRYPTED_PDF"], ["CORRUPT", "UNREADABLE_FILE"], ["OCR_FAILED", "OCR_FAILED"], ["TOO_LARGE", "TOO_LARGE"], ["SOMETHING_NEW", "INTERNAL_ERROR"]] as const) {
      const doc = await failedDocument(reason, `falló: ${reason}`);
      expect(doc.errorCode).toBe(code);
      expect((await api(server.url, `/api/v1/documents/${doc.id}`, token)).body).toMatchObject({ errorCode: code });
    }
  });

  it("re-uploading the same file answers 200 with the failure, without re-queuing it", async () => {
    const bytes = pdfBytes(`fallido-${randomUUID()}`);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const doc = await failedDocument("ENCRYPTED", "El PDF está protegido con contraseña", sha256);
    const form = new FormData();
    form.append("file", new Blob([bytes as BlobPart], { type: "application/pdf" }), "otra-vez.pdf");
    const again = await api(server.url, "/api/v1/parse", token, { method: "POST", body: form });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: doc.id, duplicate: true, status: "FAILED", errorCode: "ENCRYPTED_PDF", error: "El PDF está protegido con contraseña" });
    expect((await db().document.findUniqueOrThrow({ where: { id: doc.id } })).status).toBe("FAILED");
  });
});

describe("a processed document", () => {
  it("document.processed v3 carries the API's document object, and its values work as API filters", async () => {
    const doc = await parsedDocument(ctx.tenant.id, cleanFields(7001, { proveedorCuit: "30712345678" }));
    const got = await api(server.url, `/api/v1/documents/${doc.id}`, token);
    const { version, body } = await eventBody("document.processed", doc.id);
    expect(version).toBe(3);
    expect(body.document).toEqual(got.body);
    expect(parseDomainEvent(body)).toEqual(body);

    const proveedor = body.proveedor as { cuit: string };
    expect(proveedor.cuit).toBe("30-71234567-8");
    const q = new URLSearchParams({ proveedorCuit: proveedor.cuit, tipo: String(body.tipo), fechaDesde: String(body.fecha), fechaHasta: String(body.fecha) });
    const filtered = await api(server.url, `/api/v1/documents?${q}`, token);
    expect(filtered.status).toBe(200);
    expect((filtered.body!.data as { id: string }[]).map((d) => d.id)).toContain(doc.id);
  });

  it("the catalogue documents both new versions", () => {
    expect(eventCatalog["document.processed"].changes?.at(-1)).toMatchObject({ version: 3, change: expect.stringContaining("document") });
    expect(eventCatalog["document.failed"].changes?.at(-1)).toMatchObject({ version: 2, change: expect.stringContaining("codigoError") });
  });
});

describe("compatibility", () => {
  it("the OpenAPI document closes no object and says clients must ignore unknown fields", async () => {
    const doc = (await api(server.url, "/api/v1/openapi.json", token)).body as { info: { description: string }; components: { schemas: Record<string, unknown> } };
    expect(doc.info.description).toContain("clients must ignore unknown fields; additive changes within v1");
    expect(JSON.stringify(doc.components.schemas)).not.toContain('"additionalProperties":false');
    expect(JSON.stringify(doc.components.schemas.Document)).toContain("errorCode");
  });
});
