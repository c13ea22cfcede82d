/**
 * Movimientos × n8n (issue 18): without n8n the page is gated with an explanation and, for an
 * admin, a link to the setting; with a fake n8n (real HTTP, in this process) answering an empty
 * 200 — what n8n does when a workflow step throws — the call is retried and the final message
 * says the retries are exhausted, with no green «Correo recibido» left next to the failure.
 * Retries are fast because playwright.config.ts sets N8N_RETRY_DELAY_MS.
 */
import { expect, test } from "@playwright/test";
import { startFakeN8n } from "../test/n8n/support/fake-n8n";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const TOKEN = "tok-n8n-mov-e2e-123456";
const SECRET = "secreto-firma-n8n-mov-e2e-abcdef";

test("Movimientos: gated until n8n is configured; an empty 200 from n8n is retried until the retries are exhausted", async ({ page }) => {
  test.setTimeout(120_000);
  const n8n = await startFakeN8n({ token: TOKEN, signingSecret: SECRET });
  try {
    await signUp(page, { name: "Dueño movimientos", email: uniqueEmail("n8n-mov"), password: "clave-segura-mov-1" });
    await createTenant(page, "Estudio movimientos");

    // 1. No n8n yet: an empty state that explains, and a link to the setting (an admin); no form.
    await page.goto("/movimientos");
    const gate = page.getByTestId("movements-gate");
    await expect(gate.getByRole("heading", { name: "Movimientos necesita n8n" })).toBeVisible();
    await expect(gate).toContainText("Todavía no está configurado en esta organización");
    await expect(page.getByLabel("Texto del correo")).toHaveCount(0);
    await expect(page.getByText("NOT_CONFIGURED")).toHaveCount(0);
    await page.goto("/movimientos/proyecciones");
    await expect(page.getByTestId("movements-gate").getByRole("heading", { name: "Movimientos necesita n8n" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Generar proyección" })).toHaveCount(0);
    await page.goto("/movimientos");
    await gate.getByRole("link", { name: "Configurar n8n" }).click();
    await expect(page).toHaveURL(/\/integraciones\/n8n$/);

    // 2. Configure the fake n8n; «Revisar mi configuración» finds everything in place.
    await page.getByLabel("URL base de n8n").fill(n8n.url);
    await page.getByLabel("Token (X-Webhook-Token)").fill(TOKEN);
    await page.getByLabel("Secreto de firma (X-Signature)").fill(SECRET);
    await page.getByRole("button", { name: "Guardar configuración" }).click();
    await expect(page.getByText("Configuración guardada.")).toBeVisible();
    await page.getByRole("button", { name: "Revisar mi configuración" }).click();
    await expect(page.getByTestId("setup-check")).toContainText("Todo en orden", { timeout: 20_000 });

    // 3. n8n answers every parse-email call with an empty 200.
    n8n.script("parse_email", ...Array.from({ length: 5 }, () => ({ raw: "" })));
    await page.goto("/movimientos");
    await expect(page.getByTestId("movements-gate")).toHaveCount(0);
    await page.getByLabel("Remitente (opcional)").fill("avisos@bancogalicia.com.ar");
    await page.getByLabel("Asunto (opcional)").fill("Aviso de compra");
    await page.getByLabel("Texto del correo").fill("Realizaste una compra por $ 12.000,00 en LIBRERIA EL ATENEO con tu tarjeta terminada en 1234.");
    await page.getByRole("button", { name: "Procesar correo" }).click();
    await expect(page.getByText("Correo recibido: n8n lo está procesando…")).toBeVisible();

    const failed = page.getByTestId("failed-email-message");
    await expect(failed).toContainText("Se agotaron los reintentos (5 intentos)", { timeout: 45_000 });
    await expect(failed).toContainText("llegó vacía");
    await expect(failed).toContainText("NODE_FUNCTION_ALLOW_BUILTIN=crypto");
    await expect(failed).not.toContainText("Se reintenta");
    await expect(failed).not.toContainText("INTERNAL_ERROR:");
    await expect(failed.getByRole("link", { name: "Ver n8n" })).toHaveAttribute("href", "/integraciones/n8n");
    // The green notice does not stay next to the failure.
    await expect(page.getByText("Correo recibido: n8n lo está procesando…")).toHaveCount(0);
    expect(n8n.calls("parse_email").filter((c) => c.answeredWith === "raw")).toHaveLength(5);
  } finally {
    await n8n.close();
  }
});
