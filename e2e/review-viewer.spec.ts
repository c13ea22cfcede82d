import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS ?? tmpdir();
const FIXTURES = resolve(process.cwd(), "test/fixtures/real");
/** Factura A 00003-00000153: three pages (ORIGINAL, DUPLICADO, TRIPLICADO), AFIP QR, text layer (see the fixtures' README). */
const THREE_PAGES = join(FIXTURES, "mezka/2000006795586342.pdf");
/** Factura A 0003-00000104 (2019): text layer only. */
const TEXT_ONLY = join(FIXTURES, "gonza/_09__FC_A_0003-00000104.pdf");

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, "element has a box").not.toBeNull();
  return b!;
}

/** A short fingerprint of what the canvas shows (to tell pages apart). */
function canvasPixels(page: Page) {
  return page.getByTestId("viewer-canvas").evaluate((c: HTMLCanvasElement) => {
    const url = c.toDataURL("image/png");
    let h = 0;
    for (let i = 0; i < url.length; i += 7) h = (h * 31 + url.charCodeAt(i)) | 0;
    return `${c.width}x${c.height}:${h}`;
  });
}

async function openDocument(page: Page, fileName: string) {
  await page.goto("/parse");
  const table = page.getByRole("table", { name: "Documentos" });
  await table.getByRole("link", { name: fileName }).click();
  await expect(page.getByRole("form", { name: "Datos extraídos" })).toBeVisible();
}

