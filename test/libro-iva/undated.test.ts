/**
 * A document with no date (not read yet, or its date never found) falls in no month, so it could
 * drop out of every purchase book unnoticed: it blocks every month of its client (with a link to
 * fill in the date) until dated or discarded; with no receptor CUIT either, every client's month.
 * One still being read says so instead of asking for a field. The run checks the same.
 */
import { finishedRun, libroEngineReady } from "./support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { cleanFields, parsedDocument, validCuit } from "../documents/support/review";

let owner: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;
const CLIENT_A = validCuit("3070888111");
const CLIENT_B = validCuit("3070888222");
const asOwner = () => callerFor(owner, tenantId);
let n = 700;
const docFor = (receptorCuit: string | null, o: Parameters<typeof cleanFields>[1] = {}) => parsedDocument(tenantId, cleanFields(++n, { receptorCuit, fecha: "2026-10-10", ...o }));
const blockersOf = async (clientId: string, period: string) => (await asOwner().libroIva.preflight({ clientId, period })).blockers.map((b) => [b.documentId, b.code, b.field, b.message]);

let engine: Awaited<typeof libroEngineReady>;
beforeAll(async () => {
  engine = await libroEngineReady;
  owner = await createUser({ name: "Dueña Sin Fecha" });
  tenantId = (await createTenantWith(owner, "Estudio Sin Fecha")).id;
});
afterAll(() => engine?.stop());

describe("documents with no date", () => {
  it("block every month of their client until dated; with no receptor CUIT either, every client's; one being read says so", async () => {
    const alfa = await asOwner().clients.create({ cuit: CLIENT_A, razonSocial: "Alfa SA" });
    const beta = await asOwner().clients.create({ cuit: CLIENT_B, razonSocial: "Beta SA" });
    for (const cuit of [CLIENT_A, CLIENT_B]) await asOwner().documents.markReviewed({ id: (await docFor(cuit)).id });

    const undated = await docFor(CLIENT_A, { fecha: null });
    const noDate = [undated.id, "NO_DATE", "fecha", expect.stringMatching(/^Sin fecha: no se sabe de qué mes es/)];
    expect(await blockersOf(alfa.id, "2026-10")).toEqual([noDate]);
    expect(await blockersOf(alfa.id, "2026-11"), "every month of the client").toEqual([noDate]);
    expect(await blockersOf(beta.id, "2026-10"), "not another client's").toEqual([]);
    const label = (await asOwner().libroIva.preflight({ clientId: alfa.id, period: "2026-11" })).blockers[0]!.label;
    expect(label).toMatch(/^Proveedor SA · Factura A · 00003-/);

    // The run checks again: blocked with the same reason, no file.
    const blocked = await finishedRun(asOwner, (await asOwner().libroIva.generate({ clientId: alfa.id, period: "2026-10" })).runId);
    expect(blocked.status).toBe("BLOCKED");
    expect((blocked.blockers as { code: string }[]).map((b) => b.code)).toEqual(["NO_DATE"]);

    // Neither receptor CUIT nor date: every client's months. Still being read: says so.
    const orphan = await docFor(null, { fecha: null });
    const reading = await db().document.create({ data: { tenantId, fileName: "leyendo.pdf", mimeType: "application/pdf", sizeBytes: 100, sha256: "f".repeat(64), storageKey: "test/leyendo" } });
    for (const [client, period] of [[beta.id, "2026-10"], [beta.id, "2027-01"]] as const) {
      expect(await blockersOf(client, period)).toEqual(
        [
          [orphan.id, "NO_CLIENT", "receptorCuit", expect.stringMatching(/^Sin CUIT del receptor/)],
          [reading.id, "NO_CLIENT", "receptorCuit", "Todavía se está leyendo"],
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
    }

    // Dated on the review page: it is October's document now, and no longer blocks November.
    const fresh = await asOwner().documents.get({ id: undated.id });
    await asOwner().documents.correct({ id: undated.id, version: fresh.version, fields: { fecha: "2026-10-20" } });
    await asOwner().documents.markReviewed({ id: undated.id });
    await asOwner().documents.discard({ id: orphan.id });
    await asOwner().documents.discard({ id: reading.id });
    const october = await asOwner().libroIva.preflight({ clientId: alfa.id, period: "2026-10" });
    expect([october.documents, october.blockers, october.ready]).toEqual([2, [], true]);
    expect(await blockersOf(alfa.id, "2026-11")).toEqual([]);
    const done = await finishedRun(asOwner, (await asOwner().libroIva.generate({ clientId: alfa.id, period: "2026-10" })).runId);
    expect(done.status).toBe("DONE");
  });
});
