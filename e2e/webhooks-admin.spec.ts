import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an admin creates a webhook endpoint, sees the secret once, manages it, and reads the catalogue", async ({ page }) => {
  await signIn(page, "admin@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Nuevo endpoint" }).click();
  await page.getByRole("button", { name: "Crear endpoint" }).click();
  await expect(page.getByText("Elegí al menos un evento")).toBeVisible();
  await expect(page.getByText("Ingresá la URL")).toBeVisible();

  await page.getByLabel("URL del receptor").fill("http://10.1.2.3/hook");
  await page.getByLabel("document.processed").check();
  await page.getByLabel("export.failed").check();
  await page.getByRole("button", { name: "Crear endpoint" }).click();
  await expect(page.getByText(/red privada \(10\.0\.0\.0\/8\); no está permitido/)).toBeVisible();

  await page.getByLabel("URL del receptor").fill("http://127.0.0.1:9/hooks/contaflow");
  await page.getByLabel("Descripción").fill("ERP de prueba");
  await page.getByRole("button", { name: "Crear endpoint" }).click();
  const secret = page.getByLabel("Secreto de firma", { exact: true });
  await expect(secret).toHaveText(/^whsec_[A-Za-z0-9+/=]{40,}$/);
  await expect(page.getByLabel("Token (X-Webhook-Token)", { exact: true })).toHaveText(/^whtok_/);
  const firstSecret = await secret.textContent();
  await page.screenshot({ path: "test-results/webhook-secret-once.png", fullPage: true });
  await page.getByRole("button", { name: "Ya las guardé" }).click();
  await expect(secret).toHaveCount(0);

  const row = page.getByRole("list", { name: "Endpoints" }).getByRole("listitem").filter({ hasText: "ERP de prueba" });
  await expect(row.getByText("Activo")).toBeVisible();
  await expect(row).toContainText("document.processed, export.failed");
  await expect(row).not.toContainText(firstSecret!.slice(10));

  await row.getByRole("button", { name: "Deshabilitar ERP de prueba" }).click();
  await expect(row.getByText("Deshabilitado", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Habilitar ERP de prueba" }).click();
  await expect(row.getByText("Activo")).toBeVisible();

  await row.getByRole("button", { name: "Rotar secreto de ERP de prueba" }).click();
  // The rotation dialog: 24 h of grace, seed headers switch now (its defaults).
  await page.getByRole("region", { name: "Rotar el secreto de ERP de prueba" }).getByRole("button", { name: "Rotar secreto", exact: true }).click();
  await expect(secret).toHaveText(/^whsec_/);
  expect(await secret.textContent()).not.toBe(firstSecret);
  await page.getByRole("button", { name: "Ya las guardé" }).click();

  await page.reload();
  await expect(page.getByText(/whsec_[A-Za-z0-9+/=]{40,}/)).toHaveCount(0);

  await page.getByRole("link", { name: "Catálogo de eventos" }).click();
  for (const type of ["document.processed", "document.failed", "document.exported", "export.completed", "export.failed", "sync.completed", "sync.failed"]) {
    await expect(page.getByRole("heading", { name: new RegExp(`^${type.replace(".", "\\.")}`) })).toBeVisible();
  }
  await page.screenshot({ path: "test-results/event-catalogue.png", fullPage: true });
});
