/**
 * Documents end to end on the real pipeline: upload (domain function and HTTP route) → the
 * parse-document function on the embedded engine → fields saved, events in the outbox with the
 * seed's payload fields; a bad file ends FAILED with document.failed; dedupe; corrections are
 * audited and survive a reprocess; list filters; delete removes the stored file.
 */
import { engineReady } from "./support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadRoute } from "@/app/api/documents/upload/route";
import { GET as fileRoute } from "@/app/api/documents/[id]/file/route";
import { db } from "@/server/db/client";
import { pdfLoadCount } from "@/server/parsing";
import { resendPendingAtStartup, resendPendingParses } from "@/server/documents/resend-pending";
import { uploadDocument } from "@/server/documents/upload-document";
import { storage } from "@/server/storage";
import { generateInvoice, type GeneratedInvoice } from "../corpus/generate";
import { addMember, callerFor, createTenantWith, settledDocument } from "../support/factories";
import { APP_URL, signUp } from "../support/http";

type Owner = { id: string; name: string; email: string };
let engine: Awaited<typeof engineReady>;
let owner: Owner;
let tenantId: string;
let cookie: string;
let qrPdf: GeneratedInvoice, textPdf: GeneratedInvoice, photo: GeneratedInvoice;

beforeAll(async () => {
  engine = await engineReady;
  const email = `duena-${Math.random().toString(36).slice(2, 8)}@example.com`;
  cookie = await signUp(email, "clave-segura-1", "Dueña Documentos");
  owner = await db().user.findUniqueOrThrow({ where: { email } });
  tenantId = (await createTenantWith(owner, "Estudio Documentos")).id;
  [qrPdf, textPdf, photo] = await Promise.all([
    generateInvoice({ seed: 11, format: "pdf-qr", tipoCodigo: 1 }),
    generateInvoice({ seed: 512, format: "pdf-text", tipoCodigo: 6 }),
    generateInvoice({ seed: 913, format: "png", tipoCodigo: 11 }),
  ]);
}, 60_000);
afterAll(() => engine?.stop());

const scope = () => ({ tenantId, userId: owner.id, role: "OWNER" as const });

const settled = (id: string, timeoutMs?: number) => settledDocument(id, { timeoutMs });

async function outbox(documentId: string, type: string) {
  const rows = await db().domainEvent.findMany({ where: { tenantId, type }, orderBy: { occurredAt: "asc" } });
  return rows.map((r) => JSON.parse(r.body) as Record<string, unknown>).filter((b) => b.documentoId === documentId);
}

function multipart(file: { bytes: Uint8Array; fileName: string }, headers: Record<string, string> = {}) {
  const form = new FormData();
  form.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.fileName);
  return new Request(`${APP_URL}/api/documents/upload`, { method: "POST", body: form, headers: { cookie, "x-tenant-id": tenantId, ...headers } });
}

