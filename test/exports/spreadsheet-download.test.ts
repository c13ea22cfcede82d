/**
 * The CSV and XLSX downloads of documents in the es-AR convention, through the real route handler
 * with a real session, read back with independent readers: papaparse for the CSV (`;`, decimal
 * comma, dd/mm/aaaa, CUIT with dashes, UTF-8 BOM) and exceljs for the XLSX (typed cells).
 */
import { engineReady } from "../documents/support/engine-first";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as download } from "@/app/api/exports/download/route";
import { db } from "@/server/db/client";
import { cleanFields, parsedDocument, PROVEEDOR, RECEPTOR } from "../documents/support/review";
import { callerFor, createTenantWith } from "../support/factories";
import { APP_URL, signUp } from "../support/http";

const dashed = (c: string) => `${c.slice(0, 2)}-${c.slice(2, 10)}-${c.slice(10)}`;
let engine: Awaited<typeof engineReady>;
let cookie: string;
let tenantId: string;
let ids: { reviewed: string; pending: string; dollars: string };

const post = (body: unknown, opts: { cookie?: string; tenant?: string } = {}) =>
  download(
    new Request(`${APP_URL}/api/exports/download`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL, cookie: opts.cookie ?? cookie, "x-tenant-id": opts.tenant ?? tenantId },
      body: JSON.stringify(body),
    }),
  );

beforeAll(async () => {
  engine = await engineReady;
  const email = `descarga-${Date.now()}@example.com`;
  cookie = await signUp(email);
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  tenantId = (await createTenantWith(user, "Estudio Descargas")).id;
  const reviewed = await parsedDocument(tenantId, cleanFields(101, { fecha: "2026-09-02", neto: 1234.5, iva: [{ rate: 21, base: 1234.5, amount: 259.25 }], total: 1493.75, percepcionesIibb: [{ jurisdiccion: "CABA", amount: 10.5 }] }));
  await callerFor(user, tenantId).documents.markReviewed({ id: reviewed.id, acknowledgeWarnings: true });
  // A supplier name a spreadsheet would run as a formula, on a document nobody reviewed
  const pending = await parsedDocument(tenantId, cleanFields(102, { fecha: "2026-09-15", proveedorRazonSocial: '=HYPERLINK("http://x.invalid";"ver")', cae: null }));
  const dollars = await parsedDocument(tenantId, cleanFields(103, { fecha: "2026-09-30", moneda: "DOL", cotizacion: 1050.25, neto: 100, iva: [{ rate: 21, base: 100, amount: 21 }], total: 121 }));
  ids = { reviewed: reviewed.id, pending: pending.id, dollars: dollars.id };
});
afterAll(() => engine?.stop());

