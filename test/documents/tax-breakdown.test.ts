/**
 * The tax breakdown (issue 15) end to end on a real database: the parse save step stores it and
 * puts it in document.processed (`importes`, added to the seed payload); a breakdown that does
 * not add up puts the document in review; a correction of the breakdown (USER, audited) clears
 * it and reaches what export mappings see, the JSON/CSV download and the public API.
 */
import { beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { documentsCsv } from "@/server/exports/spreadsheet/csv";
import { db } from "@/server/db/client";
import { parseDomainEvent } from "@/server/events/catalog";
import { pushMappingInput } from "@/server/exports/mapping-input";
import { getPublicDocument } from "@/server/public-api/documents";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { cleanFields, confidentMeta, parsedDocument } from "./support/review";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let tenantId: string;
let numero = 500;
const caller = () => callerFor(owner, tenantId);

beforeAll(async () => {
  owner = await createUser({ name: "Contador Impuestos" });
  tenantId = (await createTenantWith(owner, "Estudio Tributos")).id;
});

const processedEvent = async (documentId: string) => {
  const events = await db().domainEvent.findMany({ where: { tenantId, type: "document.processed" } });
  const payload = events.map((e) => JSON.parse(e.body) as { documentoId?: string }).find((p) => p.documentoId === documentId);
  if (!payload) throw new Error("no document.processed event");
  // the stored body parses with the versioned catalogue schema (the seed's fields plus `importes`)
  return parseDomainEvent(payload) as { importes?: Record<string, unknown>; total: number | null };
};

describe("tax breakdown", () => {
  it("a parse that adds up: stored, UNREVIEWED, in document.processed `importes`", async () => {
    const fields = cleanFields(++numero, { total: 1361.5, noGravado: 40, exento: 10, percepcionesIva: 30, percepcionesIibb: [{ jurisdiccion: "CABA", amount: 51.5 }, { jurisdiccion: "Buenos Aires", amount: 15 }], impuestosInternos: 5 });
    const doc = await parsedDocument(tenantId, fields);
    expect(doc.reviewStatus).toBe("UNREVIEWED");
    expect(doc.exento?.toNumber()).toBe(10);
    expect(doc.percepcionesIibb).toEqual([{ jurisdiccion: "CABA", amount: 51.5 }, { jurisdiccion: "Buenos Aires", amount: 15 }]);
    const event = await processedEvent(doc.id);
    expect(event.importes).toEqual({
      neto: 1000,
      iva: 210,
      noGravado: 40,
      exento: 10,
      percepcionesIva: 30,
      percepcionesIibb: [{ jurisdiccion: "CABA", amount: 51.5 }, { jurisdiccion: "Buenos Aires", amount: 15 }],
      impuestosInternos: 5,
      otrosTributos: null,
      otrosImpuestos: null,
    });
  });

  it("a missing perception: the totals warning puts it in review; correcting the breakdown clears it and reaches mappings, downloads and the public API", async () => {
    const fields = cleanFields(++numero, { total: 1290.75 });
    const doc = await parsedDocument(tenantId, fields, confidentMeta(fields));
    expect(doc.reviewStatus).toBe("NEEDS_REVIEW");
    expect((doc.reviewReasons as { code: string; field: string }[]).map((r) => `${r.code}:${r.field}`)).toContain("VALIDATION:total");

    const result = await caller().documents.correct({ id: doc.id, version: doc.version, fields: { percepcionesIva: 30.75, percepcionesIibb: [{ jurisdiccion: "Santa Fe", amount: 50 }] } });
    expect(result.changed.sort()).toEqual(["percepcionesIibb", "percepcionesIva"]);
    const row = await db().document.findUniqueOrThrow({ where: { id: doc.id } });
    expect(row.reviewStatus).toBe("UNREVIEWED");
    expect((row.fieldMeta as Record<string, { source: string }>).percepcionesIibb?.source).toBe("USER");
    const audit = await db().documentCorrection.findMany({ where: { documentId: doc.id }, orderBy: { field: "asc" } });
    expect(audit.map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
      ["percepcionesIibb", null, [{ jurisdiccion: "Santa Fe", amount: 50 }]],
      ["percepcionesIva", null, 30.75],
    ]);

    const input = pushMappingInput(row);
    expect(input).toMatchObject({ otrosImpuestos: null, percepcionesIva: 30.75, percepcionesIibb: [{ jurisdiccion: "Santa Fe", amount: 50 }], percepcionesIibbTotal: 50, noGravado: null, exento: null, impuestosInternos: null, otrosTributos: null, total: 1290.75 });

    const downloaded = await caller().exports.download({ selection: { documentIds: [doc.id] } });
    expect(downloaded[0]).toMatchObject({ percepcionesIva: 30.75, percepcionesIibb: [{ jurisdiccion: "Santa Fe", amount: 50 }] });
    const [cells] = Papa.parse<Record<string, string>>(documentsCsv(downloaded).replace(/^\uFEFF/, ""), { header: true, delimiter: ";", skipEmptyLines: true }).data;
    expect(cells).toMatchObject({ total: "1290,75", percepciones_iva: "30,75", percepciones_iibb: "50,00", percepciones_iibb_detalle: "Santa Fe: 50,00", no_gravado: "" });

    expect((await getPublicDocument({ tenantId, userId: owner.id, role: "OWNER" }, doc.id)).fields).toMatchObject({ percepcionesIva: "30.75", percepcionesIibb: [{ jurisdiccion: "Santa Fe", amount: "50.00" }], otrosImpuestos: null }); // the API's convention: decimal strings
  });

  it("a correction that leaves an IIBB perception without jurisdicción is a review warning", async () => {
    const fields = cleanFields(++numero, { total: 1250, percepcionesIibb: [{ jurisdiccion: "CABA", amount: 40 }] });
    const doc = await parsedDocument(tenantId, fields);
    expect(doc.reviewStatus).toBe("UNREVIEWED");
    await caller().documents.correct({ id: doc.id, version: doc.version, fields: { percepcionesIibb: [{ jurisdiccion: null, amount: 40 }] } });
    const row = await db().document.findUniqueOrThrow({ where: { id: doc.id } });
    expect(row.reviewStatus).toBe("NEEDS_REVIEW");
    expect((row.reviewReasons as { field: string; severity: string }[]).find((r) => r.field === "percepcionesIibb")?.severity).toBe("warning");
  });
});
