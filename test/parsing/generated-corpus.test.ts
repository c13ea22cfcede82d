/** The parser against the seeded corpus (test/corpus): exact fields where the truth is known. */
import { afterAll, describe, expect, it } from "vitest";
import type { InvoiceFieldName, InvoiceFields } from "@/lib/documents/fields";
import { extractQr, parseInvoice, shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { generateInvoice, MALFORMED_QR_VARIANTS, standardSpecs, type GeneratedInvoice } from "~/test/corpus/generate";

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

const QR_FIELDS: InvoiceFieldName[] = ["tipoCodigo", "tipo", "puntoVenta", "numero", "fecha", "proveedorCuit", "receptorCuit", "total", "moneda", "cotizacion", "cae"];
const TEXT_FIELDS: InvoiceFieldName[] = ["proveedorRazonSocial", "receptorNombre", "neto", "otrosImpuestos", "caeVencimiento"];
const ALL_FIELDS: InvoiceFieldName[] = [...QR_FIELDS, ...TEXT_FIELDS];

function diff(got: InvoiceFields, truth: InvoiceFields, names: InvoiceFieldName[]): string[] {
  const out = names.filter((k) => JSON.stringify(got[k]) !== JSON.stringify(truth[k])).map((k) => `${k}: ${JSON.stringify(got[k])} ≠ ${JSON.stringify(truth[k])}`);
  const ivaGot = got.iva ?? [];
  const ivaTruth = truth.iva ?? [];
  if (JSON.stringify(ivaGot) !== JSON.stringify(ivaTruth)) out.push(`iva: ${JSON.stringify(ivaGot)} ≠ ${JSON.stringify(ivaTruth)}`);
  return out;
}

describe("generated corpus", () => {
  it("QR-bearing PDFs (both layouts, embedded and vector QR, every tipo family): every field exact, QR as source, no review", async () => {
    const specs = standardSpecs({ qrPdfs: 24, textPdfs: 0, images: 0 });
    const failures: string[] = [];
    const styles = new Set<string>();
    for (const spec of specs) {
      const g = await generateInvoice(spec);
      styles.add(`${g.spec.layout}/${g.spec.qrStyle}`);
      const r = await parseInvoice(g.bytes, g.fileName);
      const d = diff(r.fields, g.truth, ALL_FIELDS);
      if (d.length) failures.push(`${g.fileName}: ${d.join("; ")}`);
      for (const k of ["numero", "total", "proveedorCuit", "fecha", "cae"] as const) {
        if (r.meta[k]?.source !== "QR") failures.push(`${g.fileName}: ${k} from ${r.meta[k]?.source}`);
      }
      if (r.issues.some((i) => i.severity === "error")) failures.push(`${g.fileName}: ${JSON.stringify(r.issues)}`);
    }
    expect(failures).toEqual([]);
    expect(styles).toEqual(new Set(["afip/image", "afip/vector", "generic/image", "generic/vector"]));
  }, 300_000);

  it("text-only PDFs (no QR): fields from the text layer rules, exact", async () => {
    const failures: string[] = [];
    for (const spec of standardSpecs({ qrPdfs: 0, textPdfs: 8, images: 0 })) {
      const g = await generateInvoice(spec);
      const qr = await extractQr(g.bytes, "pdf");
      expect(qr).toBeNull();
      const r = await parseInvoice(g.bytes, g.fileName);
      const d = diff(r.fields, g.truth, ALL_FIELDS);
      if (d.length) failures.push(`${g.fileName} (${g.spec.layout}): ${d.join("; ")}`);
      expect(r.meta.total?.source).toBe("TEXT");
      expect(r.timings.ocr).toBeUndefined();
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("a scanned-looking image goes through QR + OCR; an image-only PDF through OCR", async () => {
    const png = await generateInvoice({ seed: 77, format: "png", layout: "generic" });
    const r = await parseInvoice(png.bytes, png.fileName);
    expect(r.kind).toBe("image");
    expect(r.timings.ocr).toBeGreaterThan(0);
    expect(diff(r.fields, png.truth, QR_FIELDS)).toEqual([]);
    expect(r.notes.join("\n")).toMatch(/OCR/);
    // OCR corroborates or adds text-only fields
    expect(r.fields.caeVencimiento).toBe(png.truth.caeVencimiento);

    // no QR at all: the OCR text alone must give the key fields
    const scan = await generateInvoice({ seed: 78, format: "pdf-scan", layout: "afip" });
    const s = await parseInvoice(scan.bytes, scan.fileName);
    expect(s.kind).toBe("pdf");
    expect(s.timings.ocr).toBeGreaterThan(0);
    expect(diff(s.fields, scan.truth, QR_FIELDS)).toEqual([]);
    expect(s.meta.total?.source).toBe("QR");
    expect(s.fields.caeVencimiento).toBe(scan.truth.caeVencimiento);
  }, 300_000);

  it("an image with no QR: OCR alone reads the key fields, capped confidence sends it to review", async () => {
    const g: GeneratedInvoice = await generateInvoice({ seed: 79, format: "jpeg", layout: "afip", noQr: true });
    expect(await extractQr(g.bytes, "image")).toBeNull();
    const r = await parseInvoice(g.bytes, g.fileName);
    expect(diff(r.fields, g.truth, ["numero", "puntoVenta", "fecha", "proveedorCuit", "total", "cae"])).toEqual([]);
    expect(r.meta.total).toMatchObject({ source: "OCR" });
    expect(r.meta.total!.confidence).toBeLessThanOrEqual(0.8);
    expect(r.needsReview).toBe(true);
  }, 300_000);

  describe("malformed AFIP QR variants from the brief: decoded and flagged", () => {
    for (const [i, v] of MALFORMED_QR_VARIANTS.entries()) {
      it(v.variant, async () => {
        const g = await generateInvoice({ seed: 3000 + i, format: "pdf-qr", qrVariant: v.variant });
        const qr = await extractQr(g.bytes, "pdf");
        expect(qr).not.toBeNull();
        expect(qr!.notes.join("\n")).toMatch(v.expectNote);
        const expectFromQr = QR_FIELDS.filter((k) => !(v.qrLosesCae && (k === "cae" || k === "receptorCuit")) && !(v.qrLosesFecha && k === "fecha"));
        expect(diff(qr!.fields as InvoiceFields, g.truth, expectFromQr).filter((x) => !x.startsWith("iva"))).toEqual([]);
        // the whole pipeline still gets every field right (text layer fills what the QR lost)
        const r = await parseInvoice(g.bytes, g.fileName);
        expect(diff(r.fields, g.truth, ALL_FIELDS)).toEqual([]);
        expect(r.notes.join("\n")).toMatch(v.expectNote);
      }, 120_000);
    }
  });
});
