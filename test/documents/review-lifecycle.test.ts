/**
 * The review lifecycle on a real database: the parse save step decides NEEDS_REVIEW/UNREVIEWED
 * with reasons; confirmations, corrections, "marcar como revisado" (errors block, warnings need an
 * acknowledgement), bulk marking, duplicates (detected, resolved by discard or "no es duplicado"),
 * roles, the list's review filter and the "Para revisar" count; and on the real pipeline (embedded
 * engine): a parse, a reprocess that reopens a reviewed document, a duplicate pair of files.
 */
import { engineReady } from "./support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { extractFields } from "@/server/documents/document-view";
import { uploadDocument } from "@/server/documents/upload-document";
import { generateInvoice } from "../corpus/generate";
import { addMember, callerFor, createTenantWith, createUser, settledDocument } from "../support/factories";
import { cleanFields, confidentMeta, parsedDocument, validCuit } from "./support/review";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let tenantId: string;
let numero = 100;
const next = () => ++numero;
const caller = () => callerFor(owner, tenantId);
const row = (id: string) => db().document.findUniqueOrThrow({ where: { id } });
const codes = (reasons: unknown) => (reasons as { code: string; field?: string; severity: string }[]).map((r) => `${r.code}:${r.field ?? ""}:${r.severity}`);

let engine: Awaited<typeof engineReady>;
beforeAll(async () => {
  engine = await engineReady;
  owner = await createUser({ name: "Contadora Revisora" });
  tenantId = (await createTenantWith(owner, "Estudio Revisión")).id;
});
afterAll(() => engine?.stop());

const settled = (id: string) => settledDocument(id);

describe("the parse save step", () => {
  it("a clean parse is UNREVIEWED with no reasons; a FAILED or pending document is NOT_READY", async () => {
    const doc = await parsedDocument(tenantId, cleanFields(next()));
    expect(doc).toMatchObject({ status: "COMPLETED", reviewStatus: "UNREVIEWED", reviewReasons: [], reviewedAt: null });
    expect((await caller().documents.get({ id: doc.id })).needsReview).toBe(false);
    const pending = await db().document.create({ data: { tenantId, fileName: "p.pdf", mimeType: "application/pdf", sizeBytes: 1, sha256: "pending-sha", storageKey: "k" } });
    expect(pending.reviewStatus).toBe("NOT_READY");
  });

  it("a low-confidence required field, a missing one and a validation warning become reasons; NEEDS_REVIEW", async () => {
    const fields = cleanFields(next(), { fecha: null, total: 1300 });
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { cuit: {}, proveedorCuit: { source: "OCR", confidence: 0.6 } }));
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    expect(codes(doc.reviewReasons).sort()).toEqual(["LOW_CONFIDENCE:proveedorCuit:error", "VALIDATION:fecha:error", "VALIDATION:total:warning"]);
    const view = await caller().documents.get({ id: doc.id });
    expect(view.needsReview).toBe(true);
    expect(view.reviewReasons.find((r) => r.code === "LOW_CONFIDENCE")?.message).toBe("CUIT del proveedor con baja confianza (60 %)");
  });

  it("a field the document type requires is missing (Factura A without the buyer's CUIT, neto or IVA; any type without CAE or razón social): a warning, NEEDS_REVIEW", async () => {
    const fields = cleanFields(next(), { receptorCuit: null, cae: null, proveedorRazonSocial: null, caeVencimiento: null });
    const doc = await parsedDocument(tenantId, fields);
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    expect(codes(doc.reviewReasons).sort()).toEqual(["MISSING:cae:warning", "MISSING:proveedorRazonSocial:warning", "MISSING:receptorCuit:warning"]);
    const facturaB = cleanFields(next(), { tipoCodigo: 6, tipo: "FACTURA_B", receptorCuit: null, neto: null, iva: null });
    expect((await parsedDocument(tenantId, facturaB)).reviewStatus).toBe("UNREVIEWED");
  });

  it("a field the parser flagged (fieldMeta flag) is a reason: an error on a required field, a warning otherwise", async () => {
    const fields = cleanFields(next());
    const meta = confidentMeta(fields, { total: { flag: "El QR dice 1210,00 y el texto 1201,00" }, cae: { flag: "El CAE del texto no coincide con el del QR" } });
    const doc = await parsedDocument(tenantId, fields, meta);
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    expect(codes(doc.reviewReasons).sort()).toEqual(["FLAGGED:cae:warning", "FLAGGED:total:error"]);
    expect((doc.reviewReasons as { message: string }[]).map((r) => r.message)).toContain("Total: El QR dice 1210,00 y el texto 1201,00");
  });
});

