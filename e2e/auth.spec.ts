import { expect, test } from "@playwright/test";
import { createTenant, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("sign up → create tenant → shell → sign out → sign in → wrong password", async ({ page }) => {
  const email = uniqueEmail("ana");
  const password = "clave-segura-1";
  await signUp(page, { name: "Ana Contadora", email, password });
  await createTenant(page, "Estudio Contable Ana");

  // The shell: every section of the product in the sidebar, an honest empty state.
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  for (const section of ["Panel", "Documentos", "Exportar", "Conectores", "Sincronización", "Webhooks", "n8n", "Movimientos", "API", "IA", "Usuarios", "Planes"]) {
    await expect(nav.getByRole("link", { name: section, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Panel", level: 1 })).toBeVisible();
  await expect(page.getByText("Todavía no se envió ningún webhook.", { exact: false })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Organización activa" })).toHaveValue(/.+/);
  await page.screenshot({ path: "test-results/shell-panel.png", fullPage: true });

  await nav.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByText("Todavía no hay endpoints")).toBeVisible();

  await nav.getByRole("link", { name: "Usuarios" }).click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Dueño" })).toBeVisible();

  // A second organization; the switcher moves between them.
  await page.getByRole("link", { name: "+ Nueva organización" }).click();
  await createTenant(page, "Estudio Dos");
  const switcher = page.getByRole("combobox", { name: "Organización activa" });
  await expect(switcher.locator("option:checked")).toHaveText("Estudio Dos");
  await switcher.selectOption({ label: "Estudio Contable Ana" });
  await expect(switcher.locator("option:checked")).toHaveText("Estudio Contable Ana");
  await page.reload();
  await expect(switcher.locator("option:checked")).toHaveText("Estudio Contable Ana");

  await signOut(page);
  await page.goto("/panel");
  await expect(page).toHaveURL(/\/ingresar$/);

  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/panel$/);
  await signOut(page);

  await signIn(page, email, "contraseña-equivocada");
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText("E-mail o contraseña incorrectos.");
  await page.screenshot({ path: "test-results/sign-in-error.png" });
});
