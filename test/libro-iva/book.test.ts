/**
 * The Libro IVA Digital de compras generator on a month of generated documents covering every rule
 * of the brief (§2–§6): A with several rates and percepciones (the brief's own example, byte for
 * byte), fully exento and fully no gravado A (one 0 % record, code E / N), B and C (no records,
 * crédito fiscal 0), credit and debit notes (positive amounts), FCE A, a USD invoice (converted to
 * pesos, DOL, rate), a long name with Ñ — read back with the independent field table in
 * field-table.ts. Then every document that would break a record blocks with its reason.
 */
import { describe, expect, it } from "vitest";
import { unzipSync } from "fflate";
import { buildBook } from "@/server/libro-iva/book";
import type { LibroSource } from "@/server/libro-iva/records";
import { libroZip } from "@/server/libro-iva/zip";
import { ALICUOTA_RATE, parseAlicuotasFile, parseCbteFile, type Parsed } from "./field-table";
import { fileBytesOf } from "./support/files";

const MAYORISTA = "30712345671"; // the brief's example vendor (valid check digit)
const OTRO = "20123456786";
const doc = (id: string, o: Partial<LibroSource>): LibroSource => ({
  id,
  tipoCodigo: 1,
  puntoVenta: 2,
  numero: 1,
  fecha: new Date("2026-09-01T00:00:00Z"),
  proveedorCuit: MAYORISTA,
  proveedorRazonSocial: "Mayorista SA",
  neto: null,
  iva: null,
  total: null,
  moneda: "PES",
  cotizacion: 1,
  noGravado: null,
  exento: null,
  percepcionesIva: null,
  percepcionesIibb: null,
  impuestosInternos: null,
  otrosTributos: null,
  ...o,
});

const MONTH: LibroSource[] = [
  // §3 example: 10 000 at 21 %, 1 000 at 10,5 %, percepción IVA 100, IIBB 45 → 13 350.
  doc("ejemplo", { numero: 1201, proveedorRazonSocial: "MAYORISTA SA", neto: "11000.00", iva: [{ rate: 21, base: 10000, amount: 2100 }, { rate: 10.5, base: 1000, amount: 105 }], percepcionesIva: "100.00", percepcionesIibb: [{ jurisdiccion: "CABA", amount: 30 }, { jurisdiccion: "Buenos Aires", amount: 15 }], total: "13350.00" }),
  doc("exento-a", { numero: 2, neto: 0, iva: [], exento: "500.00", total: "500.00" }),
  doc("no-gravado-a", { numero: 3, neto: null, iva: null, noGravado: "80.00", total: "80.00" }),
  doc("factura-b", { tipoCodigo: 6, numero: 4, proveedorCuit: OTRO, proveedorRazonSocial: "Kiosco Ñandú y Compañía de Señales Argentinas SRL", total: "1210.00", neto: null, iva: null }),
  doc("factura-c", { tipoCodigo: 11, numero: 5, proveedorCuit: OTRO, proveedorRazonSocial: "Monotributista", total: "300.50" }),
  doc("nc-a", { tipoCodigo: 3, numero: 6, neto: "-200.00", iva: [{ rate: 21, base: -200, amount: -42 }], total: "-242.00" }),
  doc("nd-a", { tipoCodigo: 2, numero: 7, neto: "100.00", iva: [{ rate: 27, base: 100, amount: 27 }], impuestosInternos: "3.00", otrosTributos: "1.50", total: "131.50" }),
  doc("fce-a", { tipoCodigo: 201, numero: 8, neto: "1000.00", iva: [{ rate: 5, base: 600, amount: 30 }, { rate: 2.5, base: 400, amount: 10 }, { rate: 0, base: 50, amount: 0 }], noGravado: "20.00", total: "1110.00" }),
  doc("usd", { numero: 9, moneda: "USD", cotizacion: "1050.25", neto: "100.00", iva: [{ rate: 21, base: 100, amount: 21 }], total: "121.00" }),
  doc("cero", { numero: 10, neto: 0, iva: [], total: "0.00" }),
];

