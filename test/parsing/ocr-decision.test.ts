/**
 * Issue 15, pattern 9: the app, the CLI and the library decide OCR by one rule (decisions.ts).
 * A text layer without QR whose required fields are all present but one is weak does not run OCR
 * (it only re-reads the same print, ≈ 5 s a page); a missing required field, an image or a PDF
 * without text does.
 */
import { describe, expect, it } from "vitest";
import { needsOcr } from "@/server/parsing/decisions";
import type { StageResult } from "@/server/parsing/stage";

const complete: StageResult = {
  fields: { tipoCodigo: 1, puntoVenta: 3, numero: 104, fecha: "2024-05-02", proveedorCuit: "30715576909", total: 1210 },
  meta: {
    tipoCodigo: { source: "TEXT", confidence: 0.95 },
    puntoVenta: { source: "TEXT", confidence: 0.95 },
    numero: { source: "TEXT", confidence: 0.95 },
    fecha: { source: "TEXT", confidence: 0.95 },
    proveedorCuit: { source: "TEXT", confidence: 0.95 },
    total: { source: "TEXT", confidence: 0.7 },
  },
  notes: [],
};

describe("needsOcr (one rule for app, CLI and library)", () => {
  it("skips OCR for a text PDF without QR whose required fields are present, even if one is weak", () => {
    expect(needsOcr("pdf", null, complete)).toBe(false);
  });
  it("runs OCR for a text PDF without QR that lacks a required field", () => {
    const { total: _t, ...fields } = complete.fields;
    expect(needsOcr("pdf", null, { ...complete, fields })).toBe(true);
  });
  it("skips OCR when the QR is there, runs it for images and PDFs without text", () => {
    expect(needsOcr("pdf", { fields: {}, meta: {}, notes: [] }, { ...complete, fields: {} })).toBe(false);
    expect(needsOcr("image", null, null)).toBe(true);
    expect(needsOcr("pdf", null, null)).toBe(true);
  });
});
