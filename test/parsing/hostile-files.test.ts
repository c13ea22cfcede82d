/** Hostile and broken files end as ParseFailure with a Spanish reason; the process stays healthy. */
import { afterAll, describe, expect, it } from "vitest";
import { inspectFile, isParseFailure, parseInvoice, ParseFailure, shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { generateInvoice, hostileFiles } from "~/test/corpus/generate";

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

describe("hostile files", () => {
  it("every hostile file → ParseFailure with an expected reason and a Spanish message; a good file parses afterwards", async () => {
    const files = await hostileFiles();
    const results: string[] = [];
    for (const h of files) {
      const t0 = performance.now();
      const err = await parseInvoice(h.bytes, h.fileName).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, h.name).toBeInstanceOf(ParseFailure);
      const f = err as ParseFailure;
      expect(isParseFailure(f)).toBe(true);
      expect(h.expectReasons, `${h.name}: ${f.reason} ${f.message}`).toContain(f.reason);
      expect(f.message).toMatch(/[a-záéíóúñ]{3,}/i);
      // bounded: limits (10-15 s per stage) end every hostile parse
      expect(performance.now() - t0, h.name).toBeLessThan(30_000);
      results.push(`${h.name}: ${f.reason}`);
    }
    expect(results).toHaveLength(files.length);

    const good = await generateInvoice({ seed: 5, format: "pdf-qr" });
    const r = await parseInvoice(good.bytes, good.fileName);
    expect(r.fields.total).toBe(good.truth.total);
    expect(r.fields.numero).toBe(good.truth.numero);
  }, 240_000);

  it("inspectFile: content sniffing beats the declared name; HEIC gets the export hint", async () => {
    const pdf = await generateInvoice({ seed: 6, format: "pdf-qr" });
    await expect(inspectFile(pdf.bytes, "foto.jpg")).resolves.toEqual({ kind: "pdf", mimeType: "application/pdf", pageCount: 1 });
    const png = await generateInvoice({ seed: 6, format: "png" });
    await expect(inspectFile(png.bytes, "factura.pdf")).resolves.toMatchObject({ kind: "image", mimeType: "image/png", pageCount: 1 });
    const jpg = await generateInvoice({ seed: 6, format: "jpeg" });
    await expect(inspectFile(jpg.bytes, "x")).resolves.toMatchObject({ kind: "image", mimeType: "image/jpeg" });
    const heic = new Uint8Array(64);
    heic.set(new TextEncoder().encode("ftypheic"), 4);
    await expect(inspectFile(heic, "IMG_1.HEIC")).rejects.toMatchObject({ reason: "NOT_SUPPORTED", message: "HEIC no soportado, exportá como JPG" });
  }, 60_000);
});
