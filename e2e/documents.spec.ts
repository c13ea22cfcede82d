import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS ?? tmpdir();

test("upload three invoices, watch them complete, correct a field that survives a reload; bad files get clear errors", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "e2e-docs-"));
  const invoices = await Promise.all([
    generateInvoice({ seed: 7001, format: "pdf-qr", tipoCodigo: 1 }),
    generateInvoice({ seed: 7002, format: "pdf-qr", tipoCodigo: 6 }),
    generateInvoice({ seed: 7003, format: "pdf-text", tipoCodigo: 11 }),
  ]);
  const paths = invoices.map((inv) => {
    const p = join(dir, inv.fileName);
    writeFileSync(p, inv.bytes);
    return p;
  });

  await signUp(page, { name: "Carla Contadora", email: uniqueEmail("docs"), password: "clave-segura-docs-1" });
  await createTenant(page, "Estudio Documentos E2E");
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Documentos" }).click();
  await expect(page.getByRole("heading", { name: "Documentos", level: 1 })).toBeVisible();
  await expect(page.getByText("Todavía no subiste documentos")).toBeVisible();

  await page.getByTestId("upload-input").setInputFiles(paths);
  const uploads = page.getByRole("list", { name: "Archivos subidos" });
  await expect(uploads.getByRole("listitem")).toHaveCount(3);
  await expect(uploads.locator('[data-state="done"]')).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByText("3 de 3 subidos")).toBeVisible();

  // The list refreshes itself until every document is processed.
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(table.locator("tbody tr")).toHaveCount(3);
  await expect(table.locator('tbody tr[data-status="COMPLETED"]')).toHaveCount(3, { timeout: 90_000 });
  await page.screenshot({ path: join(SHOTS, "e2e-parse-list.png"), fullPage: true });
  const first = invoices[0]!;
  const numero = `${String(first.truth.puntoVenta).padStart(5, "0")}-${String(first.truth.numero).padStart(8, "0")}`;
  await expect(table.getByRole("link", { name: first.fileName })).toHaveText(numero);

  // Document page: preview beside the fields; correct one field.
  await table.getByRole("link", { name: first.fileName }).click();
  await expect(page.getByRole("form", { name: "Datos extraídos" })).toBeVisible();
  await expect(page.getByRole("region", { name: `Documento: ${first.fileName}` }).getByTestId("viewer-canvas")).toBeVisible();
  await expect(page.getByLabel("Número", { exact: true })).toHaveValue(String(first.truth.numero));
  await expect(page.getByLabel("CUIT del proveedor", { exact: true })).toHaveValue(first.truth.proveedorCuit!);
  await page.screenshot({ path: join(SHOTS, "e2e-parse-document.png"), fullPage: true });

  await page.getByLabel("Razón social del proveedor", { exact: true }).fill("Proveedor Corregido E2E SRL");
  await page.getByLabel("CUIT del proveedor", { exact: true }).fill("30-123");
  await page.getByRole("button", { name: "Guardar correcciones" }).click();
  await expect(page.getByText("CUIT de 11 dígitos")).toBeVisible();
  await page.getByLabel("CUIT del proveedor", { exact: true }).fill(first.truth.proveedorCuit!);
  await page.getByRole("button", { name: "Guardar correcciones" }).click();
  await expect(page.getByText(/Corrección guardada \(Razón social del proveedor\)/)).toBeVisible();
  const history = page.getByRole("table", { name: "Correcciones" });
  await expect(history.getByRole("cell", { name: "Proveedor Corregido E2E SRL" })).toBeVisible();
  await expect(history.getByRole("cell", { name: "Carla Contadora" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Razón social del proveedor", { exact: true })).toHaveValue("Proveedor Corregido E2E SRL");
  await expect(page.getByText("Corregido a mano").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Correcciones" }).getByRole("cell", { name: "Proveedor Corregido E2E SRL" })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, "e2e-parse-corrected.png"), fullPage: true });

  // Bad files: refused at upload with a clear message, or FAILED with its reason after parsing.
  await page.getByRole("link", { name: "← Volver a Documentos" }).click();
  const notPdf = join(dir, "factura-falsa.pdf");
  writeFileSync(notPdf, "Hola, esto no es un PDF.\n".repeat(40));
  const truncated = join(dir, "factura-cortada.pdf");
  writeFileSync(truncated, invoices[1]!.bytes.slice(0, Math.floor(invoices[1]!.bytes.length * 0.35)));
  await page.getByTestId("upload-input").setInputFiles([notPdf, truncated]);
  await expect(page.getByRole("alert").filter({ hasText: "«factura-falsa.pdf» no es un PDF ni una imagen JPEG o PNG" })).toBeVisible({ timeout: 20_000 });
  const failedRow = table.locator('tbody tr[data-status="FAILED"]');
  await expect(failedRow).toHaveCount(1, { timeout: 60_000 });
  await expect(failedRow.getByText("Falló")).toBeVisible();
  await expect(failedRow).toContainText(/PDF|dañad|datos/i);
  await page.screenshot({ path: join(SHOTS, "e2e-parse-errors.png"), fullPage: true });
});