describe("confirmar, corregir, marcar como revisado", () => {
  it("confirmField: source USER, confidence 1, value and version unchanged, recorded as a CONFIRMATION; the reason goes", async () => {
    const fields = cleanFields(next());
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { total: { source: "TEXT", confidence: 0.5 } }));
    await expect(caller().documents.markReviewed({ id: doc.id, acknowledgeWarnings: true })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Quedan errores sin resolver: Total con baja confianza \(50 %\)/) });

    const view = await caller().documents.confirmField({ id: doc.id, field: "total" });
    expect(view).toMatchObject({ total: 1210, version: doc.version, reviewStatus: "UNREVIEWED", reviewReasons: [] });
    expect(view.fieldMeta.total).toEqual({ source: "USER", confidence: 1 });
    expect(view.fieldMeta.numero).toEqual({ source: "QR", confidence: 0.99 });
    const rows = await db().documentCorrection.findMany({ where: { documentId: doc.id } });
    expect(rows.map((r) => [r.field, r.kind, r.oldValue, r.newValue, r.userId])).toEqual([["total", "CONFIRMATION", 1210, 1210, owner.id]]);
    expect(extractFields(await row(doc.id))).toEqual(extractFields(doc));
  });

  it("confirmField clears a parser flag; an empty field cannot be confirmed", async () => {
    const fields = cleanFields(next(), { receptorNombre: null });
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { total: { flag: "Fuentes distintas" } }));
    await caller().documents.confirmField({ id: doc.id, field: "total" });
    expect(await row(doc.id)).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [] });
    await expect(caller().documents.confirmField({ id: doc.id, field: "receptorNombre" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/No hay un valor para confirmar/) });
  });

  it("errors block; warnings need acknowledgeWarnings; then REVIEWED with who and when, audited", async () => {
    const fields = cleanFields(next(), { total: 1300 });
    const doc = await parsedDocument(tenantId, fields);
    expect(codes(doc.reviewReasons)).toEqual(["VALIDATION:total:warning"]);
    const refused = await caller()
      .documents.markReviewed({ id: doc.id })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Hay una advertencia: confirmá que las revisaste/) });
    expect((await row(doc.id)).reviewStatus).toBe("NEEDS_REVIEW");

    const before = Date.now();
    const view = await caller().documents.markReviewed({ id: doc.id, acknowledgeWarnings: true });
    expect(view).toMatchObject({ reviewStatus: "REVIEWED", reviewedById: owner.id, needsReview: false });
    expect(view.reviewedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(codes(view.reviewReasons)).toEqual(["VALIDATION:total:warning"]);
    const audit = await db().auditEntry.findMany({ where: { tenantId, action: "DOCUMENT_REVIEWED" } });
    expect(audit).toContainEqual(expect.objectContaining({ actorId: owner.id, targetName: `FACTURA_A 00003-${String(numero).padStart(8, "0")} (${doc.fileName})`, oldValue: "NEEDS_REVIEW", newValue: expect.stringMatching(/^REVIEWED \(advertencias aceptadas: El total/) }));
    // Again: nothing changes, no second entry.
    await caller().documents.markReviewed({ id: doc.id });
    expect(await db().auditEntry.count({ where: { tenantId, action: "DOCUMENT_REVIEWED", targetName: { contains: doc.fileName } } })).toBe(1);
  });

  it("a correction on a REVIEWED document that fixes or keeps the problems keeps it REVIEWED; one that makes a new problem reopens it", async () => {
    // Its own issuer: a corrected razón social teaches the supplier directory, which would flag PROVEEDOR's next documents.
    const fields = cleanFields(next(), { total: 1300, proveedorCuit: validCuit("3071234900") });
    const doc = await parsedDocument(tenantId, fields);
    await caller().documents.markReviewed({ id: doc.id, acknowledgeWarnings: true });

    const fixed = await caller().documents.correct({ id: doc.id, fields: { total: 1210 } });
    expect(fixed.document).toMatchObject({ reviewStatus: "REVIEWED", reviewReasons: [] });
    const name = await caller().documents.correct({ id: doc.id, fields: { proveedorRazonSocial: "Proveedor Corregido SA" } });
    expect(name.document.reviewStatus).toBe("REVIEWED");

    const future = await caller().documents.correct({ id: doc.id, fields: { fecha: "2099-01-01" } });
    expect(future.document).toMatchObject({ reviewStatus: "NEEDS_REVIEW", reviewedAt: null, reviewedById: null });
    expect(codes(future.document.reviewReasons)).toEqual(["VALIDATION:fecha:error", "VALIDATION:caeVencimiento:warning"]);
    await expect(caller().documents.markReviewed({ id: doc.id, acknowledgeWarnings: true })).rejects.toMatchObject({ code: "CONFLICT" });
    const back = await caller().documents.correct({ id: doc.id, fields: { fecha: "2026-11-20" } });
    expect(back.document).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [] });
  });

  it("a correction that fixes the last reason of a NEEDS_REVIEW document makes it UNREVIEWED (still to be marked reviewed)", async () => {
    const fields = cleanFields(next(), { fecha: null });
    const doc = await parsedDocument(tenantId, fields);
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    const { document } = await caller().documents.correct({ id: doc.id, fields: { fecha: "2026-11-21" } });
    expect(document).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [] });
  });

  it("saving one field changes only that field (an extracted empty IVA list stays as it was)", async () => {
    const fields = cleanFields(next(), { iva: [], neto: 1210, receptorNombre: "Estudio Receptor", proveedorCuit: validCuit("3071234950") });
    const doc = await parsedDocument(tenantId, fields);
    const before = extractFields(doc);
    expect(before.iva).toEqual([]);
    const { changed } = await caller().documents.correct({ id: doc.id, version: doc.version, fields: { proveedorRazonSocial: "Solo Esto SA" } });
    expect(changed).toEqual(["proveedorRazonSocial"]);
    const after = await row(doc.id);
    expect(extractFields(after)).toEqual({ ...before, proveedorRazonSocial: "Solo Esto SA" });
    expect(after.fieldMeta).toEqual({ ...(doc.fieldMeta as object), proveedorRazonSocial: { source: "USER", confidence: 1 } });
    const rows = await db().documentCorrection.findMany({ where: { documentId: doc.id } });
    expect(rows.map((r) => [r.field, r.kind])).toEqual([["proveedorRazonSocial", "CORRECTION"]]);
  });
});

