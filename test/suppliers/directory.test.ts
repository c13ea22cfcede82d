/**
 * The supplier directory on a real database: learning from "marcar como revisado" (one and bulk)
 * and from a corrected razón social, a person's entry never replaced by learning, the parse save
 * step filling a missing razón social (source DIRECTORY) and flagging a different one (review
 * reason) — on saved outcomes and on the real pipeline with generated invoices — and the
 * `suppliers` procedures (roles, validation, audit, search).
 */
import { engineReady } from "../documents/support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { uploadDocument } from "@/server/documents/upload-document";
import type { FieldMetaMap } from "@/lib/documents/fields";
import { generateInvoice } from "../corpus/generate";
import { addMember, callerFor, createTenantWith, createUser, settledDocument } from "../support/factories";
import { cleanFields, confidentMeta, parsedDocument, validCuit } from "../documents/support/review";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let tenantId: string;
let numero = 500;
const next = () => ++numero;
let cuitSeq = 0;
/** A fresh issuer per test: directory entries are per CUIT. */
const freshCuit = () => validCuit(String(3068000000 + 100 * ++cuitSeq));
const caller = () => callerFor(owner, tenantId);
const entry = (cuit: string) => db().supplier.findUnique({ where: { tenantId_cuit: { tenantId, cuit } } });
const metaOf = (doc: { fieldMeta: unknown }) => doc.fieldMeta as FieldMetaMap;

let engine: Awaited<typeof engineReady>;
beforeAll(async () => {
  engine = await engineReady;
  owner = await createUser({ name: "Contadora Directorio" });
  tenantId = (await createTenantWith(owner, "Estudio Directorio")).id;
});
afterAll(() => engine?.stop());

const settled = (id: string) => settledDocument(id);

describe("learning", () => {
  it("marcar como revisado teaches CUIT → razón social (LEARNED, who); a later reviewed name updates a LEARNED entry", async () => {
    const cuit = freshCuit();
    const doc = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Aprendida Uno SA" }));
    expect(await entry(cuit)).toBeNull();
    await caller().documents.markReviewed({ id: doc.id });
    expect(await entry(cuit)).toMatchObject({ razonSocial: "Aprendida Uno SA", source: "LEARNED", updatedById: owner.id });

    // The next document prints another name: flagged at parse; reviewed anyway → the learned entry follows.
    const renamed = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Aprendida Uno Renombrada SA" }));
    expect(renamed.reviewStatus).toBe("NEEDS_REVIEW");
    await caller().documents.markReviewed({ id: renamed.id, acknowledgeWarnings: true });
    expect(await entry(cuit)).toMatchObject({ razonSocial: "Aprendida Uno Renombrada SA", source: "LEARNED" });
  });

  it("bulk marking teaches every reviewed issuer; a document without a name teaches nothing", async () => {
    const [a, b] = [freshCuit(), freshCuit()];
    const d1 = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: a, proveedorRazonSocial: "Masiva Uno SRL" }));
    const d2 = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: b, proveedorRazonSocial: null }));
    // The one without a name has an open reason (its type requires the razón social): bulk skips it.
    const res = await caller().documents.markReviewedBulk({ ids: [d1.id, d2.id] });
    expect(res.reviewed).toEqual([d1.id]);
    expect(await entry(a)).toMatchObject({ razonSocial: "Masiva Uno SRL", source: "LEARNED" });
    await caller().documents.markReviewed({ id: d2.id, acknowledgeWarnings: true });
    expect(await entry(b)).toBeNull();
  });

  it("a person's correction of the razón social teaches it; other corrections do not", async () => {
    const cuit = freshCuit();
    const doc = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Leido Mal SA" }));
    await caller().documents.correct({ id: doc.id, fields: { total: 1210.5 } });
    expect(await entry(cuit)).toBeNull();
    await caller().documents.correct({ id: doc.id, fields: { proveedorRazonSocial: "Leído Bien SA" } });
    expect(await entry(cuit)).toMatchObject({ razonSocial: "Leído Bien SA", source: "LEARNED", updatedById: owner.id });
  });

  it("confirming a flagged printed name (Confirmar) teaches it over a LEARNED entry", async () => {
    const cuit = freshCuit();
    const first = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Nombre Viejo SA" }));
    await caller().documents.markReviewed({ id: first.id });
    const doc = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Nombre Nuevo SA" }));
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    const view = await caller().documents.confirmField({ id: doc.id, field: "proveedorRazonSocial" });
    expect(view.reviewStatus).toBe("UNREVIEWED");
    expect(await entry(cuit)).toMatchObject({ razonSocial: "Nombre Nuevo SA", source: "LEARNED" });
  });

  it("a person's entry (USER) is never replaced by learning: not by a correction, not by a review", async () => {
    const cuit = freshCuit();
    await caller().suppliers.create({ cuit, razonSocial: "Nombre Oficial SA", condicionIva: "1" });
    const doc = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Nombre De Fantasia" }));
    await caller().documents.correct({ id: doc.id, fields: { proveedorRazonSocial: "Otro Nombre Corregido" } });
    await caller().documents.markReviewed({ id: doc.id, acknowledgeWarnings: true });
    expect(await entry(cuit)).toMatchObject({ razonSocial: "Nombre Oficial SA", condicionIva: "1", source: "USER" });
  });
});