// The brief's §3 example record, field by field as the brief prints it (spaces between fields removed).
const golden = [
  "20260901", "001", "00002", "00000000000000001201", " ".repeat(16), "80", "00000000030712345671", "MAYORISTA SA" + " ".repeat(18),
  "000000001335000", "000000000000000", "000000000000000", "000000000010000", "000000000000000", "000000000004500",
  "000000000000000", "000000000000000", "PES", "0001000000", "2", " ", "000000000220500", "000000000000000",
  "00000000000", " ".repeat(30), "000000000000000",
].join("");

describe("Libro IVA Digital compras: a generated month", () => {
  const book = buildBook(MONTH);
  const files = fileBytesOf(book);
  const cbte = parseCbteFile(files.cbte);
  const alic = parseAlicuotasFile(files.alicuotas);
  const byNumero = (n: number) => cbte.find((r) => r.numero === n)!;
  const alicOf = (r: Parsed) => alic.filter((a) => a.tipo === r.tipo && a.puntoVenta === r.puntoVenta && a.numero === r.numero);

  it("nothing blocks; the zero-total comprobante is left out with a note; the USD one carries a conversion note", () => {
    expect(book.blockers).toEqual([]);
    expect(book.warnings.map((w) => [w.documentId, w.code])).toEqual([["usd", "FOREIGN_CURRENCY"], ["cero", "ZERO_TOTAL"]]);
    expect(cbte).toHaveLength(9);
  });

  it("the brief's §3 example is byte-identical, and its ALICUOTAS records are §4's", () => {
    expect(golden).toHaveLength(325);
    expect(Buffer.from(files.cbte).toString("latin1").split("\r\n")[0]).toBe(golden);
    const rows = alicOf(byNumero(1201));
    expect(rows.map((r) => [r.neto, r.alicuota, r.iva])).toEqual([[1000000, 5, 210000], [100000, 4, 10500]]);
    expect(rows[0]!["raw:cuitVendedor"]).toBe("00000000030712345671");
  });

  it("every record holds the brief's invariants (§10.3)", () => {
    for (const r of cbte) {
      const records = alicOf(r);
      expect(r.cantidadAlicuotas).toBe(records.length);
      expect(r.codigoDocumento).toBe(80);
      expect(r.despacho).toBe("");
      expect(r["raw:despacho"]).toBe(" ".repeat(16));
      expect([r.cuitCorredor, r.nombreCorredor, r.ivaComision, r.percepcionesNacionales, r.percepcionesMunicipales]).toEqual([0, "", 0, 0, 0]);
      const bc = [6, 11].includes(r.tipo as number);
      if (bc) {
        expect([r.cantidadAlicuotas, r.creditoFiscal, r["raw:codigoOperacion"]]).toEqual([0, 0, " "]);
      } else {
        expect(records.length).toBeGreaterThanOrEqual(1);
        const sum = records.reduce((s, a) => s + (a.neto as number) + (a.iva as number), 0);
        const rest = ["noGravado", "exento", "percepcionesIva", "percepcionesNacionales", "percepcionesIibb", "percepcionesMunicipales", "impuestosInternos", "otrosTributos"].reduce((s, k) => s + (r[k] as number), 0);
        expect(sum + rest).toBe(r.total);
        expect(r.creditoFiscal).toBe(records.reduce((s, a) => s + (a.iva as number), 0));
        expect(new Set(records.map((a) => a.alicuota)).size).toBe(records.length);
        for (const a of records) expect(ALICUOTA_RATE[a.alicuota as number]).toBeDefined();
      }
      for (const k of ["total", "noGravado", "exento", "creditoFiscal"]) expect(r[k]).toBeGreaterThanOrEqual(0);
    }
    for (const a of alic) expect(cbte.some((r) => r.tipo === a.tipo && r.puntoVenta === a.puntoVenta && r.numero === a.numero && r.cuitVendedor === a.cuitVendedor)).toBe(true);
  });

  it("exento A and no gravado A: one 0 % record with zeros, cantidad 1, code E / N", () => {
    for (const [n, code, field, cents] of [[2, "E", "exento", 50000], [3, "N", "noGravado", 8000]] as const) {
      const r = byNumero(n);
      expect([r.cantidadAlicuotas, r.codigoOperacion, r[field], r.total, r.creditoFiscal]).toEqual([1, code, cents, cents, 0]);
      expect(alicOf(r).map((a) => [a.alicuota, a.neto, a.iva])).toEqual([[3, 0, 0]]);
    }
  });

  it("B and C: no ALICUOTAS records, crédito fiscal 0, the printed total; the long Ñ name folded and cut to 30", () => {
    const b = byNumero(4);
    expect([b.tipo, b.total, b.cantidadAlicuotas, alicOf(b).length]).toEqual([6, 121000, 0, 0]);
    expect(b["raw:nombreVendedor"]).toBe("Kiosco Nandu y Compania de Sen");
    expect(b.cuitVendedor).toBe(20123456786);
    const c = byNumero(5);
    expect([c.tipo, c.total, c.cantidadAlicuotas, c.creditoFiscal]).toEqual([11, 30050, 0, 0]);
  });

  it("credit note A: positive amounts, tipo 003; debit note A with 27 %, internos and otros tributos", () => {
    const nc = byNumero(6);
    expect([nc.tipo, nc.total, nc.creditoFiscal]).toEqual([3, 24200, 4200]);
    expect(alicOf(nc).map((a) => [a.neto, a.alicuota, a.iva])).toEqual([[20000, 5, 4200]]);
    const nd = byNumero(7);
    expect([nd.tipo, nd.total, nd.impuestosInternos, nd.otrosTributos, nd.creditoFiscal]).toEqual([2, 13150, 300, 150, 2700]);
    expect(alicOf(nd).map((a) => ALICUOTA_RATE[a.alicuota as number])).toEqual([27]);
  });

  it("FCE A (201) with 5 %, 2,5 % and 0 % and no gravado", () => {
    const f = byNumero(8);
    expect([f.tipo, f.cantidadAlicuotas, f["raw:codigoOperacion"], f.noGravado, f.creditoFiscal]).toEqual([201, 3, " ", 2000, 4000]);
    expect(alicOf(f).map((a) => [ALICUOTA_RATE[a.alicuota as number], a.neto, a.iva])).toEqual([[5, 60000, 3000], [2.5, 40000, 1000], [0, 5000, 0]]);
  });

  it("USD invoice: amounts in pesos at the cotización, moneda DOL, rate 1050,250000", () => {
    const u = byNumero(9);
    expect([u.moneda, u["raw:tipoCambio"], u.tipoCambio]).toEqual(["DOL", "1050250000", 1050.25]);
    expect(alicOf(u).map((a) => [a.neto, a.iva])).toEqual([[10502500, 2205525]]);
    expect([u.total, u.creditoFiscal]).toEqual([12708025, 2205525]);
    const pes = byNumero(1201);
    expect([pes.moneda, pes["raw:tipoCambio"]]).toEqual(["PES", "0001000000"]);
  });

  it("the summary counts and sums per rate, credit notes subtracting; the zip holds both files and the summary", () => {
    const s = book.summary;
    expect([s.comprobantes, s.notasDeCredito, s.alicuotaRecords, s.excludedZeroTotal]).toEqual([9, 1, 10, 1]);
    const r21 = s.porAlicuota.find((r) => r.code === "0005")!;
    expect([r21.neto, r21.iva]).toEqual([1000000 - 20000 + 10502500, 210000 - 4200 + 2205525]);
    expect(s.total).toBe(cbte.reduce((t, r) => t + (r.tipo === 3 ? -1 : 1) * (r.total as number), 0));
    const zip = unzipSync(libroZip({ cuit: "30700000015", razonSocial: "Cliente SA" }, "2026-09", book));
    expect(Object.keys(zip).sort()).toEqual(["LIBRO_IVA_DIGITAL_COMPRAS_ALICUOTAS_202609.txt", "LIBRO_IVA_DIGITAL_COMPRAS_CBTE_202609.txt", "RESUMEN.txt"]);
    expect(Buffer.from(zip["LIBRO_IVA_DIGITAL_COMPRAS_CBTE_202609.txt"]!).equals(Buffer.from(files.cbte))).toBe(true);
    expect(Buffer.from(zip["RESUMEN.txt"]!).toString("utf8")).toContain("Comprobantes: 9 (notas de credito: 1)");
  });
});