/** The viewer has drawn page `n`: the counter says so and the canvas has a bitmap. */
async function expectPage(page: Page, n: number, of: number) {
  await expect(page.getByTestId("viewer-page")).toHaveText(`Página ${n} de ${of}`);
  await expect.poll(() => page.getByTestId("viewer-canvas").evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(300);
}

test("review page: the document at readable width beside the form, zoom, pages, and a box on the focused field's value", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  // pdf.js parses in a worker from the app's own bundle; nothing is fetched from another origin (no CDN)
  const workers: string[] = [];
  const foreign: string[] = [];
  page.on("worker", (w) => workers.push(w.url()));
  page.on("request", (r) => {
    if (!r.url().startsWith("http://127.0.0.1:") && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) foreign.push(r.url());
  });
  const dir = mkdtempSync(join(tmpdir(), "e2e-viewer-"));
  const photo = await generateInvoice({ seed: 8801, format: "png", tipoCodigo: 6 });
  const photoPath = join(dir, photo.fileName);
  writeFileSync(photoPath, photo.bytes);

  await signUp(page, { name: "Vera Visora", email: uniqueEmail("viewer"), password: "clave-segura-visor-1" });
  await createTenant(page, "Estudio Visor E2E");
  await page.goto("/parse");
  await page.getByTestId("upload-input").setInputFiles([THREE_PAGES, TEXT_ONLY, photoPath]);
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(table.locator('tbody tr[data-status="COMPLETED"]')).toHaveCount(3, { timeout: 120_000 });

  // ---- a three-page PDF: rendered by pdf.js at fit width, most of the page width
  await openDocument(page, "2000006795586342.pdf");
  const viewer = page.getByRole("region", { name: "Documento: 2000006795586342.pdf" });
  const canvas = page.getByTestId("viewer-canvas");
  await expectPage(page, 1, 3);
  const fit = await box(canvas);
  expect(fit.width).toBeGreaterThanOrEqual(720); // ≥ 50 % of 1440
  const form = await box(page.getByRole("form", { name: "Datos extraídos" }));
  expect(form.x + form.width).toBeLessThanOrEqual(fit.x); // side by side, form on the left
  // the whole viewer is on screen (its bottom — totals, CAE, QR — not below the fold), and stays so when the page scrolls
  expect((await box(viewer)).y + (await box(viewer)).height).toBeLessThanOrEqual(900);
  await page.evaluate(() => window.scrollBy(0, 600));
  await expect.poll(async () => Math.round((await box(viewer)).y)).toBe(16);
  expect((await box(viewer)).y + (await box(viewer)).height).toBeLessThanOrEqual(900);
  await page.evaluate(() => window.scrollTo(0, 0));
  // no browser PDF viewer (its thumbnails and a dozen tab stops) any more
  await expect(page.locator("iframe")).toHaveCount(0);
  expect(workers.some((u) => new URL(u).origin === new URL(page.url()).origin && new URL(u).pathname.startsWith("/_next/static/"))).toBe(true);

  // pages: next/previous change what is drawn
  const first = await canvasPixels(page);
  await viewer.getByRole("button", { name: "Página siguiente" }).click();
  await expectPage(page, 2, 3);
  await expect.poll(() => canvasPixels(page)).not.toBe(first);
  await viewer.getByRole("button", { name: "Página siguiente" }).click();
  await expectPage(page, 3, 3);
  await expect(viewer.getByRole("button", { name: "Página siguiente" })).toBeDisabled();
  await viewer.getByRole("button", { name: "Página anterior" }).click();
  await viewer.getByRole("button", { name: "Página anterior" }).click();
  await expectPage(page, 1, 3);
  await expect.poll(() => canvasPixels(page)).toBe(first);

  // zoom in, out, back to fit width
  await viewer.getByRole("button", { name: "Acercar" }).click();
  await expect(page.getByTestId("viewer-zoom")).toHaveText("125 %");
  await expect.poll(async () => Math.round((await box(canvas)).width)).toBe(Math.round(fit.width * 1.25));
  await viewer.getByRole("button", { name: "Alejar" }).click();
  await viewer.getByRole("button", { name: "Alejar" }).click();
  await expect(page.getByTestId("viewer-zoom")).toHaveText("75 %");
  await expect.poll(async () => Math.round((await box(canvas)).width)).toBe(Math.round(fit.width * 0.75));
  await viewer.getByRole("button", { name: "Ajustar al ancho" }).click();
  await expect(page.getByTestId("viewer-zoom")).toHaveText("100 %");
  await expect.poll(async () => Math.round((await box(canvas)).width)).toBe(Math.round(fit.width));

  // focusing a field draws a box where its value is printed: the issuer's CUIT (20255531507), top right
  await page.getByLabel("CUIT del proveedor", { exact: true }).focus();
  const highlight = page.getByTestId("viewer-highlight");
  await expect(highlight).toBeVisible();
  await expect(viewer.getByRole("status")).toContainText("CUIT del proveedor");
  const c = await box(canvas);
  const h = await box(highlight);
  expect(h.x).toBeGreaterThanOrEqual(c.x);
  expect(h.y).toBeGreaterThanOrEqual(c.y);
  expect(h.x + h.width).toBeLessThanOrEqual(c.x + c.width);
  expect(h.y + h.height).toBeLessThanOrEqual(c.y + c.height);
  await expect(highlight).toHaveAttribute("data-field", "proveedorCuit");
  // read from the QR: the QR symbol (bottom left) is marked too, dashed
  await expect(page.getByTestId("viewer-highlight-qr")).toHaveAttribute("data-field", "proveedorCuit");
  await expect(viewer.getByRole("status")).toContainText("leído del código QR");
  // (printed at x 373–428, baseline y 709.6 of a 595×842 page)
  const cx = (h.x + h.width / 2 - c.x) / c.width;
  const cy = (h.y + h.height / 2 - c.y) / c.height;
  expect(cx).toBeGreaterThan(0.6);
  expect(cx).toBeLessThan(0.74);
  expect(cy).toBeGreaterThan(0.13);
  expect(cy).toBeLessThan(0.18);
  await page.screenshot({ path: join(SHOTS, "e2e-viewer-cuit-1440.png") });

  // the total: «Importe Total: $ 7040,00», bottom right; the viewer scrolls it into view
  await page.getByLabel("Total", { exact: true }).focus();
  await expect(highlight).toHaveAttribute("data-field", "total");
  const t = await box(highlight);
  const c2 = await box(canvas);
  expect((t.x + t.width / 2 - c2.x) / c2.width).toBeGreaterThan(0.88);
  expect((t.y + t.height / 2 - c2.y) / c2.height).toBeGreaterThan(0.76);
  expect((t.y + t.height / 2 - c2.y) / c2.height).toBeLessThan(0.82);
  const scrollArea = await box(page.getByTestId("viewer-scroll"));
  expect(t.y + t.height).toBeLessThanOrEqual(scrollArea.y + scrollArea.height); // scrolled into view
  expect(t.y).toBeGreaterThanOrEqual(scrollArea.y);
  await page.screenshot({ path: join(SHOTS, "e2e-viewer-total-1440.png") });

  // keyboard: the first stop in the content is the form (the header actions come after the document); the viewer's few controls come after the form
  await page.getByRole("link", { name: "Saltar al contenido" }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("form[aria-label='Datos extraídos']"))).toBe(true);
  let inForm = 1;
  for (; inForm < 80; inForm++) {
    await page.keyboard.press("Tab");
    if (!(await page.evaluate(() => !!document.activeElement?.closest("form")))) break;
  }
  const viewerStops: string[] = [];
  for (let i = 0; i < 12; i++) {
    const where = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.closest("section[aria-label^='Documento:']") ? (el.getAttribute("aria-label") ?? el.tagName) : null;
    });
    if (!where) break;
    viewerStops.push(where);
    await page.keyboard.press("Tab");
  }
  expect(viewerStops[0]).toBe("Página siguiente"); // "Página anterior" is disabled on page 1
  expect(viewerStops.length).toBeLessThanOrEqual(6);
  expect(viewerStops).toContain("Página 1 de 3 del documento");

  // ---- a corrected value that is not printed: no box, a discreet note instead
  await openDocument(page, "_09__FC_A_0003-00000104.pdf");
  await expectPage(page, 1, 1);
  await page.getByLabel("Total", { exact: true }).focus();
  await expect(page.getByTestId("viewer-highlight")).toHaveAttribute("data-field", "total");
  await page.getByLabel("Razón social del proveedor", { exact: true }).fill("Proveedor Que No Figura SA");
  await page.getByRole("button", { name: "Guardar correcciones" }).click();
  await expect(page.getByText(/Corrección guardada/)).toBeVisible();
  await page.getByLabel("Razón social del proveedor", { exact: true }).focus();
  await expect(page.getByText("No se encontró la ubicación en la página")).toBeVisible();
  await expect(page.getByTestId("viewer-highlight")).toHaveCount(0);

  // ---- an image: fit width and zoom the same way
  await openDocument(page, photo.fileName);
  const image = page.getByTestId("viewer-image");
  await expect(image).toBeVisible();
  await expect(page.getByTestId("viewer-page")).toHaveText("Página 1 de 1");
  const imageFit = await box(image);
  expect(imageFit.width).toBeGreaterThanOrEqual(720);
  await page.getByRole("button", { name: "Acercar" }).click();
  await expect.poll(async () => Math.round((await box(image)).width)).toBe(Math.round(imageFit.width * 1.25));
  await page.getByRole("button", { name: "Ajustar al ancho" }).click();
  // the issuer's CUIT was read from the QR: the box is on the QR (drawn at x 40–140, y 70–170 of a 595×842 page)
  await page.getByLabel("CUIT del proveedor", { exact: true }).focus();
  const qrBox = page.getByTestId("viewer-highlight-qr");
  await expect(qrBox).toBeVisible();
  await expect(page.getByRole("region", { name: `Documento: ${photo.fileName}` }).getByRole("status")).toContainText("código QR");
  const q = await box(qrBox);
  const im = await box(image);
  expect((q.x + q.width / 2 - im.x) / im.width).toBeGreaterThan(0.1);
  expect((q.x + q.width / 2 - im.x) / im.width).toBeLessThan(0.2);
  expect((q.y + q.height / 2 - im.y) / im.height).toBeGreaterThan(0.8);
  expect((q.y + q.height / 2 - im.y) / im.height).toBeLessThan(0.9);
  await page.screenshot({ path: join(SHOTS, "e2e-viewer-image-1440.png") });
  // the total has no text layer to search on an image: the box comes from the OCR word boxes (bottom right)
  await page.getByLabel("Total", { exact: true }).focus();
  const totalBox = page.getByTestId("viewer-highlight");
  await expect(totalBox).toHaveAttribute("data-field", "total");
  const tb = await box(totalBox);
  const im2 = await box(image);
  expect(tb.x).toBeGreaterThanOrEqual(im2.x);
  expect(tb.y).toBeGreaterThanOrEqual(im2.y);
  expect(tb.x + tb.width).toBeLessThanOrEqual(im2.x + im2.width);
  expect(tb.y + tb.height).toBeLessThanOrEqual(im2.y + im2.height);
  expect((tb.x + tb.width / 2 - im2.x) / im2.width).toBeGreaterThan(0.5);
  expect((tb.y + tb.height / 2 - im2.y) / im2.height).toBeGreaterThan(0.5);
  await expect(page.getByText("No se encontró la ubicación en la página")).toHaveCount(0);
  await page.screenshot({ path: "/tmp/ocrbox-total.png" });
  expect(foreign).toEqual([]);
});