describe("the parse save step uses the directory", () => {
  it("a razón social the page does not print is filled from the directory (source DIRECTORY, 95 %), with a note", async () => {
    const cuit = freshCuit();
    await caller().suppliers.create({ cuit, razonSocial: "Servicios Del Directorio SRL" });
    const fields = cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: null });
    const doc = await parsedDocument(tenantId, fields);
    expect(doc.proveedorRazonSocial).toBe("Servicios Del Directorio SRL");
    expect(metaOf(doc).proveedorRazonSocial).toEqual({ source: "DIRECTORY", confidence: 0.95 });
    expect(doc.reviewStatus).toBe("UNREVIEWED");
    expect((doc.parseReport as { notes: string[] }).notes).toContain("Razón social tomada del directorio de proveedores («Servicios Del Directorio SRL»): el comprobante no la muestra");
    const view = await caller().documents.get({ id: doc.id });
    expect(view.proveedorRazonSocial).toBe("Servicios Del Directorio SRL");
  });

  it("a CUIT read with low confidence does not fetch a name (it may be another company's)", async () => {
    const cuit = freshCuit();
    await caller().suppliers.create({ cuit, razonSocial: "No Debe Aparecer SA" });
    const fields = cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: null });
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { proveedorCuit: { source: "OCR", confidence: 0.6 } }));
    expect(doc.proveedorRazonSocial).toBeNull();
    expect(metaOf(doc).proveedorRazonSocial).toBeUndefined();
  });

  it("the same name printed differently (case, accents, punctuation, S.A./SA) agrees: confidence up, no flag", async () => {
    const cuit = freshCuit();
    await caller().suppliers.create({ cuit, razonSocial: "Ferretería San Martín S.R.L." });
    const fields = cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "FERRETERIA SAN MARTIN SRL" });
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { proveedorRazonSocial: { source: "TEXT", confidence: 0.6 } }));
    expect(doc.proveedorRazonSocial).toBe("FERRETERIA SAN MARTIN SRL");
    expect(metaOf(doc).proveedorRazonSocial).toEqual({ source: "TEXT", confidence: 0.98 });
    expect(doc.reviewStatus).toBe("UNREVIEWED");
  });

  it("a different printed name stays, flagged: the document goes to review with that reason", async () => {
    const cuit = freshCuit();
    await caller().suppliers.create({ cuit, razonSocial: "Distribuidora Del Plata SA" });
    const fields = cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Logística Pampeana S.A." });
    const doc = await parsedDocument(tenantId, fields);
    expect(doc.proveedorRazonSocial).toBe("Logística Pampeana S.A.");
    expect(metaOf(doc).proveedorRazonSocial).toEqual({ source: "QR", confidence: 0.99, flag: "No coincide con el directorio de proveedores: «Distribuidora Del Plata SA»" });
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    expect(doc.reviewReasons).toEqual([{ code: "FLAGGED", field: "proveedorRazonSocial", severity: "warning", message: "Razón social: No coincide con el directorio de proveedores: «Distribuidora Del Plata SA»" }]);
    // A person's correction is the truth: the flag goes with it.
    const { document } = await caller().documents.correct({ id: doc.id, fields: { proveedorRazonSocial: "Distribuidora Del Plata SA" } });
    expect(document.reviewStatus).toBe("UNREVIEWED");
  });

  it("a razón social a person corrected is kept on reprocess: the directory does not touch it", async () => {
    const cuit = freshCuit();
    await caller().suppliers.create({ cuit, razonSocial: "Directorio Dice SA" });
    const fields = cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "La Persona Dice SA" });
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { proveedorRazonSocial: { source: "USER", confidence: 1 } }));
    expect(metaOf(doc).proveedorRazonSocial).toEqual({ source: "USER", confidence: 1 });
    expect(doc.reviewStatus).toBe("UNREVIEWED");
  });
});

