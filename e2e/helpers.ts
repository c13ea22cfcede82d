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

/** Uploads PDFs on /parse and waits (reloading) until the list shows each one's number: parsed. */
export async function uploadParsed(page: Page, files: { name: string; bytes: Uint8Array }[]) {
  await page.goto("/parse");
  await page.getByTestId("upload-input").setInputFiles(files.map((f) => ({ name: f.name, mimeType: "application/pdf", buffer: Buffer.from(f.bytes) })));
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(async () => {
    await page.reload();
    for (const f of files) await expect(table.getByRole("link", { name: f.name })).toHaveText(/\d{4,5}-\d{8}/, { timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
}

/** On an open review page: «Marcar como revisado», acknowledging the warnings first when it has any. */
export async function markThisReviewed(page: Page) {
  const ack = page.getByRole("checkbox", { name: /^Revisé .*advertencia/ });
  if (await ack.isVisible()) await ack.check();
  await page.getByRole("button", { name: "Marcar como revisado" }).click();
  await expect(page.getByText("Documento marcado como revisado.")).toBeVisible();
}

/** Opens a document from /parse and marks it reviewed. */
export async function markReviewed(page: Page, fileName: string) {
  await page.goto("/parse");
  await page.getByRole("table", { name: "Documentos" }).getByRole("link", { name: fileName }).click();
  await expect(page.getByRole("form", { name: "Datos extraídos" })).toBeVisible();
  await markThisReviewed(page);
}