describe("a document that would break a record blocks the file with its reason", () => {
  const cases: [string, Partial<LibroSource>, string, RegExp][] = [
    ["sin CUIT", { proveedorCuit: null }, "proveedorCuit", /Falta el CUIT del proveedor/],
    ["CUIT con dígito verificador malo", { proveedorCuit: "30712345670" }, "proveedorCuit", /dígito verificador/],
    ["sin razón social", { proveedorRazonSocial: " " }, "proveedorRazonSocial", /razón social/],
    ["sin punto de venta", { puntoVenta: null }, "puntoVenta", /punto de venta/],
    ["sin fecha", { fecha: null }, "fecha", /fecha/],
    ["total que no suma", { total: "1211.00" }, "total", /diferencia 1,00/],
    ["un centavo de diferencia", { total: "1210.01" }, "total", /ajustá el no gravado en 0,01/],
    ["alícuota inexistente", { iva: [{ rate: 19, base: 1000, amount: 190 }], total: "1190.00" }, "iva", /19 %/],
    ["dos alícuotas sin neto por tasa", { iva: [{ rate: 21, base: null, amount: 105 }, { rate: 10.5, base: null, amount: 52.5 }], total: "1157.50" }, "iva", /Falta el neto gravado/],
    ["despacho de importación", { tipoCodigo: 66 }, "tipoCodigo", /despacho de importación/],
    ["bienes usados", { tipoCodigo: 49 }, "tipoCodigo", /bienes usados/],
    ["moneda desconocida", { moneda: "XYZ" }, "moneda", /XYZ/],
    ["dólares a cotización 1", { moneda: "USD", cotizacion: 1 }, "cotizacion", /cotización 1/],
    ["dólares sin cotización", { moneda: "USD", cotizacion: null }, "cotizacion", /falta la cotización/],
    // §6.3 holds for a foreign-currency comprobante too: checked in its own currency, before the conversion to pesos
    ["dólares con un total que no suma", { moneda: "USD", cotizacion: "1050.25", total: "1250.00" }, "total", /El total 1\.250,00 .*\(1\.210,00; diferencia 40,00\)/],
    ["dólares con un «Otros tributos» sin detalle", { moneda: "USD", cotizacion: "1050.25", otrosImpuestos: "30.00", total: "1240.00" }, "otrosTributos", /Falta el detalle de «Otros tributos» \(30,00\)/],
  ];
  for (const [name, o, field, message] of cases) {
    it(name, () => {
      const ok = doc("ok", { numero: 1, neto: "1000.00", iva: [{ rate: 21, base: 1000, amount: 210 }], total: "1210.00" });
      const book = buildBook([ok, { ...ok, id: "bad", numero: 2, ...o }]);
      expect(book.entries.map((e) => e.documentId)).toEqual(["ok"]);
      expect(book.blockers.length).toBeGreaterThanOrEqual(1);
      expect(book.blockers[0]).toMatchObject({ documentId: "bad", field });
      expect(book.blockers.map((b) => b.message).join(" | ")).toMatch(message);
    });
  }

  it("the same comprobante twice blocks both", () => {
    const a = doc("a", { neto: "1000.00", iva: [{ rate: 21, base: 1000, amount: 210 }], total: "1210.00" });
    const book = buildBook([a, { ...a, id: "b" }]);
    expect(book.entries).toEqual([]);
    expect(book.blockers.map((b) => [b.documentId, b.code])).toEqual([["a", "DUPLICATE"], ["b", "DUPLICATE"]]);
  });
});

describe("a printed «Otros tributos» never split", () => {
  it("blocks asking for the breakdown, not as a bare total mismatch", () => {
    const d = doc("sin-detalle", { neto: "1000.00", iva: [{ rate: 21, base: 1000, amount: 210 }], otrosImpuestos: "30.00", total: "1240.00" });
    const book = buildBook([d]);
    expect(book.blockers).toEqual([expect.objectContaining({ documentId: "sin-detalle", code: "MISSING_FIELD", field: "otrosTributos", message: expect.stringMatching(/Falta el detalle de «Otros tributos» \(30,00\)/) })]);
    // Once split (here: percepción de IIBB), it goes in.
    expect(buildBook([{ ...d, percepcionesIibb: [{ jurisdiccion: "CABA", amount: 30 }] }]).blockers).toEqual([]);
  });
});
