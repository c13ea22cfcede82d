/**
 * The tax breakdown of issue 15 (no gravado, exento, percepciones de IVA / IIBB with
 * jurisdicción, impuestos internos, otros tributos): each label variant on text lines as the PDF
 * worker reconstructs them, the real Telecom invoice (test/fixtures/real), calibration (confident
 * only when the total adds up) and the totals check that sends a document to review.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EMPTY_INVOICE_FIELDS, type InvoiceFields } from "@/lib/documents/fields";
import { jurisdiccionOf } from "@/lib/documents/jurisdicciones";
import { shutdownOcr, shutdownWorkers, validateInvoice } from "@/server/parsing";
import { ruleAnomalies } from "@/server/ai/suggestions/anomalies";
import { parseLikeApp } from "@/server/parsing/app-parse";
import { REVIEW_THRESHOLD } from "@/server/parsing/decisions";
import { extractFieldsFromLines } from "@/server/parsing/text-rules";
import { REAL_DIR } from "~/test/corpus/accuracy";

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

/** A Factura A with neto 1.000,00 + IVA 21 % and the given extra lines before the total. */
function invoice(extra: string[], total: string): string[] {
  return [
    "FACTURA                                   A         Nro: 0003-00000104",
    "Razón Social: PROVEEDOR DE PRUEBA SA       CUIT: 30-71234567-1",
    "Fecha de Emisión: 05/06/2026",
    "Importe Neto Gravado: $ 1.000,00",
    "IVA 21%: $ 210,00",
    ...extra,
    `Importe Total: $ ${total}`,
    "CAE N°: 76123456789012     Fecha de Vto. de CAE: 15/06/2026",
  ];
}
const run = (lines: string[]) => extractFieldsFromLines(lines, "TEXT");