describe("bulk", () => {
  it("marks only documents with no open reason and says why the others were skipped", async () => {
    const clean = await parsedDocument(tenantId, cleanFields(next()));
    const warned = await parsedDocument(tenantId, cleanFields(next(), { total: 1300 }));
    const reviewed = await parsedDocument(tenantId, cleanFields(next()));
    await caller().documents.markReviewed({ id: reviewed.id });
    const pending = await db().document.create({ data: { tenantId, fileName: "en-cola.pdf", mimeType: "application/pdf", sizeBytes: 1, sha256: "bulk-pending", storageKey: "k2" } });

    const result = await caller().documents.markReviewedBulk({ ids: [clean.id, warned.id, reviewed.id, pending.id] });
    expect(result.reviewed).toEqual([clean.id]);
    expect(result.skipped).toEqual([
      { id: warned.id, fileName: warned.fileName, reason: "OPEN_REASONS", message: expect.stringMatching(/^El total \(1300\.00\) no coincide/) },
      { id: reviewed.id, fileName: reviewed.fileName, reason: "ALREADY_REVIEWED", message: "Ya estaba revisado" },
      { id: pending.id, fileName: "en-cola.pdf", reason: "NOT_READY", message: "El documento todavía se está procesando" },
    ]);
    expect(await row(clean.id)).toMatchObject({ reviewStatus: "REVIEWED", reviewedById: owner.id });
    expect((await row(warned.id)).reviewStatus).toBe("NEEDS_REVIEW");
  });

  it("an id of another tenant makes the whole call NOT_FOUND; nothing is marked", async () => {
    const mine = await parsedDocument(tenantId, cleanFields(next()));
    const other = await createTenantWith(owner, "Otro Estudio");
    const theirs = await parsedDocument(other.id, cleanFields(next()));
    await expect(caller().documents.markReviewedBulk({ ids: [mine.id, theirs.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await row(mine.id)).reviewStatus).toBe("UNREVIEWED");
    expect((await row(theirs.id)).reviewStatus).toBe("UNREVIEWED");
  });
});

describe("duplicates", () => {
  it("the same CUIT + type + PV + number in two files: both NEEDS_REVIEW with DUPLICATE, the newer links to the older; discarding one clears the other", async () => {
    const n = next();
    const a = await parsedDocument(tenantId, cleanFields(n), undefined, "original.pdf");
    const b = await parsedDocument(tenantId, cleanFields(n), undefined, "copia.pdf");
    const [ra, rb] = [await row(a.id), await row(b.id)];
    expect(ra).toMatchObject({ reviewStatus: "NEEDS_REVIEW", duplicateOfId: null });
    expect(rb).toMatchObject({ reviewStatus: "NEEDS_REVIEW", duplicateOfId: a.id });
    expect(ra.reviewReasons).toEqual([{ code: "DUPLICATE", field: "numero", severity: "error", otherId: b.id, message: "Posible duplicado: el mismo comprobante (CUIT, tipo y número) está en «copia.pdf»" }]);
    expect(codes(rb.reviewReasons)).toEqual(["DUPLICATE:numero:error"]);
    await expect(caller().documents.markReviewed({ id: a.id, acknowledgeWarnings: true })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Posible duplicado/) });
    // Another type, PV or CUIT is not a duplicate.
    const otherPv = await parsedDocument(tenantId, cleanFields(n, { puntoVenta: 4 }));
    expect(otherPv.reviewStatus).toBe("UNREVIEWED");

    await caller().documents.discard({ id: b.id });
    expect(await row(a.id)).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [] });
    expect((await row(b.id)).discardedAt).not.toBeNull();
    expect(await db().auditEntry.count({ where: { tenantId, action: "DOCUMENT_DISCARDED", targetName: { contains: "copia.pdf" } } })).toBe(1);
    const live = await caller().documents.list({ pageSize: 100 });
    expect(live.items.map((d) => d.id)).not.toContain(b.id);
    expect((await caller().documents.list({ review: "DISCARDED" })).items.map((d) => d.id)).toEqual([b.id]);
    await caller().documents.markReviewed({ id: a.id });
    expect((await row(a.id)).reviewStatus).toBe("REVIEWED");
  });

  it("\"no es duplicado\" clears both; a third copy is flagged again and reopens a reviewed one", async () => {
    const n = next();
    const a = await parsedDocument(tenantId, cleanFields(n));
    const b = await parsedDocument(tenantId, cleanFields(n));
    await caller().documents.markNotDuplicate({ id: a.id });
    expect(await row(a.id)).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [] });
    expect(await row(b.id)).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [], notDuplicate: true, duplicateOfId: a.id });
    await expect(caller().documents.markNotDuplicate({ id: a.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().auditEntry.count({ where: { tenantId, action: "DOCUMENT_NOT_DUPLICATE" } })).toBeGreaterThanOrEqual(1);
    await caller().documents.markReviewed({ id: a.id });

    const c = await parsedDocument(tenantId, cleanFields(n));
    expect(codes((await row(c.id)).reviewReasons)).toEqual(["DUPLICATE:numero:error", "DUPLICATE:numero:error"]);
    expect(await row(a.id)).toMatchObject({ reviewStatus: "NEEDS_REVIEW", reviewedAt: null });
    expect(codes((await row(b.id)).reviewReasons)).toEqual(["DUPLICATE:numero:error"]);
    // Deleting the copy clears the others.
    await caller().documents.delete({ id: c.id });
    expect(await row(b.id)).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [] });
    expect((await row(a.id)).reviewReasons).toEqual([]);
  });

  it("a correction that changes the number leaves the pair: the other document loses the reason", async () => {
    const n = next();
    const a = await parsedDocument(tenantId, cleanFields(n));
    const b = await parsedDocument(tenantId, cleanFields(n));
    expect((await row(a.id)).reviewStatus).toBe("NEEDS_REVIEW");
    const { document } = await caller().documents.correct({ id: b.id, fields: { numero: n + 5000 } });
    expect(document).toMatchObject({ reviewStatus: "UNREVIEWED", duplicateOfId: null });
    expect(await row(a.id)).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [] });
  });

  it("a correction that moves a document from one pair into another: the old twin is cleared, the new one flagged, both sides in one save", async () => {
    const n = next();
    const m = n + 7000;
    const oldTwin = await parsedDocument(tenantId, cleanFields(n), undefined, "viejo.pdf");
    const moved = await parsedDocument(tenantId, cleanFields(n), undefined, "movido.pdf");
    const newTwin = await parsedDocument(tenantId, cleanFields(m), undefined, "nuevo.pdf");
    expect((await row(newTwin.id)).reviewStatus).toBe("UNREVIEWED");
    const { document } = await caller().documents.correct({ id: moved.id, fields: { numero: m } });
    // movido.pdf was uploaded before nuevo.pdf: the newer one links to it; both carry the reason.
    expect(document).toMatchObject({ reviewStatus: "NEEDS_REVIEW", duplicateOfId: null });
    expect(codes(document.reviewReasons)).toEqual(["DUPLICATE:numero:error"]);
    expect(await row(oldTwin.id)).toMatchObject({ reviewStatus: "UNREVIEWED", reviewReasons: [], duplicateOfId: null });
    expect(await row(newTwin.id)).toMatchObject({ reviewStatus: "NEEDS_REVIEW", duplicateOfId: moved.id, reviewReasons: [expect.objectContaining({ code: "DUPLICATE", otherId: moved.id, message: expect.stringContaining("«movido.pdf»") })] });
  });
});

