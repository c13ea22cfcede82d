/**
 * The deterministic stages over the real invoices in test/fixtures/real (public samples, see
 * SOURCES.md there). The assertions here are extraction rates and internal consistency (QR
 * decoded where an AFIP QR is printed, CUIT check digits, QR = text agreement); the exact fields
 * are checked against truth.json in real-accuracy.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyzePdf, extractQr, extractText, isParseFailure, isValidCuit, mergeStages, shutdownWorkers, validateInvoice } from "@/server/parsing";

const ROOT = path.resolve(import.meta.dirname, "../fixtures/real");

afterAll(shutdownWorkers);

function files(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir))
    .filter((f) => /\.pdf$/i.test(f))
    .sort()
    .map((f) => path.join(ROOT, dir, f));
}

describe("real invoices (test/fixtures/real)", () => {
  it("the corpus is where CI expects it", () => {
    expect(existsSync(ROOT), ROOT).toBe(true);
  });

  it("mezka (post-2021, all carry an AFIP QR): QR decoded on ≥ 95 %, issuer CUIT valid, QR and text agree on the number", async () => {
    const list = files("mezka");
    expect(list.length).toBeGreaterThan(20);
    let decoded = 0;
    let textAgrees = 0;
    const problems: string[] = [];
    for (const f of list) {
      const bytes = new Uint8Array(readFileSync(f));
      const qr = await extractQr(bytes, "pdf");
      if (!qr) {
        problems.push(`${path.basename(f)}: sin QR`);
        continue;
      }
      decoded++;
      expect(isValidCuit(qr.fields.proveedorCuit), path.basename(f)).toBe(true);
      expect(qr.fields.numero).toBeGreaterThan(0);
      expect(qr.fields.total).toBeGreaterThan(0);
      // AFIP's QR exists since 2021: a date before that, in the future or missing is a misread.
      const fecha = qr.fields.fecha ?? "";
      expect(fecha, path.basename(f)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect({ file: path.basename(f), fecha, inRange: fecha >= "2021-01-01" && fecha <= new Date().toISOString().slice(0, 10) }).toMatchObject({ inRange: true });
      const text = await extractText(bytes, "pdf");
      if (text?.fields.numero === qr.fields.numero) textAgrees++;
    }
    expect(decoded / list.length, problems.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(textAgrees / decoded).toBeGreaterThanOrEqual(0.6);
  }, 600_000);

  it("gonza (mostly pre-QR, many layouts): text rules + barcode give a valid issuer CUIT and a total on most invoices; non-invoices fail or end up in review", async () => {
    const list = files("gonza");
    expect(list.length).toBeGreaterThan(20);
    let withCore = 0;
    let withText = 0;
    let clean = 0;
    for (const f of list) {
      const bytes = new Uint8Array(readFileSync(f));
      try {
        const { qr, text } = await analyzePdf(bytes);
        if (text) withText++;
        const merged = mergeStages([qr, text]);
        if (merged.fields.proveedorCuit && isValidCuit(merged.fields.proveedorCuit) && merged.fields.total != null) withCore++;
        if (!validateInvoice(merged.fields).needsReview) clean++;
      } catch (err) {
        expect(isParseFailure(err), String(err)).toBe(true);
      }
    }
    expect(withText / list.length).toBeGreaterThanOrEqual(0.9);
    expect(withCore / list.length).toBeGreaterThanOrEqual(0.75);
    expect(clean / list.length).toBeGreaterThanOrEqual(0.5);
  }, 600_000);
});
