import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS ?? tmpdir();
// A real Telecom Factura A (test/fixtures/real/SOURCES.md) printing Percep. IIBB Cdad Auton BsAs and Percep. IVA-RG2408.
const TELECOM = join(import.meta.dirname, "../test/fixtures/real/gonza/INTERNET_FACTURAS_ONLINE.pdf");

test("the review form shows the tax breakdown read from the invoice and saves a corrected IIBB jurisdicción", async ({ page }) => {
  test.setTimeout(150_000);
  await signUp(page, { name: "Tomás Tributos", email: uniqueEmail("tax"), password: "clave-segura-tax-1" });
  await createTenant(page, "Estudio Tributos E2E");
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: /^Documentos/ }).click();
  await page.getByTestId("upload-input").setInputFiles([TELECOM]);
  const tray = page.getByRole("list", { name: "Archivos subidos" });
  await expect(tray.getByTestId("upload-state").filter({ hasText: /Procesado/ })).toHaveCount(1, { timeout: 90_000 });

  await page.getByRole("table", { name: "Documentos" }).getByRole("link", { name: "INTERNET_FACTURAS_ONLINE.pdf" }).click();
  const form = page.getByRole("form", { name: "Datos extraídos" });
  const breakdown = form.getByRole("group", { name: "Desglose para el Libro IVA Compras" });
  await expect(breakdown).toBeVisible();
  await expect(breakdown.getByLabel("Percepciones de IVA")).toHaveValue("102,60");
  await expect(breakdown.getByLabel("No gravado")).toHaveValue("");
  await expect(breakdown.getByLabel("Exento")).toHaveValue("");
  await expect(breakdown.getByLabel("Impuestos internos")).toHaveValue("");
  await expect(breakdown.getByLabel("Otros tributos", { exact: true })).toHaveValue("");
  const iibb = breakdown.getByRole("group", { name: /Percepciones de IIBB/ });
  await expect(iibb.getByLabel("Jurisdicción")).toHaveValue("CABA");
  await expect(iibb.getByLabel("Importe")).toHaveValue("51,30");
  await page.screenshot({ path: join(SHOTS, "e2e-tax-breakdown.png"), fullPage: true });

  await iibb.getByLabel("Jurisdicción").fill("Buenos Aires");
  await form.getByRole("button", { name: "Guardar correcciones" }).click();
  await expect(page.getByText(/Corrección guardada \(Percepciones de IIBB\)/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole("group", { name: /Percepciones de IIBB/ }).getByLabel("Jurisdicción")).toHaveValue("Buenos Aires");
  await expect(page.getByRole("table", { name: "Correcciones" })).toContainText("Buenos Aires: $");
});
