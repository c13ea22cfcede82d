/**
 * «Mis Comprobantes Recibidos» reconciliation on a real database, with a sample file of every
 * layout in the brief (test/fixtures/mis-comprobantes, built by build.ts from the brief's column
 * lists): the layout is detected from the headers, and the three lists — missing, unknown, matched
 * with differences (a near match inside the tolerance and one outside) — are right for each.
 */
import { engineReady } from "../documents/support/engine-first";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InvoiceFields } from "@/lib/documents/fields";
import { db } from "@/server/db/client";
import { importMisComprobantes } from "@/server/mis-comprobantes/import";
import type { TenantScope } from "@/server/tenants/scope";
import { cleanFields, parsedDocument } from "../documents/support/review";
import { AFIP_ROWS, EXPECTED, OTHER_RECEPTOR, P1, P2, P3, P4, PERIOD, RECEPTOR } from "../fixtures/mis-comprobantes/scenario";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

const FIXTURES = join(import.meta.dirname, "../fixtures/mis-comprobantes");
const file = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;

const doc = (tenantId: string, numero: number, overrides: Partial<InvoiceFields>) =>
  parsedDocument(tenantId, cleanFields(numero, { proveedorCuit: P1.cuit, proveedorRazonSocial: P1.nombre, receptorCuit: RECEPTOR, puntoVenta: 2, ...overrides }));

/** The uploaded documents of the month (and some that must stay out of it). */
async function month() {
  const tenant = await createTenantWith(owner, `Estudio ${Math.random().toString(36).slice(2, 7)}`);
  const t = tenant.id;
  const d = {
    D1: await doc(t, 1201, { fecha: "2026-09-02" }),
    D2: await doc(t, 1202, { fecha: "2026-09-03", neto: 1000.41, iva: [{ rate: 21, base: 1000.41, amount: 210.09 }], total: 1210.5 }),
    D3: await doc(t, 88, { fecha: "2026-09-05", tipoCodigo: 6, tipo: "FACTURA_B", puntoVenta: 5, proveedorCuit: P2.cuit, proveedorRazonSocial: P2.nombre, neto: null, iva: null, total: 5000 }),
    D4: await doc(t, 45, { fecha: "2026-09-08", tipoCodigo: 11, tipo: "FACTURA_C", puntoVenta: 1, proveedorCuit: P3.cuit, proveedorRazonSocial: P3.nombre, neto: null, iva: null, total: 300 }),
    D5: await doc(t, 1203, { fecha: "2026-09-10", iva: [{ rate: 21, base: 1000, amount: 210.01 }], total: 1210.01 }),
    D6: await doc(t, 9, { fecha: "2026-09-11", tipoCodigo: 6, tipo: "FACTURA_B", puntoVenta: 7, proveedorCuit: P4.cuit, proveedorRazonSocial: P4.nombre, neto: null, iva: null, total: 605 }),
    D9: await doc(t, 1204, { fecha: "2026-09-20", neto: 2000, iva: [{ rate: 10.5, base: 1000, amount: 100 }, { rate: 21, base: 1000, amount: 210 }], total: 2310 }),
    D10: await doc(t, 1205, { fecha: "2026-09-25", moneda: "DOL", cotizacion: 1050.25, neto: 100, iva: [{ rate: 21, base: 100, amount: 21 }], otrosTributos: 3.5, total: 124.5 }),
    // another client's invoice of the month, and this client's invoice of the next month: in no list
    X1: await doc(t, 3001, { fecha: "2026-09-09", receptorCuit: OTHER_RECEPTOR }),
    X2: await doc(t, 3002, { fecha: "2026-10-01" }),
  };
  return { tenantId: t, scope: { tenantId: t, userId: owner.id, role: "OWNER" } as TenantScope, d };
}

const afipId = (l: { tipoCodigo: number | null; puntoVenta: number | null; numero: number | null }) =>
  AFIP_ROWS.find((r) => r.tipo === l.tipoCodigo && r.pv === l.puntoVenta && r.numero === l.numero)?.id;

