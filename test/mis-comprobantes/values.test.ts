/** Cell values of Mis Comprobantes exports (brief §8.2): amounts, dates, tipo, moneda, CAE. */
import { describe, expect, it } from "vitest";
import { normalizeHeader } from "@/server/mis-comprobantes/layouts";
import type { AfipRow } from "@/server/mis-comprobantes/parse";
import { compare, type DocForMatch } from "@/server/mis-comprobantes/reconcile";
import { parseAmount, parseCae, parseDate, parseMoneda, parseTipo } from "@/server/mis-comprobantes/values";

describe("values", () => {
  it("amounts in centavos: decimal comma, thousands, decimal point, numbers, blanks, negatives", () => {
    expect(parseAmount("1234,56", ",")).toBe(123456);
    expect(parseAmount("1.234,56", ",")).toBe(123456);
    expect(parseAmount("1234.56", ",")).toBe(123456);
    expect(parseAmount("1.234", ",")).toBe(123400);
    expect(parseAmount("1,234.50", ".")).toBe(123450);
    expect(parseAmount("$ 12,5", ",")).toBe(1250);
    expect(parseAmount(1210.5, ",")).toBe(121050);
    expect(parseAmount("", ",")).toBe(0);
    expect(parseAmount("-5,00", ",")).toBe(-500);
    expect(parseAmount("(5,00)", ",")).toBe(-500);
    expect(parseAmount("doce", ",")).toBeNull();
    expect(parseAmount("1,2,3", ",")).toBeNull();
  });

  it("dates: dd/mm/aaaa and aaaa-mm-dd, Excel dates and serials; never mm/dd", () => {
    expect(parseDate("02/09/2026")).toBe("2026-09-02");
    expect(parseDate("2026-09-02")).toBe("2026-09-02");
    expect(parseDate(new Date("2026-09-02T00:00:00Z"))).toBe("2026-09-02");
    expect(parseDate(46267)).toBe("2026-09-02");
    expect(parseDate("09/31/2026")).toBeNull();
    expect(parseDate("31/02/2026")).toBeNull();
    expect(parseDate("2/9/26")).toBeNull();
  });

  it("tipo, moneda, CAE", () => {
    expect(parseTipo("1 - Factura A")).toBe(1);
    expect(parseTipo("011")).toBe(11);
    expect(parseTipo(201)).toBe(201);
    expect(parseTipo("Factura A")).toBeNull();
    expect(["$", "PES", "ars", "USD", "U$S", "DOL", "060", "XYZ"].map(parseMoneda)).toEqual(["PES", "PES", "PES", "DOL", "DOL", "DOL", "060", null]);
    expect(parseCae(76123456789012)).toBe("76123456789012");
    expect(parseCae("7,61235E+13")).toBeNull();
  });

  it("headers: accents, case, punctuation and 2.5 vs 2,5 do not matter", () => {
    expect(normalizeHeader("Imp. Neto Gravado IVA 2.5%")).toBe("imp neto gravado iva 2,5%");
    expect(normalizeHeader(" CÓD. AUTORIZACIÓN ")).toBe("cod autorizacion");
  });
});

describe("the amount tolerance (brief §8.3) at its edges", () => {
  const afip: AfipRow = {
    fileRow: 2, fecha: "2026-09-02", tipoCodigo: 1, puntoVenta: 2, numeroDesde: 1201, numeroHasta: 1201, cae: "76123456789012", emisorDocTipo: 80, emisorCuit: "30712345671", emisorNombre: "MAYORISTA SA",
    receptorCuit: "30700000016", moneda: "PES", monedaRaw: "PES", tipoCambio: 1, total: 121000, noGravado: 0, exento: 0, otrosTributos: 0, iva: 21000, netoGravado: 100000, rates: [{ rate: 21, neto: 100000, iva: 21000 }],
  };
  const doc: DocForMatch = { id: "d", fileName: "f.pdf", tipoCodigo: 1, puntoVenta: 2, numero: 1201, proveedorCuit: "30712345671", proveedorRazonSocial: "MAYORISTA SA", receptorCuit: "30700000016", fecha: "2026-09-02", total: 1210, iva: [{ rate: 21, base: 1000, amount: 210 }], moneda: "PES", cotizacion: 1 };
  const totalDiff = (total: number) => compare(afip, { ...doc, total }, "30700000016").find((d) => d.field === "total")?.level ?? "equal";

  it("1 centavo is equal, 2 centavos to 1,00 a rounding difference, 1,01 a mismatch — either way round", () => {
    expect([1210, 1210.01, 1209.99].map(totalDiff)).toEqual(["equal", "equal", "equal"]);
    expect([1210.02, 1209.98, 1211, 1209].map(totalDiff)).toEqual(["rounding", "rounding", "rounding", "rounding"]);
    expect([1211.01, 1208.99, 1360].map(totalDiff)).toEqual(["mismatch", "mismatch", "mismatch"]);
  });

  it("per rate too: a 21 % IVA 1,01 off is a mismatch, 1,00 off a rounding difference", () => {
    const iva = (amount: number) => compare(afip, { ...doc, total: 1000 + amount, iva: [{ rate: 21, base: 1000, amount }] }, "30700000016").filter((d) => d.field.startsWith("iva")).map((d) => [d.field, d.level]);
    expect(iva(211)).toEqual([["iva", "rounding"], ["iva 21%", "rounding"]]);
    expect(iva(211.01)).toEqual([["iva", "mismatch"], ["iva 21%", "mismatch"]]);
    expect(iva(210.01)).toEqual([]);
  });
});