/** The document's parse run once the engine recorded its end (the row is COMPLETED a moment before). */
async function finishedParseRun(documentId: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = await db().engineRun.findFirst({ where: { functionId: { endsWith: "parse-document" }, event: { path: ["data", "documentId"], equals: documentId } }, include: { history: { orderBy: { at: "asc" } } } });
    if (run && run.status !== "RUNNING") return run;
    if (Date.now() > deadline) throw new Error(`parse run of ${documentId} not finished`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dashed = (c: string) => `${c.slice(0, 2)}-${c.slice(2, 10)}-${c.slice(10)}`;

describe("upload → parse → COMPLETED", () => {
  it("an AFIP QR PDF uploaded through the HTTP route parses to its exact fields and emits document.processed with the seed's fields", async () => {
    const loadsBefore = pdfLoadCount();
    const res = await uploadRoute(multipart(qrPdf));
    expect(res.status).toBe(201);
    const { document, duplicate } = (await res.json()) as { document: { id: string; status: string }; duplicate: boolean };
    expect(duplicate).toBe(false);
    expect(document.status).toBe("PENDING");

    const row = await settled(document.id);
    expect(row.status).toBe("COMPLETED");
    // One PDF load for inspect + QR + text, and two steps: read, then validate + save.
    expect(pdfLoadCount() - loadsBefore).toBe(1);
    const run = await finishedParseRun(document.id);
    expect([...new Set(run.history.map((l) => l.name))]).toEqual(["read", "save"]);
    const view = await callerFor(owner, tenantId).documents.get({ id: document.id });
    const t = qrPdf.truth;
    expect(view).toMatchObject({
      tipoCodigo: t.tipoCodigo,
      tipo: t.tipo,
      puntoVenta: t.puntoVenta,
      numero: t.numero,
      fecha: t.fecha,
      proveedorCuit: t.proveedorCuit,
      total: t.total,
      cae: t.cae,
      moneda: t.moneda,
      version: 2,
    });
    expect(view.fieldMeta.total).toMatchObject({ source: "QR" });
    expect(view.parseReport?.stages.map((s) => s.stage)).toEqual(["inspect", "qr", "text", "ocr", "ai", "validate", "save"]);
    expect(view.parseReport?.stages.find((s) => s.stage === "ocr")?.status).toBe("skipped");
    expect(view.parseReport?.stages.find((s) => s.stage === "ai")?.status).toBe("skipped");

    const [event] = await outbox(document.id, "document.processed");
    expect(event).toEqual({
      type: "document.processed",
      version: 3,
      timestamp: expect.any(String),
      documentoId: document.id,
      tipo: t.tipo,
      numero: `${String(t.puntoVenta).padStart(t.puntoVenta! > 9999 ? 5 : 4, "0")}-${String(t.numero).padStart(8, "0")}`,
      fecha: t.fecha,
      total: t.total,
      proveedor: { cuit: dashed(t.proveedorCuit!), razonSocial: view.proveedorRazonSocial },
      estado: "completed",
      // added to the seed's payload (issue 15): the Libro IVA amounts as saved
      importes: {
        neto: view.neto,
        iva: view.iva ? Math.round(view.iva.reduce((acc, l) => acc + l.amount, 0) * 100) / 100 : null,
        noGravado: view.noGravado,
        exento: view.exento,
        percepcionesIva: view.percepcionesIva,
        percepcionesIibb: view.percepcionesIibb ?? [],
        impuestosInternos: view.impuestosInternos,
        otrosTributos: view.otrosTributos,
        otrosImpuestos: view.otrosImpuestos,
      },
      requiereRevision: expect.any(Boolean),
      motivosRevision: expect.any(Array),
      // v3: the API's document object
      document: expect.objectContaining({ id: document.id, status: "COMPLETED", errorCode: null }),
    });

    const file = await fileRoute(new Request(`${APP_URL}/api/documents/${document.id}/file?tenant=${tenantId}`, { headers: { cookie } }), { params: Promise.resolve({ id: document.id }) });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(qrPdf.bytes))).toBe(true);
  }, 120_000);

  it("a text-only PDF and a photo (OCR) complete with their totals", async () => {
    const [a, b] = await Promise.all([uploadDocument(scope(), textPdf), uploadDocument(scope(), photo)]);
    const [ra, rb] = await Promise.all([settled(a.document.id), settled(b.document.id, 150_000)]);
    expect(ra.status).toBe("COMPLETED");
    expect(ra.total?.toNumber()).toBe(textPdf.truth.total);
    expect(ra.proveedorCuit).toBe(textPdf.truth.proveedorCuit);
    expect(rb.status).toBe("COMPLETED");
    expect(rb.total?.toNumber()).toBe(photo.truth.total);
    const report = (await callerFor(owner, tenantId).documents.get({ id: b.document.id })).parseReport!;
    expect(report.kind).toBe("image");
    expect(report.stages.find((s) => s.stage === "ocr")?.status).toBe("ok");
  }, 180_000);
});

