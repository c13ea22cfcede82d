/** Pure decoding rules: AFIP QR payload repair, CUIT check digit, amounts, dates, comprobante codes. */
import { describe, expect, it } from "vitest";
import { decodeAfipQr, qrToFields } from "@/server/parsing/afip-qr";
import { comprobanteByCode } from "@/server/parsing/comprobantes";
import { isValidCuit, makeCuit } from "@/lib/cuit";
import { parseAmount, parseDate } from "@/server/parsing/formats";
import { parseBarcodeDigits } from "@/server/parsing/text-rules";
import { validateInvoice } from "@/server/parsing/validate";
import { EMPTY_INVOICE_FIELDS } from "@/lib/documents/fields";

const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("AFIP QR payload", () => {
  const clean = { ver: 1, fecha: "2023-11-07", cuit: 30708910003, ptoVta: 107, tipoCmp: 1, nroCmp: 306, importe: 125602.4, moneda: "PES", ctz: 1, tipoDocRec: 80, nroDocRec: 30709875821, tipoCodAut: "E", codAut: 73453189710872 };

  it("decodes a spec payload with full confidence and no notes", () => {
    const d = decodeAfipQr(`https://www.afip.gob.ar/fe/qr/?p=${b64(JSON.stringify(clean))}`)!;
    expect(d.notes).toEqual([]);
    const { fields, meta } = qrToFields(d);
    expect(fields).toMatchObject({ tipoCodigo: 1, tipo: "FACTURA_A", puntoVenta: 107, numero: 306, fecha: "2023-11-07", proveedorCuit: "30708910003", total: 125602.4, moneda: "PES", cotizacion: 1, cae: "73453189710872", receptorCuit: "30709875821" });
    expect(meta.total).toEqual({ source: "QR", confidence: 0.98 });
  });

  it("ignores QR codes that are not AFIP/ARCA comprobantes", () => {
    expect(decodeAfipQr("https://tienda.example.com/?p=abc")).toBeNull();
    expect(decodeAfipQr("hola")).toBeNull();
  });

  it("salvages a truncated payload with a leading zero and dd/mm/yyyy date, dropping the cut last key", () => {
    const json = `{"ver":1,"fecha":"14/02/2023","cuit":30710145764,"ptoVta":4,"tipoCmp":01,"nroCmp":25399,"importe":2460,"moneda":"PES","ctz":1,"tipoDocRec":80,"nroDocRec":30500`;
    const d = decodeAfipQr(`https://www.afip.gob.ar/fe/qr/?p=${b64(json)}`)!;
    expect(d.salvaged).toBe(true);
    expect(d.payload).toMatchObject({ fecha: "2023-02-14", tipoCmp: 1, nroCmp: 25399, importe: 2460, nroDocRec: null, codAut: null });
    expect(d.notes.join("\n")).toMatch(/no es válido/);
    expect(d.notes.join("\n")).toMatch(/truncado.*nroDocRec/);
    expect(d.notes.join("\n")).toMatch(/ceros a la izquierda/);
    expect(d.notes.join("\n")).toMatch(/falta el CAE/);
    expect(qrToFields(d).meta.numero?.confidence).toBe(0.85);
  });

  it("repairs decimal commas, string numbers, CRLF-wrapped and URL-safe base64, a missing slash", () => {
    const comma = decodeAfipQr(`https://www.afip.gob.ar/fe/qr/?p=${b64(JSON.stringify(clean).replace(/"importe":[\d.]+/, '"importe":38166,88'))}`)!;
    expect(comma.payload.importe).toBe(38166.88);
    expect(comma.notes.join()).toMatch(/coma decimal/);

    const strings = decodeAfipQr(`https://www.afip.gob.ar/fe/qr/?p=${b64(JSON.stringify({ ...clean, ver: "1", importe: "13649.43", ptoVta: "00003", codAut: "73453189710872" }))}`)!;
    expect(strings.payload).toMatchObject({ importe: 13649.43, ptoVta: 3, codAut: "73453189710872" });
    expect(strings.notes.join()).toMatch(/como texto/);

    const wrapped = (b64(JSON.stringify(clean)).match(/.{1,72}/g) ?? []).join("\r\n");
    const crlf = decodeAfipQr(`https://www.afip.gob.ar/fe/qr/?p=${wrapped}`)!;
    expect(crlf.payload.nroCmp).toBe(306);
    expect(crlf.notes.join()).toMatch(/saltos de línea/);

    const urlsafe = decodeAfipQr(`https://www.afip.gob.ar/fe/qr/?p=${Buffer.from(JSON.stringify(clean) + "  ").toString("base64url")}`)!;
    expect(urlsafe.payload.cuit).toBe("30708910003");

    const noslash = decodeAfipQr(`https://www.afip.gob.ar/fe/qr?p=${b64(JSON.stringify(clean))}`)!;
    expect(noslash.payload.ptoVta).toBe(107);
    expect(noslash.notes.join()).toMatch(/sin «\/»/);

    const ymd = decodeAfipQr(`https://www.arca.gob.ar/fe/qr/?p=${b64(JSON.stringify({ ...clean, fecha: "20201215" }))}`)!;
    expect(ymd.payload.fecha).toBe("2020-12-15");
  });

  it("flags an issuer CUIT with a bad check digit", () => {
    const d = decodeAfipQr(`https://www.afip.gob.ar/fe/qr/?p=${b64(JSON.stringify({ ...clean, cuit: 30708910004 }))}`)!;
    const { meta, notes } = qrToFields(d);
    expect(meta.proveedorCuit?.confidence).toBeLessThan(0.5);
    expect(notes.join()).toMatch(/dígito verificador/);
  });
});