describe("roles, list filter and count", () => {
  it("CONTADOR (ACCOUNTANT) may review; a VIEWER may not (FORBIDDEN)", async () => {
    const fields = cleanFields(next());
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { total: { confidence: 0.4 } }));
    const { user: viewer } = await addMember(tenantId, "VIEWER");
    const v = callerFor(viewer, tenantId);
    for (const call of [
      () => v.documents.confirmField({ id: doc.id, field: "total" }),
      () => v.documents.markReviewed({ id: doc.id, acknowledgeWarnings: true }),
      () => v.documents.markReviewedBulk({ ids: [doc.id] }),
      () => v.documents.discard({ id: doc.id }),
      () => v.documents.markNotDuplicate({ id: doc.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const { user: contador } = await addMember(tenantId, "ACCOUNTANT");
    const c = callerFor(contador, tenantId);
    await c.documents.confirmField({ id: doc.id, field: "total" });
    expect(await c.documents.markReviewed({ id: doc.id })).toMatchObject({ reviewStatus: "REVIEWED", reviewedById: contador.id });
  });

  it("the list filters by review state (live documents only) and toReviewCount counts NEEDS_REVIEW", async () => {
    const t = (await createTenantWith(owner, "Estudio Lista")).id;
    const c = callerFor(owner, t);
    const needs = await parsedDocument(t, cleanFields(1, { fecha: null }));
    const clean = await parsedDocument(t, cleanFields(2));
    const done = await parsedDocument(t, cleanFields(3, { proveedorCuit: validCuit("2012345678") }));
    await c.documents.markReviewed({ id: done.id });
    const dropped = await parsedDocument(t, cleanFields(4, { fecha: null }));
    await c.documents.discard({ id: dropped.id });
    expect((await c.documents.list({ review: "NEEDS_REVIEW" })).items.map((d) => d.id)).toEqual([needs.id]);
    expect((await c.documents.list({ review: "UNREVIEWED" })).items.map((d) => d.id)).toEqual([clean.id]);
    expect((await c.documents.list({ review: "REVIEWED" })).items.map((d) => d.id)).toEqual([done.id]);
    expect((await c.documents.list({ status: "COMPLETED" })).total).toBe(3);
    expect(await c.documents.toReviewCount()).toBe(1);
  });

  it("the list counts up to 1,000 and then says there are more; its pages are in upload order", async () => {
    const t = (await createTenantWith(owner, "Estudio Grande")).id;
    await db().$executeRaw`INSERT INTO "Document" ("id", "tenantId", "status", "reviewStatus", "fileName", "mimeType", "sizeBytes", "sha256", "storageKey", "createdAt", "updatedAt")
      SELECT 'big-' || g, ${t}, 'COMPLETED', 'NEEDS_REVIEW', 'f' || g || '.pdf', 'application/pdf', 1, md5('big' || g), 'k' || g, timestamp '2026-01-01' + g * interval '1 minute', now()
      FROM generate_series(1, 1040) AS g`;
    const c = callerFor(owner, t);
    const first = await c.documents.list({ review: "NEEDS_REVIEW", pageSize: 3 });
    expect(first).toMatchObject({ total: 1_000, more: true });
    expect(first.items.map((d) => d.id)).toEqual(["big-1040", "big-1039", "big-1038"]);
    const last = await c.documents.list({ review: "NEEDS_REVIEW", sort: "createdAt", dir: "asc", page: 2, pageSize: 2 });
    expect(last.items.map((d) => d.id)).toEqual(["big-3", "big-4"]);
    // A deep page (ids from the index first, then the rows) keeps the order.
    const deep = await c.documents.list({ review: "NEEDS_REVIEW", page: 51, pageSize: 20 });
    expect(deep.items.map((d) => d.id)).toEqual(Array.from({ length: 20 }, (_, i) => `big-${40 - i}`));
    await db().$executeRaw`DELETE FROM "Document" WHERE "tenantId" = ${t} AND "createdAt" <= timestamp '2026-01-01' + 40 * interval '1 minute'`;
    expect(await c.documents.list({ review: "NEEDS_REVIEW" })).toMatchObject({ total: 1_000, more: false });
  });

  it("nextInQueue (\"Guardar y siguiente\"): the next document of the filtered list; one that left the filter is followed by the first still in it", async () => {
    const t = (await createTenantWith(owner, "Estudio Cola")).id;
    const c = callerFor(owner, t);
    const [d1, d2, d3] = [await parsedDocument(t, cleanFields(1, { fecha: null })), await parsedDocument(t, cleanFields(2, { fecha: null })), await parsedDocument(t, cleanFields(3, { fecha: null }))];
    // Newest first: d3, d2, d1.
    expect(await c.documents.nextInQueue({ currentId: d3.id, review: "NEEDS_REVIEW" })).toEqual({ id: d2.id, remaining: 2 });
    expect(await c.documents.nextInQueue({ currentId: d1.id, review: "NEEDS_REVIEW" })).toEqual({ id: null, remaining: 2 });
    expect((await c.documents.nextInQueue({ currentId: d1.id, review: "NEEDS_REVIEW", sort: "createdAt", dir: "asc" })).id).toBe(d2.id);
    await c.documents.correct({ id: d3.id, fields: { fecha: "2026-11-02" } });
    expect(await c.documents.nextInQueue({ currentId: d3.id, review: "NEEDS_REVIEW" })).toEqual({ id: d2.id, remaining: 2 });
  });
});

describe("on the real pipeline", () => {
  it("a parsed QR invoice is reviewable; a reprocess reopens a REVIEWED document (NOT_READY while it runs)", async () => {
    const invoice = await generateInvoice({ seed: 1401, format: "pdf-qr", tipoCodigo: 1 });
    const t = (await createTenantWith(owner, "Estudio Pipeline")).id;
    const c = callerFor(owner, t);
    const { document } = await uploadDocument({ tenantId: t, userId: owner.id, role: "OWNER" }, invoice);
    expect((await row(document.id)).reviewStatus).toBe("NOT_READY");
    const parsed = await settled(document.id);
    expect(parsed.status).toBe("COMPLETED");
    expect(["UNREVIEWED", "NEEDS_REVIEW"]).toContain(parsed.reviewStatus);
    for (const r of (parsed.reviewReasons as { code: string; field: "total" }[]).filter((r) => r.code === "LOW_CONFIDENCE")) await c.documents.confirmField({ id: parsed.id, field: r.field });
    await c.documents.markReviewed({ id: parsed.id, acknowledgeWarnings: true });
    expect((await row(parsed.id)).reviewStatus).toBe("REVIEWED");

    const pending = await c.documents.reprocess({ id: parsed.id });
    expect(pending).toMatchObject({ status: "PENDING", reviewStatus: "NOT_READY", reviewedAt: null, reviewedById: null });
    const again = await settled(parsed.id);
    expect(again.status).toBe("COMPLETED");
    expect(["UNREVIEWED", "NEEDS_REVIEW"]).toContain(again.reviewStatus);
    expect(again.reviewedAt).toBeNull();
  }, 120_000);

  it("the same comprobante uploaded as two different files: both show DUPLICATE", async () => {
    const invoice = await generateInvoice({ seed: 1402, format: "pdf-qr", tipoCodigo: 6 });
    const t = (await createTenantWith(owner, "Estudio Duplicados")).id;
    const s = { tenantId: t, userId: owner.id, role: "OWNER" as const };
    const first = await uploadDocument(s, invoice);
    await settled(first.document.id);
    const copy = { bytes: new Uint8Array([...invoice.bytes, ...new TextEncoder().encode("\n% otra copia\n")]), fileName: "copia-escaneada.pdf" };
    const second = await uploadDocument(s, copy);
    expect(second.duplicate).toBe(false);
    await settled(second.document.id);
    const [a, b] = [await row(first.document.id), await row(second.document.id)];
    expect(codes(a.reviewReasons)).toContain("DUPLICATE:numero:error");
    expect(codes(b.reviewReasons)).toContain("DUPLICATE:numero:error");
    expect(b).toMatchObject({ reviewStatus: "NEEDS_REVIEW", duplicateOfId: a.id });
    expect(await callerFor(owner, t).documents.toReviewCount()).toBe(2);
  }, 120_000);
});