test("review page on a phone: form first, the document below it at the screen's width", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page, { name: "Mora Móvil", email: uniqueEmail("viewer-m"), password: "clave-segura-visor-2" });
  await createTenant(page, "Estudio Visor Móvil");
  await page.goto("/parse");
  await page.getByTestId("upload-input").setInputFiles([THREE_PAGES]);
  await expect(page.getByRole("table", { name: "Documentos" }).locator('tbody tr[data-status="COMPLETED"]')).toHaveCount(1, { timeout: 90_000 });
  await openDocument(page, "2000006795586342.pdf");
  await expectPage(page, 1, 3);
  const form = await box(page.getByRole("form", { name: "Datos extraídos" }));
  const canvas = await box(page.getByTestId("viewer-canvas"));
  expect(canvas.y).toBeGreaterThan(form.y + form.height - 1); // stacked: the document below the form
  expect(canvas.width).toBeGreaterThan(300);
  expect(canvas.x + canvas.width).toBeLessThanOrEqual(390);
  // nothing wider than the phone (the IVA lines shrink with the form)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: join(SHOTS, "e2e-viewer-390.png"), fullPage: true });
  await page.getByLabel("Total", { exact: true }).focus();
  await expect(page.getByTestId("viewer-highlight")).toBeVisible();
});