describe("the real pipeline on generated invoices", () => {
  const s = () => ({ tenantId, userId: owner.id, role: "OWNER" as const });

  it("an invoice that prints no razón social gets the directory's (DIRECTORY); one that prints another is flagged (NEEDS_REVIEW)", { timeout: 180_000 }, async () => {
    const cuit = freshCuit();
    await caller().suppliers.create({ cuit, razonSocial: "Tecnología Andina S.R.L.", condicionIva: "1" });

    const unnamed = await generateInvoice({ seed: 1501, format: "pdf-qr", tipoCodigo: 1, layout: "afip", issuerCuit: cuit, issuerName: null });
    const a = await settled((await uploadDocument(s(), unnamed)).document.id);
    expect(a.status).toBe("COMPLETED");
    expect(a.proveedorCuit).toBe(cuit);
    expect(a.proveedorRazonSocial).toBe("Tecnología Andina S.R.L.");
    expect(metaOf(a).proveedorRazonSocial).toMatchObject({ source: "DIRECTORY", confidence: 0.95 });

    const other = await generateInvoice({ seed: 1502, format: "pdf-qr", tipoCodigo: 1, layout: "afip", issuerCuit: cuit, issuerName: "PAPELERA CÓRDOBA S.A." });
    const b = await settled((await uploadDocument(s(), other)).document.id);
    expect(b.proveedorRazonSocial).toBe("PAPELERA CÓRDOBA S.A.");
    expect(metaOf(b).proveedorRazonSocial?.flag).toBe("No coincide con el directorio de proveedores: «Tecnología Andina S.R.L.»");
    expect(b.reviewStatus).toBe("NEEDS_REVIEW");
    expect(b.reviewReasons).toContainEqual(expect.objectContaining({ code: "FLAGGED", field: "proveedorRazonSocial", message: "Razón social: No coincide con el directorio de proveedores: «Tecnología Andina S.R.L.»" }));

    const same = await generateInvoice({ seed: 1503, format: "pdf-qr", tipoCodigo: 1, layout: "afip", issuerCuit: cuit, issuerName: "TECNOLOGIA ANDINA SRL" });
    const c = await settled((await uploadDocument(s(), same)).document.id);
    expect(metaOf(c).proveedorRazonSocial).toMatchObject({ source: "TEXT", confidence: 0.98 });
    expect(metaOf(c).proveedorRazonSocial?.flag).toBeUndefined();
  });
});

describe("suppliers procedures", () => {
  it("create validates the CUIT (check digit, dashes accepted) and refuses one already in the directory", async () => {
    await expect(caller().suppliers.create({ cuit: "30-71234567-0", razonSocial: "X" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().suppliers.create({ cuit: freshCuit(), razonSocial: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().suppliers.create({ cuit: freshCuit(), razonSocial: "X", condicionIva: "99" as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const cuit = freshCuit();
    const created = await caller().suppliers.create({ cuit: `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`, razonSocial: " Con Guiones SA " });
    expect(created).toMatchObject({ cuit, razonSocial: "Con Guiones SA", source: "USER", updatedById: owner.id });
    await expect(caller().suppliers.create({ cuit, razonSocial: "Otra" })).rejects.toMatchObject({ code: "CONFLICT", message: "Ese CUIT ya está en el directorio como «Con Guiones SA»: editalo en la lista" });
  });

  it("update makes a learned entry the person's (USER), audited; delete is audited; list searches name or CUIT", async () => {
    const cuit = freshCuit();
    const doc = await parsedDocument(tenantId, cleanFields(next(), { proveedorCuit: cuit, proveedorRazonSocial: "Buscable Aprendida SA" }));
    await caller().documents.markReviewed({ id: doc.id });
    const learned = (await entry(cuit))!;
    const updated = await caller().suppliers.update({ id: learned.id, razonSocial: "Buscable Editada SA", condicionIva: "6" });
    expect(updated).toMatchObject({ razonSocial: "Buscable Editada SA", condicionIva: "6", source: "USER", updatedById: owner.id });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { tenantId, action: "SUPPLIER_SAVED", oldValue: "Buscable Aprendida SA" } });
    expect(audit.newValue).toBe("Buscable Editada SA · Responsable Monotributo");

    const byName = await caller().suppliers.list({ search: "buscable edit" });
    expect(byName.items.map((i) => i.cuit)).toEqual([cuit]);
    expect(byName.items[0]).toMatchObject({ source: "USER", updatedByName: "Contadora Directorio" });
    const byCuit = await caller().suppliers.list({ search: `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}` });
    expect(byCuit.items.map((i) => i.cuit)).toEqual([cuit]);

    await caller().suppliers.delete({ id: learned.id });
    expect(await entry(cuit)).toBeNull();
    expect(await db().auditEntry.count({ where: { tenantId, action: "SUPPLIER_DELETED", oldValue: "Buscable Editada SA · Responsable Monotributo" } })).toBe(1);
    await expect(caller().suppliers.delete({ id: learned.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("every member reads the directory; only CONTADOR and above edit it", async () => {
    const cuit = freshCuit();
    const created = await caller().suppliers.create({ cuit, razonSocial: "Solo Lectura SA" });
    const { user: viewer } = await addMember(tenantId, "VIEWER");
    const v = callerFor(viewer, tenantId);
    expect((await v.suppliers.list({ search: "solo lectura" })).items).toHaveLength(1);
    for (const call of [() => v.suppliers.create({ cuit: freshCuit(), razonSocial: "X" }), () => v.suppliers.update({ id: created.id, razonSocial: "X" }), () => v.suppliers.delete({ id: created.id })]) {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const { user: accountant } = await addMember(tenantId, "ACCOUNTANT");
    await expect(callerFor(accountant, tenantId).suppliers.update({ id: created.id, razonSocial: "Editada Por Contador SA" })).resolves.toMatchObject({ razonSocial: "Editada Por Contador SA" });
  });
});