let engine: Awaited<typeof engineReady>;
afterAll(() => engine?.stop());
beforeAll(async () => {
  engine = await engineReady;
  owner = await createUser({ name: "Contadora Conciliadora" });
  // Another organization holds the missing Factura C (A7) for the same receptor: it must never match
  const other = await createTenantWith(owner, "Otro estudio");
  await doc(other.id, 777, { fecha: "2026-09-12", tipoCodigo: 11, tipo: "FACTURA_C", puntoVenta: 3, proveedorCuit: P3.cuit, neto: null, iva: null, total: 2500 });
});

const LAYOUT_FILES = [
  { file: "v16-coma-windows1252.csv", layout: "V16", format: "csv", perRate: false },
  { file: "v17-titulo.xlsx", layout: "V17", format: "xlsx", perRate: false },
  { file: "por-alicuota-puntoycoma.csv", layout: "PER_RATE", format: "csv", perRate: true },
  { file: "por-alicuota-abreviado.xlsx", layout: "PER_RATE_SHORT", format: "xlsx", perRate: true },
  { file: "por-alicuota-en-zip.zip", layout: "PER_RATE", format: "csv", perRate: true },
] as const;

describe.each(LAYOUT_FILES)("$file", ({ file: name, layout, format, perRate }) => {
  it("detects the layout and gets the three lists right", async () => {
    const { scope, tenantId, d } = await month();
    await callerFor(owner, tenantId).documents.markReviewed({ id: d.D4.id, acknowledgeWarnings: true });
    const result = await importMisComprobantes(scope, { bytes: file(name), fileName: name, receptorCuit: RECEPTOR, period: PERIOD });
    expect(result.layout).toBe(layout);

    const view = await callerFor(owner, tenantId).misComprobantes.get({ id: result.id });
    expect(view).toMatchObject({ layout, format, receptorCuit: RECEPTOR, period: PERIOD, afipRows: 9, outsideRows: 1, matched: 3, differences: 4, missing: 2, unknown: 1 });
    const ids = (state: string) =>
      view.lines
        .filter((l) => l.state === state)
        .map((l) => (state === "UNKNOWN" ? Object.entries(d).find(([, v]) => v.id === l.documentId)?.[0] : afipId(l)))
        .sort();
    for (const [state, expected] of Object.entries(EXPECTED)) expect(ids(state), state).toEqual([...expected].sort());

    const line = (id: string) => view.lines.find((l) => afipId(l) === id)!;
    // Inside the tolerance: 1 centavo is equal; 0,50 is a rounding difference; 150,00 and 5,00 are mismatches
    expect(line("A5").diffs).toEqual([]);
    expect(line("A2").diffs).toContainEqual({ field: "total", afip: 1210, document: 1210.5, level: "rounding" });
    expect(line("A3").diffs).toEqual([{ field: "total", afip: 5150, document: 5000, level: "mismatch" }]);
    expect(line("A9").diffs).toContainEqual({ field: "total", afip: 2315, document: 2310, level: "mismatch" });
    expect(line("A9").diffs.some((x) => x.field === "iva 10,5%")).toBe(perRate);
    expect(line("A9").diffs).toContainEqual(expect.objectContaining({ field: perRate ? "iva 10,5%" : "iva", level: "mismatch" }));
    expect(line("A6")).toMatchObject({ documentId: d.D6.id, diffs: expect.arrayContaining([{ field: "tipoCodigo", afip: 1, document: 6, level: "mismatch" }]) });
    // Values as the layout writes them: the CAE as text (a number in the 17-column XLSX), dollars as DOL, names with accents
    expect(line("A1")).toMatchObject({ cae: "76123456789012", moneda: "PES", afipTotal: 1210, documentId: d.D1.id });
    expect(line("A10")).toMatchObject({ moneda: "DOL", afipTotal: 124.5, documentId: d.D10.id, diffs: [] });
    expect(line("A7")).toMatchObject({ emisorCuit: P3.cuit, emisorNombre: "GÓMEZ MARÍA", documentId: null, afipTotal: 2500 });
    expect(view.chart).toEqual({
      matched: { count: 3, amount: 1210 + 1210 + 124.5 },
      differences: { count: 4, amount: 1210 + 5150 + 605 + 2315 },
      missing: { count: 2, amount: 2500 + 121 },
      unknown: { count: 1, amount: 300 },
    });

    // The documents: not in ARCA / different → a review reason (a reviewed one is reopened); matched → none
    const row = (id: string) => db().document.findUniqueOrThrow({ where: { id } });
    const unknown = await row(d.D4.id);
    expect(unknown).toMatchObject({ afipState: "UNKNOWN", afipImportId: result.id, reviewStatus: "NEEDS_REVIEW", reviewedAt: null });
    expect(unknown.reviewReasons).toContainEqual(expect.objectContaining({ code: "NOT_IN_AFIP", severity: "warning", importId: result.id, message: expect.stringMatching(/No figura en Mis Comprobantes de ARCA \(CUIT 30-70000001-6, 09\/2026\)/) }));
    expect((await row(d.D3.id)).reviewReasons).toContainEqual(expect.objectContaining({ code: "AFIP_DIFFERENCE", message: expect.stringMatching(/total: ARCA \$ 5\.150,00, documento \$ 5\.000,00/) }));
    expect((await row(d.D1.id)).afipState).toBe("MATCHED");
    expect((await row(d.D1.id)).reviewReasons).not.toContainEqual(expect.objectContaining({ code: "NOT_IN_AFIP" }));
    expect((await row(d.X1.id)).afipState).toBeNull();
    expect((await row(d.X2.id)).afipState).toBeNull();
  }, 60_000); // ten documents and an import: 10–18 s on a loaded 2-core machine, once over the 20 s default
});

