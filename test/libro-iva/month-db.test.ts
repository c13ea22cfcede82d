/**
 * The Libro IVA of a whole month stored as documents (saved through the parse save step, so the
 * amounts are the database's Decimals and JSON, not test literals): every rule of the brief — A
 * with two rates and percepciones, exento A, no gravado A, B, C, credit and debit notes, internos
 * and otros tributos, a USD invoice — goes through the pre-flight and the Inngest run, and both
 * files of the zip are read back with the independent field table (field-table.ts, from the brief).
 * One document whose total does not add up blocks the month with its reason until it is corrected.
 */
import { finishedRun, libroEngineReady } from "./support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import type { InvoiceFields } from "@/lib/documents/fields";
import { db } from "@/server/db/client";
import { PAGE } from "@/server/libro-iva/load";
import { libroRunZip } from "@/server/libro-iva/runs";
import { comprobanteByCode } from "@/server/parsing/comprobantes";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { cleanFields, parsedDocument, validCuit } from "../documents/support/review";
import { ALICUOTA_RATE, parseAlicuotasFile, parseCbteFile, type Parsed } from "./field-table";

const CLIENT = validCuit("3070999000");
const VENDOR = validCuit("3071555000");
const PERIOD = "2026-09";

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User;
let tenantId: string;
let engine: Awaited<typeof libroEngineReady>;
const caller = () => callerFor(owner, tenantId);

const doc = (numero: number, o: Partial<InvoiceFields>) =>
  parsedDocument(tenantId, cleanFields(numero, { receptorCuit: CLIENT, proveedorCuit: VENDOR, proveedorRazonSocial: "Distribuidora Ñandú S.R.L.", fecha: "2026-09-15", puntoVenta: 4, ...(o.tipoCodigo ? { tipo: comprobanteByCode(o.tipoCodigo).tipo } : {}), ...o }));

beforeAll(async () => {
  engine = await libroEngineReady;
  owner = await createUser({ name: "Contadora del Mes" });
  tenantId = (await createTenantWith(owner, "Estudio del Mes")).id;
});
afterAll(() => engine?.stop());

