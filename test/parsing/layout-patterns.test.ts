/**
 * The layout patterns of issue 15, each on a real invoice (test/fixtures/real, truth.json) or on
 * text lines as the PDF worker reconstructs them. Every case failed before the block/table/CAE
 * rules (bench/results/accuracy.json keeps the before/after numbers).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EMPTY_INVOICE_FIELDS, type InvoiceFields } from "@/lib/documents/fields";
import { shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { parseLikeApp } from "@/server/parsing/app-parse";
import { mergeForSave, reviewVerdict } from "@/server/parsing/decisions";
import { parseAmount } from "@/server/parsing/formats";
import { extractFieldsFromLines } from "@/server/parsing/text-rules";
import { normName, REAL_DIR } from "~/test/corpus/accuracy";

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

async function parse(rel: string) {
  const r = await parseLikeApp(new Uint8Array(readFileSync(path.join(REAL_DIR, rel))), path.basename(rel));
  if (!r.ok) throw new Error(`${rel}: ${r.failure.message}`);
  return r;
}
const truth = JSON.parse(readFileSync(path.join(REAL_DIR, "truth.json"), "utf8")) as Record<string, InvoiceFields>;
const name = (s: string | null | undefined) => (s ? normName(s) : s);

describe("1. issuer vs customer block", () => {
  it("a 'Razón social:' label in the customer block feeds the receptor, never the issuer", async () => {
    for (const f of ["mezka/2000006796541102.pdf", "mezka/2000007393886976.pdf", "gonza/_10__itGlobal.pdf"]) {
      const r = await parse(f);
      expect(name(r.fields.receptorNombre), f).toBe(name(truth[f]!.receptorNombre));
      expect(name(r.fields.proveedorRazonSocial), f).toBe(name(truth[f]!.proveedorRazonSocial));
      expect(r.fields.proveedorRazonSocial).not.toBe(r.fields.receptorNombre);
    }
  }, 60_000);

  it("a name printed next to the only CUIT in the text, which the QR says is the customer's, moves to the customer (flagged)", async () => {
    const r = await parse("mezka/2000006782171352.pdf");
    expect(r.fields.proveedorRazonSocial).toBeNull();
    expect(r.fields.receptorNombre).toBe("MESQUITA HNOS");
    expect(r.meta.receptorNombre?.flag).toBeTruthy();
    expect(r.needsReview).toBe(true);
  }, 30_000);
});

describe("2. review over all fields", () => {
  const base: InvoiceFields = { ...EMPTY_INVOICE_FIELDS, tipoCodigo: 1, tipo: "FACTURA_A", puntoVenta: 1, numero: 5, fecha: "2024-01-10", proveedorCuit: "30715294415", proveedorRazonSocial: "PMC ELECTRO SRL", receptorCuit: "30717336905", neto: 100, iva: [{ rate: 21, base: 100, amount: 21 }], total: 121, moneda: "PES", cae: "73445678645164" };
  const sure = (f: InvoiceFields) => Object.fromEntries(Object.keys(f).map((k) => [k, { source: "TEXT" as const, confidence: 0.95 }]));

  it("a clean, confident Factura A needs no review", () => {
    expect(reviewVerdict(base, sure(base)).needsReview).toBe(false);
  });
  it("total ≠ neto + IVA, a weak name, a flagged CAE due date, or a missing field the type requires each send it to review", () => {
    const wrongTotal = { ...base, total: 130 };
    expect(reviewVerdict(wrongTotal, sure(wrongTotal)).needsReview).toBe(true);
    const weakName = { ...sure(base), proveedorRazonSocial: { source: "TEXT" as const, confidence: 0.6 } };
    expect(reviewVerdict(base, weakName).needsReview).toBe(true);
    const flagged = { ...sure(base), caeVencimiento: { source: "TEXT" as const, confidence: 0.95, flag: "No coincide" } };
    expect(reviewVerdict({ ...base, caeVencimiento: "2024-01-20" }, flagged).needsReview).toBe(true);
    const noNeto = { ...base, neto: null };
    expect(reviewVerdict(noNeto, sure(noNeto)).needsReview).toBe(true);
    expect(reviewVerdict(noNeto, sure(noNeto)).missingRequired).toContain("neto");
  });
  it("weak values get a Spanish flag in fieldMeta; confident ones do not", () => {
    const { meta } = mergeForSave([{ fields: { total: 121, proveedorRazonSocial: "X SA" }, meta: { total: { source: "TEXT", confidence: 0.92 }, proveedorRazonSocial: { source: "TEXT", confidence: 0.6 } }, notes: [] }]);
    expect(meta.proveedorRazonSocial?.flag).toMatch(/Poca evidencia/);
    expect(meta.total?.flag).toBeUndefined();
  });
});

describe("3. CAE due date", () => {
  it("the printed date wins over a different RG 1702 barcode date, with a note and a flag", () => {
    // barcode: CUIT 30715294415, tipo 01, PV 00003, CAE 73445678645164, vto 20231112
    const digits = "3071529441501000037344567864516420231112";
    let sum = 0;
    for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 3 : 1);
    const barcode = digits + String((10 - (sum % 10)) % 10);
    const r = extractFieldsFromLines(["FACTURA A", "CAE N°: 73445678645164", "Fecha Vto. CAE: 22/11/2023", barcode], "TEXT");
    expect(r.fields.caeVencimiento).toBe("2023-11-22");
    expect(r.meta.caeVencimiento?.flag).toMatch(/código de barras/);
    expect(r.notes.join()).toMatch(/no coincide/);
  });
  it("label variants and positions: next line, same line after the CAE, 'Fecha de Vto.:', glued to the CAE digits", async () => {
    const cases: [string[], string][] = [
      [["CAE: 73479897694310", "Vto: 2/12/2023"], "2023-12-02"],
      [["CAE N°: 69042847407705 - Fecha de Vto.: 03/02/2019"], "2019-02-03"],
      [["C.A.E.N°:73444426082354", "VTO:10/11/2023"], "2023-11-10"],
      [["Vencimiento CAE: 12/11/202373445678645164"], "2023-11-12"],
      [["CAE Nro.:", "Defensa al Consumidor: 147   68459846165616", "Electrónica   Fecha Vto. CAE:", "15/11/2018"], "2018-11-15"],
    ];
    for (const [lines, want] of cases) expect(extractFieldsFromLines(lines, "TEXT").fields.caeVencimiento, lines.join(" / ")).toBe(want);
    for (const f of ["mezka/2000006891282390.pdf", "mezka/2000007359945828.pdf", "gonza/Nd_6261.pdf"]) expect((await parse(f)).fields.caeVencimiento, f).toBe(truth[f]!.caeVencimiento);
  }, 60_000);
});

describe("4. receptor name", () => {
  it("two-line names, customer codes dropped, value on the next line, and the next label is not the name", async () => {
    expect((await parse("gonza/_03__20288620718_011_00001_00000071_1_.pdf")).fields.receptorNombre).toBe("CONSORCIO DE PROPIETARIOS AV BELGRANO 1942 AL 44");
    expect((await parse("mezka/2000006831202610.pdf")).fields.receptorNombre).toBe("EQUIPAMIENTOS DE SEGURIDAD S.A.");
    expect((await parse("mezka/2000007359945828.pdf")).fields.receptorNombre).toBe("MESQUITA HNOS");
    const r = extractFieldsFromLines(["EMPRESA DEMO S.A.   CUIT: 30-71529441-5", "Cliente:   Cuenta Nº: 4411", "LOPEZ MARIA LAURA", "Domicilio: Calle 1   CUIT: 30-71733690-5"], "TEXT");
    expect(r.fields.receptorNombre).toBe("LOPEZ MARIA LAURA");
  }, 60_000);
});

describe("5. issuer name junk", () => {
  it("not the IVA condition, a letter-spaced title, 'CONDICIONES DE VENTA', a leading 'de', nor an address glued to the name", async () => {
    for (const f of ["gonza/_06__30715576909_Factura_A_3_00000089.pdf", "gonza/FAC20.pdf", "gonza/_14__FAB000400019560_200121143122.pdf", "gonza/METROGAS_FACTURAS_ONLINE.PDF"]) {
      expect(name((await parse(f)).fields.proveedorRazonSocial), f).toBe(name(truth[f]!.proveedorRazonSocial));
    }
    const nd = await parse("gonza/Nd_6261.pdf");
    expect(nd.fields.proveedorRazonSocial ?? "").not.toMatch(/N O T A/);
  }, 90_000);
});

describe("6. neto and IVA on real layouts", () => {
  it("totals rows read from the right (values below or above), IVA without a printed rate, several rates, '2.033.06'", async () => {
    expect(parseAmount("$2.033.06")).toBe(2033.06);
    for (const f of ["mezka/2000006846229610.pdf", "mezka/2000006788971254.pdf", "mezka/2000005044986390.pdf", "mezka/2000006966100266.pdf", "gonza/_11__ledUniverse.pdf", "mezka/2000007319906440.pdf"]) {
      const r = await parse(f);
      expect(r.fields.neto, f).toBe(truth[f]!.neto);
      expect((r.fields.iva ?? []).map((l) => [l.rate, l.amount]).sort(), f).toEqual((truth[f]!.iva ?? []).map((l) => [l.rate, l.amount]).sort());
      expect(r.meta.neto?.confidence, f).toBeGreaterThanOrEqual(0.9);
    }
  }, 90_000);
});

describe("8. utility bills", () => {
  it("the number printed '<letter>-PPPP-NNNNNNNN'", async () => {
    const r = await parse("gonza/METROGAS_FACTURAS_ONLINE.PDF");
    expect([r.fields.puntoVenta, r.fields.numero]).toEqual([8, 23493411]);
    expect(extractFieldsFromLines(["Número:   A-0004-00000095"], "TEXT").fields.numero).toBe(95);
  }, 30_000);
});

describe("flags fit the field-meta contract", () => {
  it("a long disagreement (IVA lines) is kept whole as a note and cut to 300 characters as a flag", async () => {
    const { fieldMetaSchema } = await import("@/lib/documents/fields");
    const many = Array.from({ length: 12 }, (_, i) => ({ rate: 21, base: 1000 + i, amount: 210 + i }));
    const { meta, notes } = mergeForSave([
      { fields: { iva: many }, meta: { iva: { source: "TEXT", confidence: 0.92 } }, notes: [] },
      { fields: { iva: [] }, meta: { iva: { source: "OCR", confidence: 0.8 } }, notes: [] },
    ]);
    expect(notes.find((n) => n.startsWith("Diferencia en IVA"))!.length).toBeGreaterThan(300);
    expect(fieldMetaSchema.safeParse(meta.iva).success).toBe(true);
    expect(meta.iva?.flag).toMatch(/^Diferencia en IVA/);
  });
});
