import { expect, type Page } from "@playwright/test";

let seq = 0;
export function uniqueEmail(prefix: string) {
  seq += 1;
  return `${prefix}-${Date.now()}-${seq}@estudio.test`;
}

export async function signUp(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await page.goto("/registro");
  await page.getByLabel("Nombre y apellido").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Crear cuenta" }).click();
  await expect(page).toHaveURL(/\/organizaciones\/nueva$/);
}

export async function createTenant(page: Page, name: string) {
  await page.getByLabel("Nombre de la organización").fill(name);
  await page.getByRole("button", { name: "Crear organización" }).click();
  await expect(page).toHaveURL(/\/panel$/);
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/ingresar");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await expect(page).toHaveURL(/\/ingresar$/);
}
