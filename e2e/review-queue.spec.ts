import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS ?? tmpdir();

test("the review queue: a duplicate pair and a flagged invoice show their reasons; confirm, correct, mark reviewed, Guardar y siguiente, discard; filters live in the URL", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "e2e-review-"));
  // The same comprobante as two different files (a re-scan), and a text-only PDF whose total is read with low confidence.
  const [original, flagged] = await Promise.all([generateInvoice({ seed: 9201, format: "pdf-qr", tipoCodigo: 6 }), generateInvoice({ seed: 9101, format: "pdf-text", tipoCodigo: 6 })]);
  const files = [
    { name: original.fileName, bytes: original.bytes },
    { name: "copia-escaneada.pdf", bytes: new Uint8Array([...original.bytes, ...new TextEncoder().encode("\n% otra copia\n")]) },
    { name: flagged.fileName, bytes: flagged.bytes },
  ].map((f) => {
    const p = join(dir, f.name);
    writeFileSync(p, f.bytes);
    return p;
  });

  await signUp(page, { name: "Rita Revisora", email: uniqueEmail("review"), password: "clave-segura-review-1" });
  await createTenant(page, "Estudio Revisión E2E");
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  await nav.getByRole("link", { name: /^Documentos/ }).click();
  await page.getByTestId("upload-input").setInputFiles(files);

  // The upload tray follows each file to its final state instead of "se está procesando" forever.
  const tray = page.getByRole("list", { name: "Archivos subidos" });
  await expect(tray.getByTestId("upload-state").filter({ hasText: "Procesado: para revisar" })).toHaveCount(3, { timeout: 90_000 });
  await expect(tray.getByText(/se está procesando/)).toHaveCount(0);
  await expect(nav.getByTestId("review-badge")).toContainText("3");

  // Estado → "Para revisar": the filter goes into the URL; each row says why.
  await page.getByLabel("Estado").selectOption("NEEDS_REVIEW");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(page).toHaveURL(/\/parse\?review=NEEDS_REVIEW$/);
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table.locator("tbody tr").filter({ hasText: "Posible duplicado" })).toHaveCount(2);
  const flaggedRow = table.locator("tbody tr").filter({ has: page.getByRole("link", { name: flagged.fileName }) });
  await expect(flaggedRow.getByTestId("reasons")).toHaveText("Fecha de emisión para verificar; Razón social del proveedor para verificar");
  await expect(flaggedRow.getByText("Para revisar")).toBeVisible();
  await page.screenshot({ path: join(SHOTS, "e2e-review-queue-list.png"), fullPage: true });

  // Bookmarkable and Back works.
  await page.reload();
  await expect(page.getByLabel("Estado")).toHaveValue("NEEDS_REVIEW");
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await page.goBack();
  await expect(page).toHaveURL(/\/parse$/);
  await expect(page.getByLabel("Estado")).toHaveValue("");
  await page.goForward();
  await expect(page).toHaveURL(/\/parse\?review=NEEDS_REVIEW$/);
  await expect(page.getByLabel("Estado")).toHaveValue("NEEDS_REVIEW");

  // The flagged invoice: confirm the flagged date, correct the flagged name, mark reviewed.
  await table.getByRole("link", { name: flagged.fileName }).click();
  await expect(page).toHaveURL(/\/parse\/[^?]+\?review=NEEDS_REVIEW$/);
  const form = page.getByRole("form", { name: "Datos extraídos" });
  const reasons = form.getByTestId("review-reasons");
  await expect(reasons).toContainText("Fecha: Poca evidencia");
  await expect(reasons).toContainText("Razón social: Poca evidencia");
  await expect(form.getByText("Atajos: Alt+S guardar · Alt+N o Ctrl+Enter guardar y siguiente · Alt+R marcar como revisado")).toBeVisible();
  await expect(form.getByRole("button", { name: "Guardar y siguiente" })).toHaveAttribute("aria-keyshortcuts", "Alt+N Control+Enter");
  await expect(form.getByRole("button", { name: "Marcar como revisado" })).toBeDisabled();
  await page.screenshot({ path: join(SHOTS, "e2e-review-queue-document.png"), fullPage: true });

  const fecha = await page.getByLabel("Fecha de emisión", { exact: true }).inputValue();
  await form.getByRole("button", { name: "Confirmar Fecha de emisión: el valor leído es correcto" }).click();
  await expect(page.getByText("Fecha de emisión confirmado.")).toBeVisible();
  await expect(reasons).not.toContainText("Fecha:");
  await expect(reasons).toContainText("Razón social: Poca evidencia");
  await expect(page.getByLabel("Fecha de emisión", { exact: true })).toHaveValue(fecha);

  await page.getByLabel("Razón social del proveedor", { exact: true }).fill("Proveedor Revisado SRL");
  await page.keyboard.press("Alt+KeyS");
  await expect(page.getByText(/Corrección guardada \(Razón social del proveedor\)/)).toBeVisible();
  await expect(reasons).toContainText("Sin motivos abiertos");
  const history = page.getByRole("table", { name: "Correcciones" });
  await expect(history.getByRole("cell", { name: "Confirmado" })).toBeVisible();
  await expect(history.getByRole("cell", { name: "Proveedor Revisado SRL" })).toBeVisible();
  // Saving one field recorded only that field (and the confirmation): no phantom IVA correction.
  await expect(history.locator("tbody tr")).toHaveCount(2);

  await page.keyboard.press("Alt+KeyR");
  await expect(page.getByText("Documento marcado como revisado.")).toBeVisible();
  await expect(page.locator("header").getByText("Revisado", { exact: true })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, "e2e-review-queue-reviewed.png"), fullPage: true });

  // "Guardar y siguiente" (Ctrl+Enter) moves on to the next document of the queue, keeping the filter.
  const here = page.url();
  await page.keyboard.press("Control+Enter");
  await expect(page).not.toHaveURL(here);
  await expect(page).toHaveURL(/\/parse\/[^?]+\?review=NEEDS_REVIEW$/);
  await expect(form.getByTestId("review-reasons")).toContainText("Posible duplicado");

  // One of the pair is discarded: the other loses the reason and the queue is done.
  await form.getByRole("button", { name: "Descartar este documento" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Descartar este documento" }).click();
  await expect(page.getByText("Documento descartado: no se lista ni se exporta.")).toBeVisible();
  // Next in the queue: the other copy, no longer a duplicate; its issuer name (printed without a
  // label) is still weak evidence, so a person confirms it before the queue is done.
  const discarded = page.url();
  await form.getByRole("button", { name: "Guardar y siguiente" }).click();
  await expect(page).not.toHaveURL(discarded);
  await expect(form.getByTestId("review-reasons")).not.toContainText("Posible duplicado");
  await expect(form.getByTestId("review-reasons")).toContainText("Razón social: Poca evidencia");
  await form.getByRole("button", { name: "Confirmar Razón social del proveedor: el valor leído es correcto" }).click();
  await expect(form.getByTestId("review-reasons")).toContainText("Sin motivos abiertos");
  await form.getByRole("button", { name: "Guardar y siguiente" }).click();
  await expect(page.getByText("No hay más documentos en esta lista.")).toBeVisible();

  await page.getByRole("link", { name: "← Volver a Documentos" }).click();
  await expect(page).toHaveURL(/\/parse\?review=NEEDS_REVIEW$/);
  await expect(page.getByText("Ningún documento coincide con los filtros")).toBeVisible();
  await expect(nav.getByTestId("review-badge")).toHaveCount(0);

  // The other copy is now "Sin revisar": bulk "Marcar como revisados".
  await page.getByLabel("Estado").selectOption("UNREVIEWED");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await page.getByRole("checkbox", { name: "Elegir todos los de esta página" }).check();
  await page.getByRole("button", { name: "Marcar como revisados" }).click();
  await expect(page.getByText("1 marcado como revisado.")).toBeVisible();
  await expect(table).toHaveCount(0);
  await page.getByLabel("Estado").selectOption("REVIEWED");
  await page.getByRole("button", { name: "Filtrar" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await page.screenshot({ path: join(SHOTS, "e2e-review-queue-reviewed-list.png"), fullPage: true });
});
