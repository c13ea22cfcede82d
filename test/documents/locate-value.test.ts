/**
 * The review viewer's locator (value → box on the page) on the text layer of real invoices
 * (test/fixtures/real, provenance in its SOURCES.md), read with pdf.js as the browser does. Expected
 * positions are the printed items' positions in those files (PDF user space, y up).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { locateValue, textItemsOf, type PdfRect, type TextItemLike } from "@/components/documents/viewer/locate";

const FIXTURES = path.resolve(process.cwd(), "test/fixtures/real");

async function textPages(file: string): Promise<TextItemLike[][]> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: new Uint8Array(readFileSync(path.join(FIXTURES, file))), verbosity: 0, isEvalSupported: false }).promise;
  const pages: TextItemLike[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(textItemsOf(content.items));
  }
  await doc.destroy();
  return pages;
}

/** The hit covers the printed item at (x, baseline y) of width w: starts/ends within 2 pt, baseline inside. */
function expectBox(rect: PdfRect | undefined, x: number, y: number, w: number) {
  expect(rect).toBeDefined();
  const [x0, y0, x1, y1] = rect!;
  expect(Math.abs(x0 - x), `x0 ${x0} vs ${x}`).toBeLessThan(2);
  expect(Math.abs(x1 - (x + w)), `x1 ${x1} vs ${x + w}`).toBeLessThan(2);
  expect(y0).toBeLessThan(y);
  expect(y1).toBeGreaterThan(y + 4);
  expect(y1 - y0).toBeLessThan(20);
}

describe("AFIP layout, three pages, QR (2000006795586342.pdf)", () => {
  let pages: TextItemLike[][];
  beforeAll(async () => {
    pages = await textPages("mezka/2000006795586342.pdf");
  });

  it("has the text layer the test relies on (three copies of the invoice)", () => {
    expect(pages).toHaveLength(3);
    expect(pages[0]!.some((i) => i.str === "ORIGINAL")).toBe(true);
  });

  it("CUITs: issuer and receiver, each at its own print (no dashes in this layout)", () => {
    const issuer = locateValue("proveedorCuit", "20255531507", pages);
    expect(issuer?.page).toBe(1);
    expectBox(issuer?.rect, 373, 709.6, 55);
    const receiver = locateValue("receptorCuit", "30717336905", pages);
    expectBox(receiver?.rect, 52, 661.4, 48.9);
  });

  it("total: the amount after «Importe Total: $», not the same digits elsewhere; neto after its label", () => {
    const total = locateValue("total", 7040, pages);
    expect(total?.page).toBe(1);
    expectBox(total?.rect, 538.9, 175.7, 36.1);
    expectBox(locateValue("neto", 6028.18, pages)?.rect, 542.5, 281.6, 32.5);
  });

  it("a zero amount is located only next to its label (the page is full of 0,00)", () => {
    // «Importe Otros Tributos: $ 0,00» is printed twice; the first (top) one wins
    expectBox(locateValue("otrosImpuestos", 0, pages)?.rect, 329.5, 302.1, 17.5);
    expect(locateValue("cotizacion", 0, pages)).toBeNull();
  });

  it("dates dd/mm/yyyy, CAE digits, punto de venta and number zero-padded, names, type code", () => {
    expectBox(locateValue("fecha", "2023-11-14", pages)?.rect, 428, 732.5, 50);
    expectBox(locateValue("caeVencimiento", "2023-11-24", pages)?.rect, 486, 103.5, 50);
    expectBox(locateValue("cae", "73467095369503", pages)?.rect, 486, 117.5, 77.8);
    expectBox(locateValue("puntoVenta", 3, pages)?.rect, 417, 748, 27.8);
    expectBox(locateValue("numero", 153, pages)?.rect, 517, 748, 44.5);
    expectBox(locateValue("proveedorRazonSocial", "Rivadeneira Juan Ramón", pages)?.rect, 84, 731.4, 122.9);
    expectBox(locateValue("receptorNombre", "MESQUITA HNOS", pages)?.rect, 354, 661.4, 67);
    expectBox(locateValue("tipoCodigo", 1, pages)?.rect, 283, 762, 31.1);
  });

  it("a value that is not printed is not found (no guessed box)", () => {
    expect(locateValue("total", 7040.01, pages)).toBeNull();
    expect(locateValue("proveedorCuit", "20255531508", pages)).toBeNull();
    expect(locateValue("fecha", "2023-11-15", pages)).toBeNull();
    expect(locateValue("proveedorRazonSocial", "Otro Proveedor SA", pages)).toBeNull();
    expect(locateValue("moneda", "PES", pages)).toBeNull();
    expect(locateValue("total", null, pages)).toBeNull();
  });
});

describe("one-page layout with values inside longer items (fc-a-0003-00000104.pdf)", () => {
  let pages: TextItemLike[][];
  beforeAll(async () => {
    pages = await textPages("gonza/_09__FC_A_0003-00000104.pdf");
  });

  it("CUIT printed with dashes, alone and after «CUIT: » inside one item", () => {
    expectBox(locateValue("proveedorCuit", "20300376879", pages)?.rect, 430, 766, 61.8);
    const receiver = locateValue("receptorCuit", "30716248794", pages);
    // «CUIT: 30-71624879-4» is one item (x 190, 88.1 wide): the box covers the digits only
    expect(receiver).not.toBeNull();
    expect(receiver!.rect[0]).toBeGreaterThan(190 + 15);
    expect(receiver!.rect[2]).toBeLessThan(190 + 88.1 + 1);
  });

  it("amounts with a point as decimal separator; total on its line, not the item line", () => {
    expectBox(locateValue("total", 2231.24, pages)?.rect, 502, 455, 33);
    // 1844.00 is printed on the item line and after «Subtotal»: the labelled one
    expectBox(locateValue("neto", 1844, pages)?.rect, 502, 503, 33);
  });

  it("«0003-00000104»: punto de venta and number are parts of one item", () => {
    const pv = locateValue("puntoVenta", 3, pages);
    const nro = locateValue("numero", 104, pages);
    expect(pv).not.toBeNull();
    expect(nro).not.toBeNull();
    expect(pv!.rect[0]).toBeCloseTo(430, 0);
    expect(pv!.rect[2]).toBeLessThan(nro!.rect[0] + 0.01);
    expect(nro!.rect[2]).toBeCloseTo(430 + 63.8, 0);
  });

  it("the CAE inside «C.A.E. Nº …», not inside the longer barcode digits", () => {
    const cae = locateValue("cae", "69239531076719", pages);
    expect(cae).not.toBeNull();
    expect(cae!.rect[1]).toBeGreaterThan(40); // the barcode line is at y 16, the CAE line at y 54
    expect(cae!.rect[0]).toBeGreaterThan(30);
    expect(cae!.rect[2]).toBeLessThan(30 + 98.6 + 1);
    expectBox(locateValue("fecha", "2019-06-05", pages)?.rect, 430, 778, 48.2);
  });
});
