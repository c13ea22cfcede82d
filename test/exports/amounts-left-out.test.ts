/**
 * The preset fit check's reasons (exports/amounts-left-out.ts) as the pages show them: Spanish
 * as written, and in English through the server-text catalogue — the whole sentence, with the
 * push's «No se envió: …» around it, not a Spanish clause inside an English page.
 */
import { describe, expect, it } from "vitest";
import en from "@/i18n/messages/en/server.json";
import es from "@/i18n/messages/es-AR/server.json";
import { translateServerText } from "@/i18n/server-text";
import { alegra } from "@/server/connectors/presets/alegra";
import { amountsLeftOut } from "@/server/exports/amounts-left-out";

const connector = { presetKey: "alegra", pushMapping: alegra.connector.pushMapping, parameters: { categoriaId: "5064", impuestoPorAlicuota: { "21": "3" } } };
const invoice = { tipoCodigo: 1, moneda: "ARS", cotizacion: 1, total: 1210, ivaDetalle: [{ rate: 21, base: 1000, amount: 210 }], noGravado: null, exento: null, percepcionesIva: null, percepcionesIibbTotal: null, impuestosInternos: null, otrosTributos: null };
const toEnglish = (reason: string) => translateServerText(`No se envió: ${reason}`, es, en);

describe("amountsLeftOut reasons", () => {
  it("are none for an invoice the lines make, and one per cause otherwise, each written in English too", () => {
    expect(amountsLeftOut(connector, invoice)).toBeNull();
    const cases = {
      creditNote: { ...invoice, tipoCodigo: 3 },
      dollars: { ...invoice, moneda: "DOL", cotizacion: 1050.5 },
      rate: { ...invoice, ivaDetalle: [{ rate: 10.5, base: 1000, amount: 105 }], total: 1105 },
      noTotal: { ...invoice, total: null },
      perception: { ...invoice, percepcionesIibbTotal: 36.3, total: 1246.3 },
    };
    const english = Object.fromEntries(Object.entries(cases).map(([k, input]) => [k, toEnglish(amountsLeftOut(connector, input)!)]));
    expect(english).toEqual({
      creditNote: "Not sent: it is a credit note and the Alegra mapping makes purchase bills: Alegra would record it as one more bill, adding instead of subtracting. Enter it by hand in Alegra.",
      dollars: "Not sent: the document is in DOL, cotización 1.050,5 and the Alegra mapping is built for documents in pesos: Alegra would record the amounts as pesos. Enter it by hand in Alegra, or add the currency to the connector's mapping.",
      rate: "Not sent: the 10,5 % VAT rate has no Alegra id in the connector's “Your account's data”, and without it Alegra would record the bill without that VAT. Fill it in and export again.",
      noTotal: "Not sent: the document has no total, so there is no way to check that Alegra records the same amount. Correct the total in the review and export again.",
      perception: "Not sent: Alegra would record a total of $ 1.210,00 and the document's is $ 1.246,30 (percepciones de IIBB $ 36,30). The Alegra mapping builds the bill from the taxed net and the VAT of each rate only. Enter it by hand in Alegra, or add those amounts to the connector's mapping.",
    });
  });
});
