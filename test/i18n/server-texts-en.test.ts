/**
 * Stored and catalogue server texts in English: the event catalogue of /webhooks/eventos, parser
 * notes and FLAGGED reasons on the review page (translated at display, src/i18n/server-text.ts),
 * and the ARCA (Mis Comprobantes) difference notes.
 */
import { describe, expect, it } from "vitest";
import en from "@/i18n/messages/en/server.json";
import es from "@/i18n/messages/es-AR/server.json";
import { translateServerText } from "@/i18n/server-text";
import { EMPTY_INVOICE_FIELDS } from "@/lib/documents/fields";
import { fieldReasons } from "@/server/documents/review/reasons";
import { buildBook } from "@/server/libro-iva/book";
import { checkMonth, forMember } from "@/server/libro-iva/preflight";
import type { LibroSource } from "@/server/libro-iva/records";
import { eventCatalogView } from "@/server/events/catalog-view";
import { localAlerts } from "@/server/movements/fallback";
import { decodeAfipQr } from "@/server/parsing/afip-qr";
import { mergeStages } from "@/server/parsing/merge";

const toEn = (text: string) => translateServerText(text, es, en);
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("the event catalogue", () => {
  it("describes every event, its emission and its version changes in English", () => {
    const spanish = eventCatalogView("es-AR");
    const english = eventCatalogView("en");
    expect(english.find((e) => e.type === "document.failed")?.description).toBe("The processing of a document failed.");
    english.forEach((e, i) => {
      const s = spanish[i]!;
      expect(e.description, s.description).not.toBe(s.description);
      expect(e.emittedWhen, s.emittedWhen).not.toBe(s.emittedWhen);
      e.changes?.forEach((c, j) => expect(c.change, s.changes![j]!.change).not.toBe(s.changes![j]!.change));
    });
    expect(spanish[0]!.description).toBe("Un documento se procesó correctamente y sus datos quedaron extraídos.");
  });
});

describe("parser notes and flags", () => {
  it("write every note of a repaired QR in English", () => {
    const json = `{"ver":1,"fecha":"14/02/2023","cuit":30710145764,"ptoVta":4,"tipoCmp":01,"nroCmp":25399,"importe":2460,"moneda":"PES","ctz":1,"tipoDocRec":80,"nroDocRec":30500`;
    const notes = decodeAfipQr(`https://serviciosweb.arca.gob.ar/fe/qr?p=${b64(json)}`)!.notes;
    expect(notes.length).toBeGreaterThan(3);
    for (const n of notes) expect(toEn(n), n).toMatch(/^QR: [A-Za-z«]/);
    expect(notes.map(toEn)).toContain("QR: the CAE («codAut») is missing");
    expect(toEn("Se ignoró otro código QR que no es de AFIP")).toBe("Ignored another QR code not from AFIP");
    expect(toEn("Se ignoró 2 códigos QR que no es de AFIP")).toBe("Ignored 2 QR codes not from AFIP");
  });

  it("write a source disagreement, and the FLAGGED review reason that carries it, in English", () => {
    const merged = mergeStages([
      { fields: { total: 1210 }, meta: { total: { source: "QR", confidence: 0.98 } }, notes: [] },
      { fields: { total: 1200 }, meta: { total: { source: "TEXT", confidence: 0.9 } }, notes: [] },
    ]);
    expect(merged.notes).toEqual(["Diferencia en total: QR dice 1210, TEXT dice 1200"]);
    expect(toEn(merged.notes[0]!)).toBe("Difference in total: QR says 1210, TEXT says 1200");
    const flagged = fieldReasons({ ...EMPTY_INVOICE_FIELDS, ...merged.fields }, merged.meta).find((r) => r.code === "FLAGGED" && r.field === "total")!;
    expect(flagged.message).toBe("Total: Diferencia en total: QR dice 1210, TEXT dice 1200");
    expect(toEn(flagged.message)).toBe("Total: Difference in total: QR says 1210, TEXT says 1200");
  });

  it("write an ARCA difference note, each difference of the list included, in English", () => {
    const note = "Difiere de Mis Comprobantes de ARCA (CUIT 30-70891000-3, 2025-03) — total: ARCA 1.210,00, documento 1.200,00; IVA: ARCA 210,00, documento 200,00.";
    expect(toEn(note)).toBe("Differs from ARCA's Mis Comprobantes (CUIT 30-70891000-3, 2025-03) — total: ARCA 1.210,00, document 1.200,00; VAT: ARCA 210,00, document 200,00.");
  });
});

