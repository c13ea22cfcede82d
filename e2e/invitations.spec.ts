import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { createTenant, signIn, signUp, uniqueEmail } from "./helpers";

/** The server writes e-mails to DATA_DIR/outbox.jsonl when no SMTP server is configured. */
function lastMailTo(email: string): { subject: string; text: string } | undefined {
  const lines = readFileSync(`${E2E_DATA_DIR}/outbox.jsonl`, "utf8").split("\n").filter(Boolean);
  return lines.map((l) => JSON.parse(l) as { to: string; subject: string; text: string }).filter((m) => m.to === email).at(-1);
}

async function invitationLink(email: string): Promise<string> {
  let mail: ReturnType<typeof lastMailTo>;
  await expect.poll(() => (mail = lastMailTo(email))?.subject).toMatch(/te invitó a/);
  return /https?:\/\/\S+\/invitaciones\/\S+/.exec(mail!.text)![0];
}

async function invite(page: Page, email: string, role: string) {
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Rol", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Enviar invitación" }).click();
  await expect(page.getByText(`Listo: le enviamos la invitación a ${email}.`)).toBeVisible();
}

test("an admin invites a VIEWER; the invitee signs up through the e-mailed link and sees the VIEWER view", async ({ page, context }) => {
  const email = uniqueEmail("vera");
  await signIn(page, "admin@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Usuarios" }).click();
  await expect(page.getByRole("heading", { name: "Usuarios", level: 1 })).toBeVisible();

  await invite(page, email, "Solo lectura");
  await expect(page.getByRole("list", { name: "Invitaciones" }).getByRole("listitem").filter({ hasText: email })).toContainText("Pendiente");
  await expect(page.getByRole("list", { name: "Historial de cambios" })).toContainText(`Adrián Admin invitó a ${email} como Solo lectura`);
  await page.screenshot({ path: "test-results/usuarios-admin.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/usuarios-admin-390.png", fullPage: true });

  const link = await invitationLink(email);
  expect(link).toMatch(/\/invitaciones\/[A-Za-z0-9_-]{43}$/);
  // Signed in with another account: a clear message, nothing joined.
  await page.goto(link);
  await expect(page.getByRole("alert").filter({ hasText: "Esta invitación es para" })).toContainText(`Esta invitación es para ${email}, pero ingresaste como admin@demo.contaflow.ar`);
  await expect(page.getByRole("button", { name: "Aceptar invitación" })).toHaveCount(0);
  await context.clearCookies();
  await page.reload();
  await expect(page.getByRole("button", { name: "Crear cuenta y aceptar" })).toBeVisible();
  await page.screenshot({ path: "test-results/invitacion-registro-390.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.getByRole("heading", { name: "Te invitaron a Estudio Demo" })).toBeVisible();
  await expect(page.getByText("Adrián Admin te invitó a sumarte a Estudio Demo con el rol Solo lectura.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
  await page.screenshot({ path: "test-results/invitacion-registro.png", fullPage: true });

  await page.getByLabel("Nombre y apellido").fill("Vera Visora");
  await page.getByLabel("Contraseña").fill("clave-segura-1");
  await page.getByRole("button", { name: "Crear cuenta y aceptar" }).click();
  await expect(page).toHaveURL(/\/panel$/);

  // In the tenant, with what a VIEWER may see.
  await expect(page.getByRole("combobox", { name: "Organización activa" }).locator("option:checked")).toHaveText("Estudio Demo");
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  await expect(nav.getByRole("link", { name: "Documentos" })).toBeVisible();
  // Usuarios is in the menu of owners and admins only; the page still opens (read-only) for a VIEWER.
  for (const hidden of ["Webhooks", "Conectores", "Planes", "Usuarios"]) await expect(nav.getByRole("link", { name: hidden })).toHaveCount(0);
  await page.goto("/usuarios");
  await expect(page.getByText("Solo los administradores pueden invitar personas")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Solo lectura");
  await expect(page.getByRole("button", { name: "Enviar invitación" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /^Rol de/ })).toHaveCount(0);
  expect((await page.goto("/planes"))?.status()).toBe(403);

  // The link was single use.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Esta invitación ya se usó" })).toBeVisible();
});

test("the plan's user limit blocks the invitation with a message; members are managed; the OWNER upgrades", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const owner = uniqueEmail("olivia");
  await signUp(page, { name: "Olivia Owner", email: owner, password: "clave-segura-1" });
  await createTenant(page, "Estudio Olivia");
  await page.goto("/usuarios");

  // Gratis: 5 users, counting pending invitations.
  const carla = uniqueEmail("carla");
  await invite(page, carla, "Contador");
  await expect(page.getByText("2 de 5 usuarios de tu plan, contando invitaciones pendientes.")).toBeVisible();

  // Carla accepts in her own browser, signing up through the link.
  const other = await browser.newContext({ locale: "es-AR" });
  const carlaPage = await other.newPage();
  await carlaPage.goto(await invitationLink(carla));
  await carlaPage.getByLabel("Nombre y apellido").fill("Carla Contadora");
  await carlaPage.getByLabel("Contraseña").fill("clave-segura-1");
  await carlaPage.getByRole("button", { name: "Crear cuenta y aceptar" }).click();
  await expect(carlaPage).toHaveURL(/\/panel$/);
  await other.close();

  const viewers = ["uno", "dos", "tres"].map(uniqueEmail);
  for (const email of viewers) await invite(page, email, "Solo lectura");
  await page.reload();
  const limit = "Llegaste al límite de tu plan Gratis: hasta 5 usuarios (contando las invitaciones pendientes) — mejorá tu plan en Planes";
  await expect(page.getByText(limit)).toBeVisible();
  await expect(page.getByRole("button", { name: "Enviar invitación" })).toBeDisabled();
  await expect(page.getByLabel("E-mail", { exact: true })).toBeDisabled();
  await page.screenshot({ path: "test-results/usuarios-limite.png", fullPage: true });

  // Members: change Carla's role, then remove her (after confirming); the seat frees up.
  const carlaRow = page.getByRole("row").filter({ hasText: carla });
  await carlaRow.getByRole("combobox", { name: "Rol de Carla Contadora" }).selectOption({ label: "Administrador" });
  await expect(page.getByText("Listo: Carla Contadora ahora es Administrador.")).toBeVisible();
  await carlaRow.getByRole("button", { name: "Quitar a Carla Contadora" }).click();
  await carlaRow.getByRole("button", { name: "Sí, quitar" }).click();
  await expect(page.getByText("Listo: quitamos a Carla Contadora.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: carla })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Enviar invitación" })).toBeEnabled();
  const history = page.getByRole("list", { name: "Historial de cambios" });
  await expect(history).toContainText(`Olivia Owner quitó a Carla Contadora (${carla}), que tenía el rol Administrador`);
  await expect(history).toContainText(`Olivia Owner cambió el rol de Carla Contadora (${carla}): Contador → Administrador`);
  await expect(history).toContainText("Carla Contadora aceptó la invitación y se sumó como Contador");

  // Revoke one pending invitation.
  const revokedEmail = viewers[0]!;
  const pending = page.getByRole("list", { name: "Invitaciones" }).getByRole("listitem").filter({ hasText: revokedEmail });
  await pending.getByRole("button", { name: `Revocar la invitación a ${revokedEmail}` }).click();
  await pending.getByRole("button", { name: "Sí, revocar" }).click();
  await expect(page.getByText(`Revocamos la invitación a ${revokedEmail}.`)).toBeVisible();
  await expect(pending).toHaveCount(0);

  // Plans: usage as progress bars; the OWNER switches to Estudio.
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Planes" }).click();
  await expect(page.getByRole("heading", { name: "Tu plan: Gratis" })).toBeVisible();
  const users = page.getByRole("progressbar", { name: "Usuarios" });
  await expect(users).toHaveAttribute("aria-valuenow", "3");
  await expect(users).toHaveAttribute("aria-valuemax", "5");
  await expect(page.getByRole("progressbar", { name: "Endpoints de webhooks" })).toHaveAttribute("aria-valuenow", "0");
  await page.screenshot({ path: "test-results/planes.png", fullPage: true });
  const estudio = page.getByRole("listitem", { name: "Estudio" });
  await estudio.getByRole("button", { name: "Cambiar a Estudio" }).click();
  await estudio.getByRole("button", { name: "Sí, cambiar" }).click();
  await expect(page.getByRole("heading", { name: "Tu plan: Estudio" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Usuarios" })).toHaveAttribute("aria-valuemax", "15");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/planes-390.png", fullPage: true });
  await page.goto("/usuarios");
  await expect(page.getByText("3 de 15 usuarios de tu plan, contando invitaciones pendientes.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Historial de cambios" })).toContainText("Olivia Owner cambió el plan: Gratis → Estudio");
  await page.screenshot({ path: "test-results/usuarios-390.png", fullPage: true });
});
