import { expect, type Page } from "@playwright/test";

let seq = 0;
export function uniqueEmail(prefix: string) {
  seq += 1;
  return `${prefix}-${Date.now()}-${seq}@estudio.test`;
}

export async function signUp(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await page.goto("/registro");
  await waitForHydration(page, "Crear cuenta");
  await page.getByLabel("Nombre y apellido").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page).toHaveURL(/\/organizaciones\/nueva$/);
}

export async function createTenant(page: Page, name: string) {
  await waitForHydration(page, "Crear organización");
  await page.getByLabel("Nombre de la organización").fill(name);
  await page.getByRole("button", { name: "Crear organización" }).click();
  await expect(page).toHaveURL(/\/panel$/);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/ingresar");
  await waitForHydration(page, "Ingresar");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await expect(page).toHaveURL(/\/ingresar$/);
}

/**
 * Submit buttons are disabled until React hydrates the page (src/components/ui/button.tsx); text
 * typed before that could be lost to a re-render, so fill a freshly loaded form only after it.
 */
export async function waitForHydration(page: Page, submitLabel: string) {
  await expect(page.getByRole("button", { name: submitLabel, exact: true })).toBeEnabled({ timeout: 30_000 });
}