describe("the flag follows the document", () => {
  it("a correction makes the reason stale; a new import that matches clears it", async () => {
    const { scope, tenantId, d } = await month();
    const first = await importMisComprobantes(scope, { bytes: file("por-alicuota-puntoycoma.csv"), fileName: "a.csv", receptorCuit: RECEPTOR, period: PERIOD });
    const caller = callerFor(owner, tenantId);
    expect((await caller.documents.get({ id: d.D4.id })).reviewReasons.map((r) => r.code)).toContain("NOT_IN_AFIP");
    // D4 was really another month's invoice: corrected, the old verdict no longer applies
    await caller.documents.correct({ id: d.D4.id, version: d.D4.version, fields: { fecha: "2026-10-08" } });
    expect((await caller.documents.get({ id: d.D4.id })).reviewReasons.map((r) => r.code)).not.toContain("NOT_IN_AFIP");
    // D3's total corrected to ARCA's and imported again: matched, the difference reason gone; the first import is kept
    await caller.documents.correct({ id: d.D3.id, version: d.D3.version, fields: { total: 5150 } });
    const second = await importMisComprobantes(scope, { bytes: file("por-alicuota-puntoycoma.csv"), fileName: "b.csv", receptorCuit: RECEPTOR, period: PERIOD });
    const after = await db().document.findUniqueOrThrow({ where: { id: d.D3.id } });
    expect(after).toMatchObject({ afipState: "MATCHED", afipImportId: second.id });
    expect(after.reviewReasons).not.toContainEqual(expect.objectContaining({ code: "AFIP_DIFFERENCE" }));
    expect((await caller.misComprobantes.list({ receptorCuit: RECEPTOR, period: PERIOD })).map((i) => i.id)).toEqual([second.id, first.id]);
    expect(await caller.misComprobantes.get({ id: second.id })).toMatchObject({ unknown: 0, differences: 3 });
  }, 60_000);
});

