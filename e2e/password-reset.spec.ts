import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_DATA_DIR } from "../playwright.config";
import { createTenant, signIn, signUp, uniqueEmail } from "./helpers";

/** The server writes e-mails to DATA_DIR/outbox.jsonl when no SMTP server is configured. */
function lastMailTo(email: string): { subject: string; text: string } | undefined {
  const lines = readFileSync(`${E2E_DATA_DIR}/outbox.jsonl`, "utf8").split("\n").filter(Boolean);
  return lines.map((l) => JSON.parse(l) as { to: string; subject: string; text: string }).filter((m) => m.to === email).at(-1);
}

test("forgot password → e-mailed link → new password → sign in", async ({ page, context }) => {
  const email = uniqueEmail("rita");
  await signUp(page, { name: "Rita Reset", email, password: "clave-vieja-1" });
  await createTenant(page, "Estudio Rita");
  await context.clearCookies();

  await page.goto("/recuperar");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Enviar enlace" }).click();
  await expect(page.getByRole("status")).toContainText("te llegó un enlace");

  let mail: ReturnType<typeof lastMailTo>;
  await expect.poll(() => (mail = lastMailTo(email))?.subject).toBe("Restablecé tu contraseña de Contaflow");
  const link = /https?:\/\/\S+/.exec(mail!.text)![0];
  await page.goto(link);
  await expect(page).toHaveURL(/\/restablecer\?token=/);
  await page.getByLabel("Contraseña nueva").fill("clave-nueva-2");
  await page.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(page.getByRole("status")).toContainText("tu contraseña cambió");

  await signIn(page, email, "clave-nueva-2");
  await expect(page).toHaveURL(/\/panel$/);
});
