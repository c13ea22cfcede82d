/**
 * n8n end to end: a fake n8n (test/n8n/support/fake-n8n.ts, the contract implemented over real
 * HTTP with signature checks) runs in the test process; an admin configures it, probes it,
 * pastes a bank e-mail and sees the classified transaction and its alert, changes a budget and
 * sees the sync-user call in the log, and opens projections with their charts.
 */
import { expect, test, type Page } from "@playwright/test";
import { startFakeN8n } from "../test/n8n/support/fake-n8n";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const TOKEN = "tok-n8n-e2e-123456";
const SECRET = "secreto-firma-n8n-e2e-abcdef";
const SHOTS = process.env.E2E_SCREENSHOTS_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test("n8n: configure, paste a bank e-mail → classified transaction → alert; budget change → sync-user logged; projections with charts", async ({ page }) => {
  test.setTimeout(150_000);
  const n8n = await startFakeN8n({ token: TOKEN, signingSecret: SECRET });
  try {
    await signUp(page, { name: "Dueña n8n", email: uniqueEmail("n8n"), password: "clave-segura-n8n-1" });
    await createTenant(page, "Estudio n8n");

    // 1. Configure n8n in its admin page.
    await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "n8n" }).click();
    await expect(page.getByRole("heading", { name: "n8n", level: 1 })).toBeVisible();
    await page.getByLabel("URL base de n8n").fill(n8n.url);
    await page.getByLabel("Token (X-Webhook-Token)").fill(TOKEN);
    await page.getByLabel("Secreto de firma (X-Signature)").fill(SECRET);
    await page.getByRole("button", { name: "Guardar configuración" }).click();
    await expect(page.getByText("Configuración guardada.")).toBeVisible();
    await expect(page.getByText(/Guardado ••••3456/)).toBeVisible();
    await expect(page.getByLabel("Token (X-Webhook-Token)")).toHaveValue("");
    // The first configuration sends the organization's settings to n8n (sync-user).
    await expect.poll(() => n8n.calls("sync_user").length, { timeout: 20_000 }).toBe(1);

    // "Probar" one action: signed, verified by the fake, logged as a test.
    await page.getByRole("button", { name: "Probar Clasificar movimiento" }).click();
    await expect(page.getByTestId("test-result-classify_transaction")).toContainText("OK en");
    expect(n8n.calls("classify_transaction").at(-1)!.verified).toBe(true);
    await expect(page.locator('[data-testid="n8n-call"][data-action="classify_transaction"]')).toContainText("(prueba)");
    await shot(page, "n8n-admin");

    // 2. A weekly budget, so the e-mail's purchase triggers an alert.
    await page.goto("/movimientos/presupuestos");
    await page.getByLabel("Presupuesto semanal").fill("50000");
    await page.getByRole("button", { name: "Agregar meta" }).click();
    await page.getByLabel("Objetivo 1").fill("100000");
    await page.getByRole("button", { name: "Guardar presupuestos y alertas" }).click();
    await expect(page.getByText("Guardado. Se sincroniza con n8n")).toBeVisible();
    await expect(page.getByTestId("profile-sync")).toContainText("Sincronizado con n8n", { timeout: 20_000 });

    // 3. Paste a bank e-mail → a classified transaction → an alert.
    await page.goto("/movimientos");
    await page.getByLabel("Remitente (opcional)").fill("avisos@bancogalicia.com.ar");
    await page.getByLabel("Asunto (opcional)").fill("Aviso de compra con tarjeta");
    await page.getByLabel("Texto del correo").fill("Realizaste una compra por $ 45.000,00 en SUPERMERCADO COTO con tu tarjeta terminada en 1234.");
    await page.getByRole("button", { name: "Procesar correo" }).click();
    await expect(page.getByText("Correo recibido: n8n lo está procesando…")).toBeVisible();
    const txn = page.getByTestId("transaction").filter({ hasText: "SUPERMERCADO COTO" });
    await expect(txn).toBeVisible({ timeout: 20_000 });
    await expect(txn.getByTestId("transaction-category")).toHaveText("Supermercado", { timeout: 20_000 });
    await expect(txn).toContainText("Clasificado por n8n");
    await expect(txn).toContainText("Alternativas: Compras (40 %)");
    await expect(txn).toContainText(/\$\s?45\.000/);
    const alert = page.getByTestId("movement-alert").filter({ hasText: "¡Cuidado! Estás llegando al límite" });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await expect(alert).toContainText("SUPERMERCADO COTO");
    await expect(page.getByRole("list", { name: "Recomendaciones" })).toContainText("groceries");
    await shot(page, "movimientos");

    // The user overrides the category.
    await txn.getByRole("button", { name: "Cambiar categoría" }).click();
    await txn.getByLabel("Categoría de SUPERMERCADO COTO").selectOption("food");
    await expect(txn.getByTestId("transaction-category")).toHaveText("Comida");
    await expect(txn).toContainText("n8n sugería Supermercado");

    // 4. Change a budget → a sync-user call is logged.
    const syncsBefore = n8n.calls("sync_user").length;
    await page.goto("/movimientos/presupuestos");
    await page.getByLabel("Presupuesto semanal").fill("80000");
    await page.getByRole("button", { name: "Guardar presupuestos y alertas" }).click();
    await expect(page.getByText("Guardado. Se sincroniza con n8n")).toBeVisible();
    await expect.poll(() => n8n.calls("sync_user").length, { timeout: 20_000 }).toBe(syncsBefore + 1);
    const synced = n8n.calls("sync_user").at(-1)!;
    expect(synced.verified).toBe(true);
    expect((synced.envelope!.payload as { userData: { budgets: { weekly: number } } }).userData.budgets.weekly).toBe(80000);
    await page.goto("/integraciones/n8n");
    await page.getByLabel("Acción", { exact: true }).selectOption("sync_user");
    const syncRows = page.locator('[data-testid="n8n-call"][data-action="sync_user"][data-status="SUCCEEDED"]');
    await expect(syncRows).toHaveCount(3, { timeout: 10_000 }); // first configuration + two budget saves
    await expect(page.getByTestId("sync-status")).toContainText("Sincronizado");
    await shot(page, "n8n-log");

    // 5. Projections: on demand → charts and the AI summary.
    await page.goto("/movimientos/proyecciones");
    await page.getByRole("button", { name: "Generar proyección" }).click();
    await expect(page.getByTestId("ai-summary")).toContainText("Proyecto que gastarás", { timeout: 20_000 });
    for (const chart of ["chart-burn-rate", "chart-by-category", "chart-goals"]) {
      await expect(page.getByTestId(chart).locator("svg.recharts-surface:not([aria-label$='legend icon'])")).toBeVisible();
    }
    await expect(page.getByTestId("chart-burn-rate").locator(".recharts-bar-rectangle")).toHaveCount(3);
    await expect(page.getByTestId("chart-by-category").locator(".recharts-pie-sector")).toHaveCount(1);
    await shot(page, "proyecciones");
  } finally {
    await n8n.close();
  }
});
