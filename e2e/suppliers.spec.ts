import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { makeCuit } from "@/lib/cuit";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS ?? tmpdir();

test("Proveedores: add a supplier; an invoice printing another name is flagged, one printing none gets the directory's name; edit and delete", async ({ page }) => {
  test.setTimeout(180_000);
  const cuit = makeCuit("30", "68123456")!;
  const dashed = `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
  const dir = mkdtempSync(join(tmpdir(), "e2e-suppliers-"));
  const [other, unnamed] = await Promise.all([
    generateInvoice({ seed: 8101, format: "pdf-qr", tipoCodigo: 1, layout: "afip", issuerCuit: cuit, issuerName: "PAPELERA CÓRDOBA S.A." }),
    generateInvoice({ seed: 8102, format: "pdf-qr", tipoCodigo: 1, layout: "afip", issuerCuit: cuit, issuerName: null }),
  ]);
  const paths = [other, unnamed].map((inv) => {
    const p = join(dir, inv.fileName.replace(".pdf", inv === other ? "_otro.pdf" : "_sin_nombre.pdf"));
    writeFileSync(p, inv.bytes);
    return p;
  });

  await signUp(page, { name: "Pablo Proveedores", email: uniqueEmail("suppliers"), password: "clave-segura-prov-1" });
  await createTenant(page, "Estudio Proveedores E2E");
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Proveedores" }).click();
  await expect(page.getByRole("heading", { name: "Proveedores", level: 1 })).toBeVisible();
  await expect(page.getByText("El directorio está vacío")).toBeVisible();

  // Add: a wrong check digit is refused on the field; then the supplier is added.
  const add = page.getByRole("form", { name: "Agregar proveedor" });
  await add.getByLabel("CUIT").fill("30-68123456-0");
  await add.getByLabel("Razón social").fill("Tecnología Andina S.R.L.");
  await add.getByLabel("Condición frente al IVA").selectOption({ label: "IVA Responsable Inscripto" });
  await add.getByRole("button", { name: "Agregar" }).click();
  await expect(add.getByText("CUIT inválido: revisá el dígito verificador")).toBeVisible();
  await add.getByLabel("CUIT").fill(dashed);
  await add.getByRole("button", { name: "Agregar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Agregaste a Tecnología Andina S.R.L. al directorio." })).toBeVisible();
  const table = page.getByRole("table", { name: "Proveedores" });
  const row = table.locator(`tr[data-cuit="${cuit}"]`);
  await expect(row).toContainText(dashed);
  await expect(row).toContainText("Tecnología Andina S.R.L.");
  await expect(row).toContainText("IVA Responsable Inscripto");
  await expect(row).toContainText("Cargado a mano");
  await expect(row).toContainText("por Pablo Proveedores");
  await page.screenshot({ path: join(SHOTS, "e2e-suppliers-list.png"), fullPage: true });

  // Two invoices from that CUIT: one prints another name, one prints none.
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Documentos" }).click();
  await page.getByTestId("upload-input").setInputFiles(paths);
  const docs = page.getByRole("table", { name: "Documentos" });
  await expect(docs.locator('tbody tr[data-status="COMPLETED"]')).toHaveCount(2, { timeout: 90_000 });

  await docs.getByRole("link", { name: paths[0]!.split("/").pop()! }).click();
  const flagged = page.locator('[data-field="proveedorRazonSocial"]');
  await expect(page.getByRole("textbox", { name: "Razón social del proveedor" })).toHaveValue("PAPELERA CÓRDOBA S.A.");
  await expect(flagged).toHaveAttribute("data-review", "true");
  await expect(flagged).toContainText("No coincide con el directorio de proveedores: «Tecnología Andina S.R.L.»");
  await page.screenshot({ path: join(SHOTS, "e2e-suppliers-flag.png"), fullPage: true });

  await page.getByRole("link", { name: "← Volver a Documentos" }).click();
  await docs.getByRole("link", { name: paths[1]!.split("/").pop()! }).click();
  await expect(page.getByRole("textbox", { name: "Razón social del proveedor" })).toHaveValue("Tecnología Andina S.R.L.");
  const filled = page.locator('[data-field="proveedorRazonSocial"]');
  await expect(filled).toContainText("Directorio · 95%");
  await expect(filled).not.toHaveAttribute("data-review", "true");
  await page.screenshot({ path: join(SHOTS, "e2e-suppliers-filled.png"), fullPage: true });

  // Back on Proveedores: search, edit in place (Enter saves), delete.
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Proveedores" }).click();
  await page.getByRole("searchbox", { name: "Buscar" }).fill("andina");
  await page.getByRole("search").getByRole("button", { name: "Buscar" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(1);
  await row.getByRole("button", { name: "Editar Tecnología Andina S.R.L." }).click();
  const nameInput = row.getByLabel(`Razón social de ${dashed}`);
  await nameInput.fill("Tecnología Andina SRL (Mendoza)");
  await row.getByLabel(`Condición frente al IVA de ${dashed}`).selectOption({ label: "Responsable Monotributo" });
  await nameInput.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Guardaste los cambios de Tecnología Andina SRL (Mendoza)." })).toBeVisible();
  await expect(row).toContainText("Responsable Monotributo");
  await page.screenshot({ path: join(SHOTS, "e2e-suppliers-edited.png"), fullPage: true });
  // Narrow screen: the table scrolls inside its box, the page does not.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.screenshot({ path: join(SHOTS, "e2e-suppliers-mobile.png"), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  await row.getByRole("button", { name: "Eliminar Tecnología Andina SRL (Mendoza)" }).click();
  await row.getByRole("group", { name: "Eliminar Tecnología Andina SRL (Mendoza)" }).getByRole("button", { name: "Sí, eliminar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Eliminaste a Tecnología Andina SRL (Mendoza) del directorio." })).toBeVisible();
  await expect(page.getByText("Ningún proveedor coincide")).toBeVisible();

  await page.getByRole("button", { name: "Limpiar" }).click();
  await expect(page.getByText("El directorio está vacío")).toBeVisible();
});
