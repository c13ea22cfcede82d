/**
 * Issue 21 part A: a brand-new owner completes the first-run checklist with the sample invoices
 * (load samples → review one → create a connector → invite someone) and sees the grouped
 * sidebar; a read-only user sees only the Trabajo items; /favicon.ico answers.
 */
import { expect, test } from "@playwright/test";
import { createTenant, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("a new owner completes the first-run checklist with the sample invoices", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, { name: "Nora Nueva", email: uniqueEmail("nora"), password: "clave-segura-1" });
  await createTenant(page, "Estudio Primeros Pasos");

  const nav = page.getByRole("navigation", { name: "Menú principal" });
  for (const group of ["Trabajo", "Administración", "Desarrolladores"]) await expect(nav.getByRole("group", { name: group })).toBeVisible();
  await expect(nav.getByRole("group", { name: "Trabajo" }).getByRole("link", { name: /^Documentos/ })).toBeVisible();
  await expect(nav.getByRole("group", { name: "Administración" }).getByRole("link", { name: "Usuarios" })).toBeVisible();
  await expect(nav.getByRole("group", { name: "Desarrolladores" }).getByRole("link", { name: "Webhooks" })).toBeVisible();

  const guide = page.getByTestId("first-run");
  await expect(guide.getByRole("heading", { name: "Primeros pasos" })).toBeVisible();
  await expect(guide).toContainText("0 de 4 pasos");
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: "test-results/onboarding-panel-1440.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/onboarding-panel-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // 1. Samples, through the real upload and parse path.
  await guide.getByRole("button", { name: "Cargar facturas de ejemplo" }).click();
  await expect(guide.getByText("Hay 3 facturas de ejemplo cargadas.")).toBeVisible();
  await expect(guide.locator('[data-step="upload"]')).toHaveAttribute("data-done", "true");

  // 2. Review one.
  await nav.getByRole("link", { name: /^Documentos/ }).click();
  await page.getByRole("link", { name: /Ejemplo - Factura A/ }).first().click();
  const mark = page.getByRole("button", { name: "Marcar como revisado" });
  await expect(mark).toBeVisible({ timeout: 60_000 });
  const ack = page.getByRole("checkbox", { name: /^Revisé .*advertencia/ });
  if (await ack.count()) await ack.check();
  await expect(mark).toBeEnabled({ timeout: 60_000 });
  await mark.click();
  await expect(page.getByText("Documento marcado como revisado.")).toBeVisible();

  // 3. A connector.
  await nav.getByRole("link", { name: "Conectores" }).click();
  await page.getByRole("button", { name: "Nuevo conector" }).click();
  // «Nuevo conector» opens the preset gallery first
  await page.getByRole("button", { name: "Personalizado (avanzado)" }).click();
  await page.getByLabel("Nombre", { exact: true }).fill("Mi sistema");
  await page.getByLabel("URL base").fill("http://127.0.0.1:9/api");
  await page.getByRole("button", { name: "Crear conector" }).click();
  await expect(page.getByText(/Conector «Mi sistema» creado/)).toBeVisible();

  // 4. Someone invited.
  await nav.getByRole("link", { name: "Usuarios" }).click();
  await page.getByLabel("E-mail", { exact: true }).fill(uniqueEmail("colega"));
  await page.getByRole("button", { name: "Enviar invitación" }).click();
  await expect(page.getByText(/Listo: le enviamos la invitación/)).toBeVisible();

  await nav.getByRole("link", { name: "Panel" }).click();
  await expect(guide).toContainText("4 de 4 pasos");
  await expect(guide.getByRole("heading", { name: "¡Listo! Ya completaste los primeros pasos" })).toBeVisible();
  await guide.getByRole("button", { name: "Quitar los ejemplos" }).click();
  await expect(guide.getByRole("button", { name: "Cargar facturas de ejemplo" })).toBeVisible();
  // The reviewed sample went with the others: the review step is open again.
  await expect(guide.locator('[data-step="review"]')).toHaveAttribute("data-done", "false");
  await signOut(page);
});

test("a read-only user sees only the Trabajo items and no guide", async ({ page }) => {
  await signIn(page, "lectura@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  await expect(nav.getByRole("group", { name: "Trabajo" })).toBeVisible();
  await expect(nav.getByRole("group")).toHaveCount(1);
  for (const name of ["Usuarios", "Conectores", "Webhooks", "Planes"]) await expect(nav.getByRole("link", { name })).toHaveCount(0);
  await expect(page.getByTestId("first-run")).toHaveCount(0);
  await signOut(page);
});

test("/favicon.ico and the app icon answer", async ({ request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/icon/);
  const html = await (await request.get("/ingresar")).text();
  const icon = /<link rel="icon" href="(\/icon[^"]*)"/.exec(html)?.[1];
  expect(icon).toBeTruthy();
  expect((await request.get(icon!)).status()).toBe(200);
});