describe("CSV", () => {
  it("opens in columns in Excel es-AR: BOM, `;`, decimal comma, dd/mm/aaaa, CUIT with dashes, the review state", async () => {
    const res = await post({ selection: { documentIds: Object.values(ids) }, format: "csv" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="documentos-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]!.split(",")).toHaveLength(1); // no comma-separated header: one column per field with `;`
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ";", skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const byNumber = Object.fromEntries(parsed.data.map((r) => [r.numero, r]));
    expect(byNumber["00003-00000101"]).toMatchObject({
      fecha: "02/09/2026",
      proveedor_cuit: dashed(PROVEEDOR),
      receptor_cuit: dashed(RECEPTOR),
      neto: "1234,50",
      iva: "259,25",
      total: "1493,75",
      percepciones_iibb: "10,50",
      percepciones_iibb_detalle: "CABA: 10,50",
      no_gravado: "",
      estado_revision: "Revisado",
      moneda: "PES",
    });
    expect(byNumber["00003-00000102"]).toMatchObject({ estado_revision: "Para revisar", proveedor_razon_social: `'=HYPERLINK("http://x.invalid";"ver")`, total: "1210,00" });
    expect(byNumber["00003-00000102"]!.motivos_revision).toMatch(/CAE/);
    expect(byNumber["00003-00000103"]).toMatchObject({ moneda: "DOL", cotizacion: "1050,25", total: "121,00", fecha: "30/09/2026" });
    for (const row of parsed.data) for (const k of ["neto", "total", "iva"]) expect(row[k]).toMatch(/^\d+,\d{2}$/);
  });
});

describe("XLSX", () => {
  it("typed cells: amounts as numbers, dates as dates, CUIT as text with dashes, the review state", async () => {
    const res = await post({ selection: { documentIds: Object.values(ids) }, format: "xlsx" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet("Documentos")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const row = rows.find((r) => r.getCell(col("numero")).value === "00003-00000101")!;
    expect(row.getCell(col("total")).value).toBe(1493.75);
    expect(row.getCell(col("total")).numFmt).toBe("#,##0.00");
    expect(row.getCell(col("fecha")).value).toEqual(new Date("2026-09-02T00:00:00Z"));
    expect(row.getCell(col("fecha")).numFmt).toBe("dd/mm/yyyy");
    expect(row.getCell(col("proveedor_cuit")).value).toBe(dashed(PROVEEDOR));
    expect(row.getCell(col("estado_revision")).value).toBe("Revisado");
    const pending = rows.find((r) => r.getCell(col("numero")).value === "00003-00000102")!;
    expect(pending.getCell(col("estado_revision")).value).toBe("Para revisar");
    expect(pending.getCell(col("proveedor_razon_social")).value).toBe('=HYPERLINK("http://x.invalid";"ver")'); // a string cell, never a formula
    expect(rows).toHaveLength(3);
  });
});

describe("the organization's zone", () => {
  it("writes the export instant in the organization's zone in the CSV and as its wall-clock time in the XLSX", async () => {
    const exportedAt = new Date("2026-09-03T17:07:00Z"); // 14:07 in Buenos Aires, 02:07 on the 4th in Tokyo
    await db().document.update({ where: { id: ids.reviewed }, data: { lastExportedAt: exportedAt } });
    const exportado = async (format: "csv" | "xlsx") => {
      const res = await post({ selection: { documentIds: [ids.reviewed] }, format });
      if (format === "csv") return Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ""), { header: true, delimiter: ";", skipEmptyLines: true }).data[0]!.exportado;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const ws = wb.getWorksheet("Documentos")!;
      return ws.getRow(2).getCell(((ws.getRow(1).values as unknown[]).slice(1) as string[]).indexOf("exportado") + 1).value;
    };
    try {
      expect(await exportado("csv")).toBe("03/09/2026 14:07");
      expect(await exportado("xlsx")).toEqual(new Date("2026-09-03T14:07:00Z"));
      await db().tenant.update({ where: { id: tenantId }, data: { timeZone: "Asia/Tokyo" } });
      expect(await exportado("csv")).toBe("04/09/2026 02:07");
      expect(await exportado("xlsx")).toEqual(new Date("2026-09-04T02:07:00Z"));
    } finally {
      await db().tenant.update({ where: { id: tenantId }, data: { timeZone: "America/Argentina/Buenos_Aires" } });
      await db().document.update({ where: { id: ids.reviewed }, data: { lastExportedAt: null } });
    }
  });
});

describe("refusals", () => {
  it("an unknown format, another organization's documents, no session", async () => {
    const bad = await post({ selection: { documentIds: [ids.reviewed] }, format: "pdf" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe("Elegí CSV o XLSX");
    const strangerEmail = `ajeno-${Date.now()}@example.com`;
    const strangerCookie = await signUp(strangerEmail);
    const stranger = await db().user.findUniqueOrThrow({ where: { email: strangerEmail } });
    const strangerTenant = (await createTenantWith(stranger, "Otro")).id;
    expect((await post({ selection: { documentIds: [ids.reviewed] }, format: "csv" }, { cookie: strangerCookie, tenant: tenantId })).status).toBe(404);
    expect((await post({ selection: { documentIds: [ids.reviewed] }, format: "csv" }, { cookie: strangerCookie, tenant: strangerTenant })).status).toBe(404);
    expect((await post({ selection: { documentIds: [ids.reviewed] }, format: "csv" }, { cookie: "" })).status).toBe(401);
  });
});