describe("bad files", () => {
  it("a truncated PDF is accepted by the upload, then ends FAILED with its reason and document.failed (seed fields)", async () => {
    const truncated = { bytes: qrPdf.bytes.slice(0, Math.floor(qrPdf.bytes.length * 0.35)), fileName: "truncada.pdf" };
    const { document } = await uploadDocument(scope(), truncated);
    const row = await settled(document.id);
    expect(row.status).toBe("FAILED");
    expect(row.error).toMatch(/\S/);
    const events = await outbox(document.id, "document.failed");
    expect(events).toEqual([
      { type: "document.failed", version: 2, timestamp: expect.any(String), documentoId: document.id, error: row.error, codigoError: row.errorCode, document: expect.objectContaining({ id: document.id, status: "FAILED", errorCode: row.errorCode }) },
    ]);
    expect(row.errorCode).toMatch(/^[A-Z_]+$/);
    expect(await outbox(document.id, "document.processed")).toEqual([]);
    // The run failed without retries; the engine and the app are fine for the next file.
    const deadline = Date.now() + 15_000;
    let run = null;
    while (!run && Date.now() < deadline) {
      run = await db().engineRun.findFirst({ where: { functionId: "contaflow-parse-document", status: "FAILED", event: { path: ["data", "documentId"], equals: document.id } } });
      if (!run) await new Promise((r) => setTimeout(r, 100));
    }
    expect(run).toMatchObject({ tenantId, error: expect.objectContaining({ message: row.error }) });
  }, 120_000);

  it("the upload refuses what is not a PDF/JPEG/PNG, an empty file and an oversized one, with Spanish messages; nothing is stored", async () => {
    const before = await db().document.count({ where: { tenantId } });
    const zip = await uploadRoute(multipart({ bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), fileName: "facturas.zip" }));
    expect(zip.status).toBe(400);
    expect(((await zip.json()) as { error: { message: string } }).error.message).toMatch(/no es un PDF ni una imagen JPEG o PNG: parece un archivo comprimido/);
    const heic = new Uint8Array(32);
    heic.set(new TextEncoder().encode("ftypheic"), 4);
    const heicRes = await uploadRoute(multipart({ bytes: heic, fileName: "IMG_0001.HEIC" }));
    expect(heicRes.status).toBe(400);
    expect(((await heicRes.json()) as { error: { message: string } }).error.message).toMatch(/HEIC.*JPEG/);
    await expect(uploadDocument(scope(), { bytes: new Uint8Array(0), fileName: "vacio.pdf" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/vacío/) });
    process.env.UPLOAD_MAX_MB = "1";
    (await import("@/env")).resetEnvCache();
    try {
      const big = new Uint8Array(1024 * 1024 + 10);
      big.set(new TextEncoder().encode("%PDF-1.7"));
      const res = await uploadRoute(multipart({ bytes: big, fileName: "enorme.pdf" }));
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/máximo es 1 MB|máximo de 1 MB/);
    } finally {
      delete process.env.UPLOAD_MAX_MB;
      (await import("@/env")).resetEnvCache();
    }
    expect(await db().document.count({ where: { tenantId } })).toBe(before);
  });

  it("the route needs a session and a tenant the user belongs to", async () => {
    expect((await uploadRoute(multipart(qrPdf, { cookie: "" }))).status).toBe(401);
    const other = await createTenantWith(await db().user.create({ data: { id: crypto.randomUUID(), name: "Otra", email: `otra-${Date.now()}@example.com` } }));
    expect((await uploadRoute(multipart(qrPdf, { "x-tenant-id": other.id }))).status).toBe(404);
  });
});

