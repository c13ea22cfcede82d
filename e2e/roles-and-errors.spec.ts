import { expect, test } from "@playwright/test";
import { signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("a VIEWER gets a 403 page on admin sections, not a crash", async ({ page }) => {
  await signIn(page, "lectura@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  await expect(nav.getByRole("link", { name: "Documentos" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Webhooks" })).toHaveCount(0);

  for (const path of ["/webhooks", "/conectores", "/api-clients"]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "No tenés acceso a esta sección" })).toBeVisible();
  }
  await page.screenshot({ path: "test-results/viewer-403.png" });
  await signOut(page);
});

test("unknown routes answer 404 with a page", async ({ page }) => {
  const res = await page.goto("/no-existe-esta-ruta");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Página no encontrada" })).toBeVisible();
});

test("form errors: client validation and a server field error (taken identifier)", async ({ page }) => {
  await signUp(page, { name: "Sergio Slug", email: uniqueEmail("sergio"), password: "clave-segura-1" });
  await page.getByLabel("Nombre de la organización").fill("E");
  await page.getByRole("button", { name: "Crear organización" }).click();
  await expect(page.getByText("Ingresá al menos 2 caracteres")).toBeVisible();

  await page.getByLabel("Nombre de la organización").fill("Estudio Sergio");
  await page.getByText("Opciones avanzadas").click();
  await page.getByLabel("Nombre corto para enlaces (opcional)").fill("estudio-sergio");
  await page.getByRole("button", { name: "Crear organización" }).click();
  await expect(page).toHaveURL(/\/panel$/);

  await page.goto("/organizaciones/nueva");
  await page.getByLabel("Nombre de la organización").fill("Otro Estudio");
  await page.getByText("Opciones avanzadas").click();
  await page.getByLabel("Nombre corto para enlaces (opcional)").fill("estudio-sergio");
  await page.getByRole("button", { name: "Crear organización" }).click();
  await expect(page.getByText("Ese identificador ya está en uso; elegí otro")).toBeVisible();
  await expect(page.getByLabel("Nombre corto para enlaces (opcional)")).toHaveAttribute("aria-invalid", "true");
});