describe("CUIT, amounts, dates, barcode, catalogue", () => {
  it("checks CUIT digits", () => {
    expect(isValidCuit("27184401431")).toBe(true);
    expect(isValidCuit("30-70891000-3")).toBe(true);
    expect(isValidCuit("30708910004")).toBe(false);
    expect(isValidCuit("1234")).toBe(false);
    expect(isValidCuit(makeCuit("20", "12345678"))).toBe(true);
  });
  it("parses Argentine and en-US amounts", () => {
    expect(parseAmount("1.234,56")).toBe(1234.56);
    expect(parseAmount("178000,00")).toBe(178000);
    expect(parseAmount("2,862.81")).toBe(2862.81);
    expect(parseAmount("106000.0000")).toBe(106000);
    expect(parseAmount("14,049.5")).toBe(14049.5);
    expect(parseAmount("$ 1.234.567,89")).toBe(1234567.89);
    expect(parseAmount("1.457")).toBe(1457);
    expect(parseAmount("abc")).toBeNull();
  });
  it("parses dates", () => {
    expect(parseDate("08 / 02 / 23")).toBe("2023-02-08");
    expect(parseDate("31-10-2023")).toBe("2023-10-31");
    expect(parseDate("20201215")).toBe("2020-12-15");
    expect(parseDate("31/02/2023")).toBeNull();
  });
  it("reads the RG 1702 barcode digits with their check digit", () => {
    expect(parseBarcodeDigits("271844014310030000269111046341719201903237")).toEqual({ cuit: "27184401431", tipo: 3, pv: 2, cae: "69111046341719", caeVto: "2019-03-23" });
    expect(parseBarcodeDigits("271844014310030000269111046341719201903238")).toBeNull();
  });
  it("maps comprobante codes incl. M, E, FCE and unknown codes", () => {
    expect(comprobanteByCode(1)).toMatchObject({ tipo: "FACTURA_A", label: "Factura A" });
    expect(comprobanteByCode(51).tipo).toBe("FACTURA_M");
    expect(comprobanteByCode(19).tipo).toBe("FACTURA_E");
    expect(comprobanteByCode(203).tipo).toBe("FCE_NOTA_CREDITO_A");
    expect(comprobanteByCode(18).tipo).toBe("LIQUIDACION_SERVICIOS_PUBLICOS_B");
    expect(comprobanteByCode(777)).toMatchObject({ code: 777, tipo: "OTRO" });
  });
});

describe("validateInvoice", () => {
  const ok = { ...EMPTY_INVOICE_FIELDS, tipoCodigo: 1, tipo: "FACTURA_A", puntoVenta: 2, numero: 181, fecha: "2019-02-06", proveedorCuit: "27184401431", total: 385984.53, neto: 318995.48, iva: [{ rate: 21, base: 318995.48, amount: 66989.05 }], otrosImpuestos: 0 };
  it("accepts a consistent invoice", () => {
    expect(validateInvoice(ok)).toEqual({ issues: [], needsReview: false });
  });
  it("reports bad CUIT, totals, ranges, future dates and unknown tipo", () => {
    const r = validateInvoice({ ...ok, proveedorCuit: "27184401432", total: 400000, puntoVenta: 0, numero: null, fecha: "2999-01-01", tipoCodigo: 777 });
    const byField = Object.fromEntries(r.issues.map((i) => [i.field, i.severity]));
    expect(byField).toMatchObject({ proveedorCuit: "error", total: "warning", puntoVenta: "error", numero: "error", fecha: "error", tipoCodigo: "warning" });
    expect(r.needsReview).toBe(true);
    expect(r.issues.every((i) => /[a-záéíóúñ]/i.test(i.message))).toBe(true);
  });
});