describe("dedupe, corrections, reprocess, list, delete", () => {
  it("the same bytes again link to the existing document (duplicate: true, no new row, no new parse)", async () => {
    const first = await db().document.findFirstOrThrow({ where: { tenantId, fileName: qrPdf.fileName } });
    const res = await uploadRoute(multipart({ bytes: qrPdf.bytes, fileName: "otra-copia.pdf" }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { document: { id: string; fileName: string }; duplicate: boolean };
    expect(body).toMatchObject({ duplicate: true, document: { id: first.id, fileName: qrPdf.fileName } });
    expect(await db().document.count({ where: { tenantId, sha256: first.sha256 } })).toBe(1);
  });

  it("corrections are validated, audited (who/when/old/new), kept as truth by a reprocess, and seen by document.processed", async () => {
    const doc = await db().document.findFirstOrThrow({ where: { tenantId, fileName: qrPdf.fileName } });
    const caller = callerFor(owner, tenantId);
    await expect(caller.documents.correct({ id: doc.id, fields: { proveedorCuit: "30-123" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { user: viewer } = await addMember(tenantId, "VIEWER");
    await expect(callerFor(viewer, tenantId).documents.correct({ id: doc.id, fields: { total: 1 } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.documents.correct({ id: doc.id, version: doc.version - 1, fields: { total: 1 } })).rejects.toMatchObject({ code: "CONFLICT" });

    const oldTotal = doc.total!.toNumber();
    const { document, changed } = await caller.documents.correct({ id: doc.id, version: doc.version, fields: { total: 4321.5, proveedorRazonSocial: "Proveedor Corregido SA", fecha: qrPdf.truth.fecha } });
    expect(changed.sort()).toEqual(["proveedorRazonSocial", "total"]);
    expect(document.version).toBe(doc.version + 1);
    expect(document.fieldMeta.total).toEqual({ source: "USER", confidence: 1 });
    const corrections = await db().documentCorrection.findMany({ where: { documentId: doc.id }, orderBy: { field: "asc" } });
    expect(corrections.map((c) => [c.field, c.userId, c.oldValue, c.newValue])).toEqual([
      ["proveedorRazonSocial", owner.id, doc.proveedorRazonSocial, "Proveedor Corregido SA"],
      ["total", owner.id, oldTotal, 4321.5],
    ]);
    const detail = await caller.documents.get({ id: doc.id });
    expect(detail.corrections[0]).toMatchObject({ userName: "Dueña Documentos", createdAt: expect.any(Date) });

    await caller.documents.reprocess({ id: doc.id });
    await expect(caller.documents.reprocess({ id: doc.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await settled(doc.id);
    expect(after.status).toBe("COMPLETED");
    expect(after.total?.toNumber()).toBe(4321.5);
    expect(after.proveedorRazonSocial).toBe("Proveedor Corregido SA");
    expect(after.numero).toBe(BigInt(qrPdf.truth.numero!));
    const again = await caller.documents.get({ id: doc.id });
    expect(again.parseReport?.attempt).toBe(2);
    expect(again.parseReport?.keptUserFields.sort()).toEqual(["proveedorRazonSocial", "total"]);
    expect(again.fieldMeta.total).toEqual({ source: "USER", confidence: 1 });
    const processed = await outbox(doc.id, "document.processed");
    expect(processed).toHaveLength(2);
    expect(processed[1]).toMatchObject({ total: 4321.5, proveedor: { razonSocial: "Proveedor Corregido SA" } });
  }, 120_000);

  it("lists with filters, server-side sort and pagination", async () => {
    const caller = callerFor(owner, tenantId);
    const all = await caller.documents.list({ pageSize: 100 });
    expect(all.total).toBe(4);
    expect((await caller.documents.list({ status: "FAILED" })).items.map((d) => d.fileName)).toEqual(["truncada.pdf"]);
    const byCuit = await caller.documents.list({ supplier: dashed(textPdf.truth.proveedorCuit!) });
    expect(byCuit.items.map((d) => d.id)).toContain((await db().document.findFirstOrThrow({ where: { tenantId, fileName: textPdf.fileName } })).id);
    expect((await caller.documents.list({ supplier: "corregido" })).items.map((d) => d.proveedorRazonSocial)).toEqual(["Proveedor Corregido SA"]);
    const sorted = await caller.documents.list({ sort: "total", dir: "asc", status: "COMPLETED" });
    const totals = sorted.items.map((d) => d.total!);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    const page2 = await caller.documents.list({ sort: "createdAt", dir: "asc", page: 2, pageSize: 3 });
    expect(page2).toMatchObject({ total: 4, page: 2 });
    expect(page2.items).toHaveLength(1);
    expect((await caller.documents.list({ exported: true })).total).toBe(0);
    expect((await caller.documents.list({ tipo: qrPdf.truth.tipo! })).items.map((d) => d.fileName)).toContain(qrPdf.fileName);
    expect((await caller.documents.list({ from: "2999-01-01" })).total).toBe(0);
  });

  it("the plan's documents per month are enforced before storing; re-uploading the same file is not a new document", async () => {
    await db().plan.create({ data: { id: "docs-1", name: "Un documento", sortOrder: 99, webhooks: 1, users: 2, documentsPerMonth: 1, connectors: 1, apiCallsPerMinute: 10 } });
    const small = await createTenantWith(owner, "Estudio Chico");
    await db().tenant.update({ where: { id: small.id }, data: { planId: "docs-1" } });
    const smallScope = { tenantId: small.id, userId: owner.id, role: "OWNER" as const };
    const first = await uploadDocument(smallScope, textPdf);
    expect(first.duplicate).toBe(false);
    await expect(uploadDocument(smallScope, photo)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/límite de tu plan Un documento: hasta 1 documento por mes/) });
    expect((await uploadDocument(smallScope, textPdf)).duplicate).toBe(true);
    expect(await db().document.count({ where: { tenantId: small.id } })).toBe(1);
    await settled(first.document.id);
  }, 60_000);

  it("review flags the same comprobante (CUIT + type + number) uploaded as a different file", async () => {
    const original = await db().document.findFirstOrThrow({ where: { tenantId, fileName: textPdf.fileName } });
    const copy = new Uint8Array([...textPdf.bytes, ...new TextEncoder().encode("\n% otra copia\n")]);
    const { document, duplicate } = await uploadDocument(scope(), { bytes: copy, fileName: "copia-escaneada.pdf" });
    expect(duplicate).toBe(false);
    const row = await settled(document.id);
    expect(row).toMatchObject({ status: "COMPLETED", reviewStatus: "NEEDS_REVIEW", duplicateOfId: original.id });
    const reasons = (await callerFor(owner, tenantId).documents.get({ id: document.id })).reviewReasons;
    expect(reasons).toContainEqual({ code: "DUPLICATE", field: "numero", severity: "error", otherId: original.id, message: `Posible duplicado: el mismo comprobante (CUIT, tipo y número) está en «${original.fileName}»` });
    await callerFor(owner, tenantId).documents.delete({ id: document.id });
  }, 60_000);

  it("delete removes the row, its corrections and the stored file", async () => {
    const doc = await db().document.findFirstOrThrow({ where: { tenantId, fileName: qrPdf.fileName } });
    await expect(storage().get(doc.storageKey)).resolves.toBeInstanceOf(Uint8Array);
    await callerFor(owner, tenantId).documents.delete({ id: doc.id });
    expect(await db().document.findUnique({ where: { id: doc.id } })).toBeNull();
    expect(await db().documentCorrection.count({ where: { documentId: doc.id } })).toBe(0);
    await expect(storage().get(doc.storageKey)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("a lost parse request", () => {
  /** An upload whose request never reached Inngest (Inngest down, or the process killed right after the row's commit). */
  async function orphan(seed: number, ageMs: number) {
    const invoice = await generateInvoice({ seed, format: "pdf-qr", tipoCodigo: 1 });
    const key = `test/lost-${seed}-${Date.now()}.pdf`;
    await storage().put(key, invoice.bytes);
    const { createHash } = await import("node:crypto");
    const doc = await db().document.create({
      data: {
        tenantId,
        fileName: invoice.fileName,
        mimeType: "application/pdf",
        sizeBytes: invoice.bytes.byteLength,
        sha256: createHash("sha256").update(invoice.bytes).digest("hex"),
        storageKey: key,
        createdAt: new Date(Date.now() - ageMs),
      },
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await db().document.findUniqueOrThrow({ where: { id: doc.id } })).status).toBe("PENDING");
    return { doc, invoice };
  }

  it("is sent again by the pending sweep, and the document completes", async () => {
    const { doc, invoice } = await orphan(4242, 120_000);
    expect(await resendPendingParses()).toBeGreaterThanOrEqual(1);
    const done = await settled(doc.id);
    expect(done.status).toBe("COMPLETED");
    expect(done.total?.toNumber()).toBe(invoice.truth.total);
  });

  it("is sent again when the same bytes are uploaded again (the client retrying an upload whose answer it never got)", async () => {
    const { doc, invoice } = await orphan(4243, 2_000);
    const again = await uploadDocument(scope(), { bytes: invoice.bytes, fileName: invoice.fileName });
    expect(again).toMatchObject({ duplicate: true, document: { id: doc.id } });
    const done = await settled(doc.id);
    expect(done.status).toBe("COMPLETED");
  });

  it("is sent again by a starting process for every document uploaded before it started, however recent", async () => {
    const { doc } = await orphan(4244, 2_000);
    expect(await resendPendingAtStartup(new Date())).toBeGreaterThanOrEqual(1);
    expect((await settled(doc.id)).status).toBe("COMPLETED");
  });
});
