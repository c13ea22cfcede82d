/**
 * document.processed carries the review state (issue 24 §5), in version 2 of the catalogue: the
 * seed's `estado` as it was, plus `requiereRevision` and the open reasons, from the real parse
 * save step on a real database.
 */
import { engineReady } from "../documents/support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { eventCatalog, parseDomainEvent } from "@/server/events/catalog";
import { createTenantWith, createUser } from "../support/factories";
import { cleanFields, confidentMeta, parsedDocument } from "../documents/support/review";

let engine: Awaited<typeof engineReady>;
let tenantId: string;
beforeAll(async () => {
  engine = await engineReady;
  tenantId = (await createTenantWith(await createUser())).id;
}, 60_000);
afterAll(() => engine?.stop());

async function processedEvent(documentId: string) {
  const rows = await db().domainEvent.findMany({ where: { tenantId, type: "document.processed" } });
  const bodies = rows.map((r) => ({ version: r.version, body: JSON.parse(r.body) as Record<string, unknown> }));
  return bodies.find((b) => b.body.documentoId === documentId)!;
}

describe("document.processed v2", () => {
  it("says a document needs review, with its reasons; the seed's fields stay as they are", async () => {
    const fields = cleanFields(501, { fecha: null });
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields, { proveedorCuit: { source: "OCR", confidence: 0.6 } }));
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    const { version, body } = await processedEvent(doc.id);
    expect(version).toBe(3);
    expect(body).toMatchObject({ type: "document.processed", version: 3, documentoId: doc.id, estado: "completed", requiereRevision: true });
    expect((body.motivosRevision as { codigo: string; campo: string; severidad: string; mensaje: string }[]).map((m) => `${m.codigo}:${m.campo}:${m.severidad}`).sort()).toEqual([
      "LOW_CONFIDENCE:proveedorCuit:error",
      "VALIDATION:fecha:error",
    ]);
    expect(parseDomainEvent(body)).toEqual(body);
    for (const seedField of ["documentoId", "tipo", "numero", "fecha", "total", "proveedor", "estado"]) expect(body).toHaveProperty(seedField);
  });

  it("a clean parse does not need review", async () => {
    const doc = await parsedDocument(tenantId, cleanFields(502));
    expect(doc.reviewStatus).toBe("UNREVIEWED");
    expect((await processedEvent(doc.id)).body).toMatchObject({ estado: "completed", requiereRevision: false, motivosRevision: [] });
  });

  it("the catalogue documents the new version and what it added", () => {
    const def = eventCatalog["document.processed"];
    expect(def.version).toBe(3);
    expect(def.changes?.find((c) => c.version === 2)).toMatchObject({ change: expect.stringContaining("requiereRevision") });
  });
});