describe("label variants", () => {
  it.each([
    ["Importe Neto No Gravado: $ 50,00", "noGravado", 50],
    ["No Gravado $ 50,00", "noGravado", 50],
    ["Conceptos no gravados: 50,00", "noGravado", 50],
    ["Importe Exento: $ 50,00", "exento", 50],
    ["Operaciones exentas 50,00", "exento", 50],
    ["Percepción IVA: $ 50,00", "percepcionesIva", 50],
    ["Percep. IVA-RG2408                 50,00", "percepcionesIva", 50],
    ["Perc. I.V.A. RG 3337 $ 50,00", "percepcionesIva", 50],
    ["Impuestos Internos: $ 50,00", "impuestosInternos", 50],
    ["Imp. Internos 50,00", "impuestosInternos", 50],
    ["Per./Ret. de Impuesto a las Ganancias          50,00", "otrosTributos", 50],
    ["Impuestos Municipales                          50,00", "otrosTributos", 50],
  ] as const)("%s → %s", (line, field, value) => {
    const r = run(invoice([line], "1.260,00"));
    expect(r.fields[field]).toBe(value);
    expect(r.meta[field]!.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
    expect(r.meta.total!.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  it.each([
    ["Perc. IIBB Bs.As. $ 30,00", "Buenos Aires"],
    ["Percep. IIBB Cdad Auton BsAs                   30,00", "CABA"],
    ["Percepción IIBB CABA: $ 30,00", "CABA"],
    ["Perc. Ingresos Brutos Santa Fe 30,00", "Santa Fe"],
    ["Perc. IIBB C.F.        $      30.00", "CABA"],
    ["Percepción Ingresos Brutos Córdoba  30,00", "Córdoba"],
  ] as const)("%s → IIBB %s", (line, jurisdiccion) => {
    const r = run(invoice([line], "1.240,00"));
    expect(r.fields.percepcionesIibb).toEqual([{ jurisdiccion, amount: 30 }]);
    expect(r.meta.percepcionesIibb!.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  it("AFIP facturador 'Otros Tributos' table (Descripción | Detalle | Alíc. % | Importe): the importe, not the alícuota", () => {
    const r = run(
      invoice(
        [
          "Otros Tributos",
          "Descripción                 Detalle                 Alíc. %        Importe",
          "Percepción IIBB             Buenos Aires              3,00          30,00",
          "Percepción IVA              RG 2408                   1,50          15,00",
          "Importe Otros Tributos: $ 45,00",
        ],
        "1.255,00",
      ),
    );
    expect(r.fields.percepcionesIibb).toEqual([{ jurisdiccion: "Buenos Aires", amount: 30 }]);
    expect(r.fields.percepcionesIva).toBe(15);
    expect(r.fields.otrosImpuestos).toBe(45);
    expect(r.meta.percepcionesIva!.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  it("facturador table rows with the IVA summary to their right (as the text layer gives them): the row's own importe", () => {
    const table = ["Descripción   Detalle   Alíc. %   Importe", "Per./Ret. de Impuesto a las Ganancias   0,00", "Impuestos Internos   12,00   IVA 27%: $   0,00", "Impuestos Municipales   0,00   IVA 21%: $   210,00"];
    const r = run(invoice(table, "1.222,00"));
    expect(r.fields.impuestosInternos).toBe(12);
    expect(r.fields.otrosTributos).toBeUndefined();
    expect(r.fields.iva).toEqual([{ rate: 21, base: 1000, amount: 210 }]);
  });

  it("a detail line 'Neto … Alíc … Impuesto' gives the tax, and wins over the 'Total Percepciones IIBB' line (HIERROS TORRENT layout)", () => {
    const r = run(invoice(["SUBTOTAL NETO: $ 1000.00 Total Percepciones IIBB: 0.1%   IMPUESTOS: $ 1.00 TOTAL IVA: $ 210.00", "Detalle Percep. IIBB AGIP - CABA: Neto: $ 1000.00 Alíc: 0.1% Impuesto: $ 1.00"], "1.211,00"));
    expect(r.fields.percepcionesIibb).toEqual([{ jurisdiccion: "CABA", amount: 1 }]);
    expect(r.meta.percepcionesIibb!.confidence).toBeGreaterThanOrEqual(REVIEW_THRESHOLD);
  });

  it("two IIBB jurisdictions stay apart; a page printed three times (original/duplicado/triplicado) counts once", () => {
    const page = ["Perc. IIBB Bs.As. $ 30,00", "Perc. IIBB CABA $ 20,00"];
    const r = run(invoice([...page, ...page, ...page], "1.260,00"));
    expect(r.fields.percepcionesIibb).toEqual([
      { jurisdiccion: "Buenos Aires", amount: 30 },
      { jurisdiccion: "CABA", amount: 20 },
    ]);
  });

  it("zero rows, agent registrations and tax conditions are not amounts", () => {
    const r = run(
      invoice(
        [
          "Ag. Percepcion Ing. Brutos C.A.B.A N°: 08978-3",
          "Condición frente al IVA: IVA Sujeto Exento",
          "Ingresos Brutos: EXENTA",
          "Per./Ret. Ingresos Brutos                 0,00",
          "Impuestos Internos                        0,00",
          "Importe Exento: $ 0.00",
        ],
        "1.210,00",
      ),
    );
    for (const f of ["noGravado", "exento", "percepcionesIva", "percepcionesIibb", "impuestosInternos", "otrosTributos"] as const) expect(r.fields[f], f).toBeUndefined();
  });

  it("an IIBB perception without a recognisable jurisdicción is kept but not confident", () => {
    const r = run(invoice(["Per./Ret. Ingresos Brutos                 40,00"], "1.250,00"));
    expect(r.fields.percepcionesIibb).toEqual([{ jurisdiccion: null, amount: 40 }]);
    expect(r.meta.percepcionesIibb!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it("a breakdown that does not make the total add up is not confident", () => {
    const r = run(invoice(["Percepción IVA: $ 50,00"], "1.300,00"));
    expect(r.fields.percepcionesIva).toBe(50);
    expect(r.meta.percepcionesIva!.confidence).toBeLessThan(REVIEW_THRESHOLD);
  });

  it("jurisdiction spellings", () => {
    expect(jurisdiccionOf("Cap. Fed.")).toBe("CABA");
    expect(jurisdiccionOf("ARBA")).toBe("Buenos Aires");
    expect(jurisdiccionOf("Pcia. Bs. As.")).toBe("Buenos Aires");
    expect(jurisdiccionOf("Tucuman")).toBe("Tucumán");
    expect(jurisdiccionOf("Ingresos Brutos")).toBeNull();
  });
});

describe("totals check (Libro IVA: total = neto + IVA + no gravado + exento + tributos)", () => {
  const base: InvoiceFields = { ...EMPTY_INVOICE_FIELDS, tipoCodigo: 1, tipo: "FACTURA_A", puntoVenta: 3, numero: 1, fecha: "2026-06-05", proveedorCuit: "30712345671", neto: 1000, iva: [{ rate: 21, base: 1000, amount: 210 }], total: 1300, cae: "76123456789012" };
  const totalWarning = (f: InvoiceFields) => validateInvoice(f).issues.some((i) => i.field === "total");
  it("the breakdown completes the total", () => {
    expect(totalWarning(base)).toBe(true);
    expect(totalWarning({ ...base, noGravado: 40, exento: 10, percepcionesIva: 20, percepcionesIibb: [{ jurisdiccion: "CABA", amount: 15 }], impuestosInternos: 5 })).toBe(false);
  });
  it("a breakdown that disagrees with the printed Importe Otros Tributos is a warning", () => {
    const issues = validateInvoice({ ...base, otrosImpuestos: 90, percepcionesIva: 20 }).issues;
    expect(issues.find((i) => i.field === "otrosTributos")?.message).toMatch(/desglose/);
    expect(issues.some((i) => i.field === "total")).toBe(false);
  });
  it("the AI suggestions' TOTAL_MISMATCH rule counts the breakdown too", () => {
    const codes = (f: InvoiceFields) => ruleAnomalies(f, { duplicates: [], supplierTotals: [] }).map((s) => s.code);
    expect(codes(base)).toContain("TOTAL_MISMATCH");
    expect(codes({ ...base, percepcionesIva: 60, percepcionesIibb: [{ jurisdiccion: "CABA", amount: 30 }] })).not.toContain("TOTAL_MISMATCH");
  });
  it("an IIBB perception without jurisdicción is a warning", () => {
    expect(validateInvoice({ ...base, total: 1250, percepcionesIibb: [{ jurisdiccion: null, amount: 40 }] }).issues.map((i) => i.field)).toContain("percepcionesIibb");
  });
});

describe("real invoice", () => {
  it("Telecom: Percep. IIBB Cdad Auton BsAs 51,30 and Percep. IVA-RG2408 102,60", async () => {
    const file = "gonza/INTERNET_FACTURAS_ONLINE.pdf";
    const r = await parseLikeApp(new Uint8Array(readFileSync(path.join(REAL_DIR, file))), path.basename(file));
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.fields.percepcionesIva).toBe(102.6);
    expect(r.fields.percepcionesIibb).toEqual([{ jurisdiccion: "CABA", amount: 51.3 }]);
    expect(r.fields.total).toBe(4292.1);
    expect(validateInvoice(r.fields).issues.filter((i) => i.field === "total")).toEqual([]);
  }, 60_000);
});