describe("a stored month of every kind of purchase", () => {
  it("pre-flight blocks the one that does not add up; corrected, the run's two files hold every rule", async () => {
    const client = await caller().clients.create({ cuit: CLIENT, razonSocial: "Cliente del Mes SA" });
    const month = [
      await doc(1, { neto: 11000, iva: [{ rate: 21, base: 10000, amount: 2100 }, { rate: 10.5, base: 1000, amount: 105 }], percepcionesIva: 100, percepcionesIibb: [{ jurisdiccion: "CABA", amount: 30 }, { jurisdiccion: "Buenos Aires", amount: 15 }], total: 13350 }),
      await doc(2, { neto: 0, iva: [], exento: 500, total: 500 }),
      await doc(3, { neto: null, iva: [], noGravado: 80, total: 80 }),
      await doc(4, { tipoCodigo: 6, neto: null, iva: [], total: 1210 }),
      await doc(5, { tipoCodigo: 11, neto: null, iva: [], total: 300.5 }),
      await doc(6, { tipoCodigo: 3, neto: 200, iva: [{ rate: 21, base: 200, amount: 42 }], total: 242 }),
      await doc(7, { tipoCodigo: 2, neto: 100, iva: [{ rate: 27, base: 100, amount: 27 }], impuestosInternos: 3, otrosTributos: 1.5, total: 131.5 }),
      await doc(8, { moneda: "DOL", cotizacion: 1050.25, neto: 100, iva: [{ rate: 21, base: 100, amount: 21 }], total: 121 }),
    ];
    const broken = await doc(9, { neto: 1000, iva: [{ rate: 21, base: 1000, amount: 210 }], total: 1250 });
    for (const d of [...month, broken]) await caller().documents.markReviewed({ id: d.id, acknowledgeWarnings: true });

    const pre = await caller().libroIva.preflight({ clientId: client.id, period: PERIOD });
    expect(pre.documents).toBe(9);
    expect(pre.blockers.map((b) => [b.documentId, b.code, b.field])).toEqual([[broken.id, "TOTAL_MISMATCH", "total"]]);
    expect(pre.blockers[0]!.message).toMatch(/El total 1\.250,00 .*\(1\.210,00; diferencia 40,00\)/);
    expect(pre.warnings.map((w) => [w.documentId, w.code])).toEqual([[month[7]!.id, "FOREIGN_CURRENCY"]]);

    // Corrected on its review page (the printed total was misread), the month is ready.
    const fresh = await caller().documents.get({ id: broken.id });
    await caller().documents.correct({ id: broken.id, version: fresh.version, fields: { total: 1210 } });
    await caller().documents.markReviewed({ id: broken.id, acknowledgeWarnings: true });
    expect((await caller().libroIva.preflight({ clientId: client.id, period: PERIOD })).blockers).toEqual([]);

    const { runId } = await caller().libroIva.generate({ clientId: client.id, period: PERIOD });
    const run = await finished(runId);
    expect(run).toMatchObject({ status: "DONE", processed: 9, totalDocs: 9 });
    const zip = unzipSync((await libroRunZip({ tenantId, userId: owner.id, role: "OWNER" }, runId)).bytes);
    const cbte = parseCbteFile(zip["LIBRO_IVA_DIGITAL_COMPRAS_CBTE_202609.txt"]!);
    const alic = parseAlicuotasFile(zip["LIBRO_IVA_DIGITAL_COMPRAS_ALICUOTAS_202609.txt"]!);
    const by = (n: number) => cbte.find((r) => r.numero === n)!;
    const alicOf = (r: Parsed) => alic.filter((a) => a.tipo === r.tipo && a.puntoVenta === r.puntoVenta && a.numero === r.numero && a.cuitVendedor === r.cuitVendedor);
    const rates = (r: Parsed) => alicOf(r).map((a) => [ALICUOTA_RATE[a.alicuota as number], a.neto, a.iva]);
    expect(cbte).toHaveLength(9);

    // Fields every record shares (brief §3): the date, PV, vendor code 80 + CUIT to 20, the ASCII name cut to 30.
    for (const r of cbte) {
      expect([r.fecha, r.puntoVenta, r.codigoDocumento, r["raw:cuitVendedor"], r.nombreVendedor]).toEqual(["20260915", 4, 80, VENDOR.padStart(20, "0"), "Distribuidora Nandu S.R.L."]);
      expect(r.cantidadAlicuotas).toBe(alicOf(r).length);
    }
    // A with two rates and percepciones (the brief's §3 example amounts).
    expect([by(1).tipo, by(1).total, by(1).percepcionesIva, by(1).percepcionesIibb, by(1).creditoFiscal, by(1)["raw:codigoOperacion"]]).toEqual([1, 1335000, 10000, 4500, 220500, " "]);
    expect(rates(by(1))).toEqual([[21, 1000000, 210000], [10.5, 100000, 10500]]);
    // Exento A and no gravado A: one 0 % record with zeros, code E / N.
    expect([by(2).exento, by(2).codigoOperacion, by(2).cantidadAlicuotas, by(2).creditoFiscal]).toEqual([50000, "E", 1, 0]);
    expect(rates(by(2))).toEqual([[0, 0, 0]]);
    expect([by(3).noGravado, by(3).codigoOperacion, by(3).cantidadAlicuotas]).toEqual([8000, "N", 1]);
    expect(rates(by(3))).toEqual([[0, 0, 0]]);
    // B and C: no records, crédito fiscal 0, the printed total.
    expect([by(4).tipo, by(4).total, by(4).cantidadAlicuotas, by(4).creditoFiscal]).toEqual([6, 121000, 0, 0]);
    expect([by(5).tipo, by(5).total, by(5).cantidadAlicuotas, by(5).creditoFiscal]).toEqual([11, 30050, 0, 0]);
    // Credit note positive; debit note with 27 %, internos and otros tributos.
    expect([by(6).tipo, by(6).total, by(6).creditoFiscal]).toEqual([3, 24200, 4200]);
    expect([by(7).tipo, by(7).total, by(7).impuestosInternos, by(7).otrosTributos, by(7).creditoFiscal]).toEqual([2, 13150, 300, 150, 2700]);
    expect(rates(by(7))).toEqual([[27, 10000, 2700]]);
    // USD: in pesos at the cotización, DOL, rate 1050,250000.
    expect([by(8).moneda, by(8)["raw:tipoCambio"], by(8).total, by(8).creditoFiscal]).toEqual(["DOL", "1050250000", 12708025, 2205525]);
    // The corrected one.
    expect([by(9).total, by(9).creditoFiscal]).toEqual([121000, 21000]);
    // §6.3 on every record that discriminates IVA.
    for (const r of cbte.filter((x) => ![6, 11].includes(x.tipo as number))) {
      const parts = alicOf(r).reduce((s, a) => s + (a.neto as number) + (a.iva as number), 0);
      const rest = ["noGravado", "exento", "percepcionesIva", "percepcionesNacionales", "percepcionesIibb", "percepcionesMunicipales", "impuestosInternos", "otrosTributos"].reduce((s, k) => s + (r[k] as number), 0);
      expect(parts + rest, `comprobante ${r.numero}`).toBe(r.total);
    }
  }, 120_000);
});

describe("a large month", () => {
  it("is read in pages by the run (an exact multiple of the page: no document lost or repeated), progress ending at the count", async () => {
    const cuit = validCuit("3070999111");
    const client = await caller().clients.create({ cuit, razonSocial: "Cliente Grande SA" });
    const count = PAGE * 2;
    await db().document.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        tenantId, fileName: `c-${i}.pdf`, mimeType: "application/pdf", sizeBytes: 1, sha256: `${cuit}-${i}`, storageKey: `test/${cuit}-${i}`,
        status: "COMPLETED" as const, reviewStatus: "REVIEWED" as const, reviewedAt: new Date(),
        tipoCodigo: 11, tipo: "FACTURA_C", puntoVenta: 1, numero: BigInt(i + 1), fecha: new Date("2026-10-05T00:00:00Z"),
        proveedorCuit: VENDOR, proveedorRazonSocial: "Monotributista", receptorCuit: cuit, total: "100.00", moneda: "PES", cotizacion: "1",
      })),
    });
    const { runId } = await caller().libroIva.generate({ clientId: client.id, period: "2026-10" });
    expect(await finished(runId)).toMatchObject({ status: "DONE", processed: count, totalDocs: count });
    const zip = unzipSync((await libroRunZip({ tenantId, userId: owner.id, role: "OWNER" }, runId)).bytes);
    const cbte = parseCbteFile(zip["LIBRO_IVA_DIGITAL_COMPRAS_CBTE_202610.txt"]!);
    expect(new Set(cbte.map((r) => r.numero)).size).toBe(count);
    expect(cbte.reduce((s, r) => s + (r.total as number), 0)).toBe(count * 10000);
    expect(zip["LIBRO_IVA_DIGITAL_COMPRAS_ALICUOTAS_202610.txt"]!.length).toBe(0);
  }, 120_000);
});

const finished = (runId: string) => finishedRun(caller, runId);
