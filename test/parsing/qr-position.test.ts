/**
 * The QR stage also says where the AFIP QR is on the page (stored in the parse report; the review
 * viewer points QR-read fields at it). Real invoice: test/fixtures/real-invoices (see its README).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { extractQr, shutdownWorkers } from "@/server/parsing";
import { generateInvoice } from "../corpus/generate";

afterAll(shutdownWorkers);

it("an embedded QR image: its box on page 1 (bottom left of the AFIP layout, square on the page)", async () => {
  const bytes = new Uint8Array(readFileSync(path.resolve(process.cwd(), "test/fixtures/real-invoices/2000006795586342.pdf")));
  const qr = await extractQr(bytes, "pdf");
  expect(qr?.fields.proveedorCuit).toBe("20255531507");
  const box = qr?.positions?.qr;
  expect(box).toBeDefined();
  expect(box!.page).toBe(1);
  // page 595×842 pt: the symbol sits in the lower left corner, about 65 pt wide
  expect(box!.x0).toBeGreaterThan(0.02);
  expect(box!.x1).toBeLessThan(0.25);
  expect(box!.y0).toBeGreaterThan(0.8);
  expect(box!.y1).toBeLessThan(0.99);
  const widthPt = (box!.x1 - box!.x0) * 595;
  const heightPt = (box!.y1 - box!.y0) * 842;
  expect(widthPt).toBeGreaterThan(40);
  expect(Math.abs(widthPt - heightPt)).toBeLessThan(3);
}, 60_000);

it.each(["image", "vector"] as const)("a generated invoice with a %s QR (drawn at x 40–140, y 70–170 pt): its box, from the image's placement or the rendered page", async (qrStyle) => {
  const inv = await generateInvoice({ seed: 9301, format: "pdf-qr", qrStyle });
  const qr = await extractQr(inv.bytes, "pdf");
  expect(qr?.fields.numero).toBe(inv.truth.numero);
  const box = qr?.positions?.qr;
  expect(box?.page).toBe(1);
  const [w, h] = [595.28, 841.89];
  const near = (a: number, b: number) => expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThan(0.02);
  near(box!.x0, 40 / w);
  near(box!.x1, 140 / w);
  near(box!.y0, (h - 170) / h);
  near(box!.y1, (h - 70) / h);
}, 60_000);