describe("files that are not right are refused, and nothing is stored", () => {
  let scope: TenantScope;
  let tenantId: string;
  beforeAll(async () => ({ scope, tenantId } = await month()));
  const attempt = (bytes: Uint8Array, fileName: string, receptorCuit = RECEPTOR, period = PERIOD) => importMisComprobantes(scope, { bytes, fileName, receptorCuit, period });

  it("an unknown header set: a clear error naming the expected columns", async () => {
    await expect(attempt(file("no-reconocido.csv"), "extracto.csv")).rejects.toMatchObject({
      code: "UNPROCESSABLE",
      message: expect.stringMatching(/No reconocemos «extracto\.csv».*Esperábamos.*Fecha de Emisión.*Nro\. Doc\. Emisor.*Imp\. Total.*IVA 2,5%/),
    });
  });

  it("a per-rate file without one of its columns names the missing one", async () => {
    await expect(attempt(file("por-alicuota-sin-iva-21.csv"), "x.csv")).rejects.toMatchObject({ code: "UNPROCESSABLE", message: expect.stringMatching(/le faltan las columnas: IVA 21%\. Puede que ARCA haya cambiado el formato/) });
  });

  it("another client's file, another month, an old .xls, an unreadable row", async () => {
    await expect(attempt(file("por-alicuota-puntoycoma.csv"), "x.csv", OTHER_RECEPTOR)).rejects.toMatchObject({ message: expect.stringMatching(/CUIT receptora 30-70000001-6 y elegiste 30-55555555-1/) });
    await expect(attempt(file("v17-titulo.xlsx"), "x.xlsx", OTHER_RECEPTOR)).rejects.toMatchObject({ message: expect.stringMatching(/El archivo es de la CUIT 30-70000001-6 y elegiste 30-55555555-1/) });
    await expect(attempt(file("por-alicuota-puntoycoma.csv"), "x.csv", RECEPTOR, "2026-11")).rejects.toMatchObject({ message: expect.stringMatching(/no tiene comprobantes de 11\/2026 \(tiene de 09\/2026, 08\/2026\)/) });
    await expect(attempt(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "viejo.xls")).rejects.toMatchObject({ message: expect.stringMatching(/\.xls \(Excel 97-2003\)/) });
    const csv = readFileSync(join(FIXTURES, "por-alicuota-puntoycoma.csv"), "utf8").replace('"2026-09-03"', '"09/31/2026"');
    await expect(attempt(new TextEncoder().encode(csv), "x.csv")).rejects.toMatchObject({ message: expect.stringMatching(/no se importó nada\. fila 3: fecha «09\/31\/2026»/) });
    const wider = readFileSync(join(FIXTURES, "por-alicuota-puntoycoma.csv"), "utf8").replace('"2026-09-05";"6"', '"2026-09-05";"6";"extra"');
    await expect(attempt(new TextEncoder().encode(wider), "x.csv")).rejects.toMatchObject({ message: expect.stringMatching(/fila 4: tiene más columnas \(31\) que los encabezados \(30\)/) });
    expect(await db().misComprobantesImport.count({ where: { tenantId } })).toBe(0);
  });

  it("CONTADOR and above only; another organization's import does not exist", async () => {
    const { user: viewer } = await addMember(tenantId, "VIEWER");
    await expect(importMisComprobantes({ ...scope, userId: viewer.id, role: "VIEWER" }, { bytes: file("por-alicuota-puntoycoma.csv"), fileName: "x.csv", receptorCuit: RECEPTOR, period: PERIOD })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(viewer, tenantId).misComprobantes.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { user: accountant } = await addMember(tenantId, "ACCOUNTANT");
    const done = await importMisComprobantes({ ...scope, userId: accountant.id, role: "ACCOUNTANT" }, { bytes: file("por-alicuota-puntoycoma.csv"), fileName: "x.csv", receptorCuit: RECEPTOR, period: PERIOD });
    const stranger = await createUser();
    const strangerTenant = await createTenantWith(stranger);
    await expect(callerFor(stranger, strangerTenant.id).misComprobantes.get({ id: done.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await callerFor(accountant, tenantId).misComprobantes.receptors()).map((r) => r.cuit)).toEqual([RECEPTOR, OTHER_RECEPTOR]);
  });
});