describe("movement alerts of the local fallback (e-mailed to each member in their language)", () => {
  it("have every title and message in English", () => {
    const base = { amount: 90000, currency: "ARS", category: "Juegos", currentWeekSpent: 10000, threshold: 0.8, multiplier: 3, unusualThreshold: null, blockedCategories: ["Juegos"] };
    const alerts = [...localAlerts({ ...base, weeklyBudget: 50000, average: 10000 }), ...localAlerts({ ...base, weeklyBudget: 110000, average: 0, unusualThreshold: 1000 })];
    expect(alerts.map((a) => a.type).sort()).toEqual(["BLOCKED_CATEGORY", "BLOCKED_CATEGORY", "BUDGET_EXCEEDED", "BUDGET_THRESHOLD", "UNUSUAL_AMOUNT", "UNUSUAL_AMOUNT"]);
    for (const a of alerts) {
      expect(toEn(a.title), a.title).not.toBe(a.title);
      expect(toEn(a.message), a.message).not.toBe(a.message);
    }
    expect(toEn("Se registró un gasto en «Juegos», que marcaste como bloqueada.")).toBe("An expense was recorded in «Juegos», which you marked as blocked.");
  });
});

describe("the Libro IVA pre-flight (blockers and notes, translated at display)", () => {
  const ok: LibroSource = { id: "ok", tipoCodigo: 1, puntoVenta: 2, numero: 1, fecha: "2026-09-01", proveedorCuit: "30712345671", proveedorRazonSocial: "Mayorista SA", neto: 1000, iva: [{ rate: 21, base: 1000, amount: 210 }], total: 1210, moneda: "PES", cotizacion: 1, noGravado: null, exento: null, percepcionesIva: null, percepcionesIibb: null, impuestosInternos: null, otrosTributos: null };
  const broken: Partial<LibroSource>[] = [
    { tipoCodigo: null }, { tipoCodigo: 49 }, { tipoCodigo: 999 }, { puntoVenta: null }, { puntoVenta: 100000 }, { numero: null }, { numero: 0 }, { fecha: null },
    { proveedorCuit: null }, { proveedorCuit: "30712345670" }, { proveedorRazonSocial: "" }, { total: null }, { moneda: "XYZ" }, { moneda: "USD", cotizacion: null },
    { moneda: "USD", cotizacion: 1 }, { moneda: "USD", cotizacion: 12000 }, { iva: [{ rate: 19, base: 1000, amount: 190 }], total: 1190 },
    { iva: [{ rate: 21, base: null, amount: 105 }, { rate: 10.5, base: null, amount: 52.5 }], total: 1157.5 }, { iva: [] }, { neto: 0, iva: [], total: 0.01 },
    { otrosImpuestos: 30, total: 1240 }, { total: 1211 }, { total: 1210.01 },
  ];
  const docs = [ok, { ...ok, id: "dup", numero: 5 }, { ...ok, id: "dup2", numero: 5 }, { ...ok, id: "zero", numero: 6, total: 0, neto: 0, iva: [] }, { ...ok, id: "usd", numero: 7, moneda: "USD", cotizacion: 1050.25 }, ...broken.map((o, i) => ({ ...ok, id: `b${i}`, numero: 100 + i, ...o }))];
  const book = buildBook(docs);
  const stateOf = (status: string, reviewStatus: string) => ({ id: status, status, reviewStatus }) as unknown as Parameters<typeof checkMonth>[0][number];

  it("write every blocker and note in English", () => {
    const messages = [...book.blockers, ...book.warnings, ...checkMonth([stateOf("FAILED", "NOT_READY"), stateOf("PROCESSING", "NOT_READY"), stateOf("COMPLETED", "NEEDS_REVIEW")], { unattributed: [{ ...ok, id: "orphan", fileName: "sin-receptor.pdf", tipo: null }], undated: [{ ...ok, id: "undated", fileName: "sin-fecha.pdf", fecha: null, status: "COMPLETED" }] } as unknown as Parameters<typeof checkMonth>[1]).blockers, ...forMember({ clientCuits: [] }, [{ documentId: "orphan", code: "NO_CLIENT", field: "receptorCuit", message: "" }])].map((b) => b.message);
    expect(new Set(book.blockers.map((b) => b.documentId)).size).toBe(broken.length + 2);
    for (const m of messages) {
      expect(toEn(m), m).not.toBe(m);
      expect(toEn(m), m).not.toMatch(/(^| )(el|la|del|Falta|Todavía|Mismo|Comprobante en|Moneda|Cotización|Alícuota|Hay|Importe|No se|revisá|ajustá|indicá) /);
    }
    expect(toEn("El total 1.211,00 no es la suma de neto, IVA, no gravado, exento, percepciones, internos y otros tributos (1.210,00; diferencia 1,00)")).toBe(
      "The total 1.211,00 is not the sum of net, VAT, non-taxed, exempt, perceptions, internal and other taxes (1.210,00; difference 1,00)",
    );
    expect(toEn("No se puede informar: el Libro IVA de compras de Contaflow todavía no incluye compra de bienes usados (tipo 49)")).toBe("Cannot be reported: Contaflow's purchase Libro IVA does not include compra de bienes usados yet (type 49)");
  });
});
