import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { signIn } from "./helpers";
import { startReceiver } from "./support/receiver";

test("a test event reaches a real receiver signed twice; a 500 is retried; resend works", async ({ page }) => {
  test.setTimeout(90_000);
  const receiver = await startReceiver();
  try {
    await signIn(page, "duena@demo.contaflow.ar", "demo-contaflow-2026");
    await expect(page).toHaveURL(/\/panel$/);
    await page.goto("/webhooks");
    await page.getByRole("button", { name: "Nuevo endpoint" }).click();
    await page.getByLabel("URL del receptor").fill(receiver.url);
    await page.getByLabel("Descripción").fill("Receptor e2e");
    await page.getByLabel("document.processed").check();
    await page.getByRole("button", { name: "Crear endpoint" }).click();
    const secret = (await page.getByLabel("Secreto de firma", { exact: true }).textContent())!;
    const token = (await page.getByLabel("Token (X-Webhook-Token)", { exact: true }).textContent())!;
    await page.getByRole("button", { name: "Ya las guardé" }).click();

    const row = page.getByRole("list", { name: "Endpoints" }).getByRole("listitem").filter({ hasText: "Receptor e2e" });
    await row.getByLabel("Tipo de evento de prueba para Receptor e2e").selectOption("document.processed");
    await row.getByRole("button", { name: "Enviar evento de prueba" }).click();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);

    const first = receiver.requests[0]!;
    const verified = new Webhook(secret).verify(first.body, first.headers) as { type: string };
    expect(verified.type).toBe("document.processed");
    expect(first.headers["x-signature"]).toBe(createHmac("sha256", secret).update(first.body).digest("hex"));
    expect(first.headers["x-webhook-token"]).toBe(token);
    expect(first.headers["x-request-id"]).toBe(first.headers["webhook-id"]);
    expect(first.headers["x-webhook-event"]).toBe("document.processed");

    // The receiver fails once: the log shows the failed attempt and the retry that succeeded.
    receiver.setStatus((n) => (n === 2 ? 500 : 204));
    await row.getByRole("button", { name: "Enviar evento de prueba" }).click();
    await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(3);
    expect(receiver.requests[2]!.headers["webhook-id"]).toBe(receiver.requests[1]!.headers["webhook-id"]);
    expect(receiver.requests[2]!.body).toBe(receiver.requests[1]!.body);
    expect(receiver.requests[2]!.headers["x-webhook-attempt"]).toBe("2");

    await page.getByRole("link", { name: "Entregas" }).click();
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table.getByText("Entregada")).toHaveCount(2);
    await table.getByRole("button", { name: "document.processed" }).first().click();
    const attempts = page.getByRole("list", { name: "Intentos" });
    await expect(attempts.getByText(/Intento 1: 500/)).toBeVisible();
    await expect(attempts.getByText(/Intento 2: 204/)).toBeVisible();
    await page.screenshot({ path: "test-results/delivery-detail.png", fullPage: true });

    await page.getByRole("button", { name: "Reenviar" }).click();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(4);
    expect(receiver.requests[3]!.headers["webhook-id"]).toBe(receiver.requests[1]!.headers["webhook-id"]);
    await expect(attempts.getByText(/Intento 3: 204/)).toBeVisible({ timeout: 10_000 });

    await page.goto("/ejecuciones");
    const runs = page.getByRole("table");
    await expect(runs.getByRole("button", { name: "Webhooks: entregar" }).first()).toBeVisible();
    await expect(runs.getByText("Completada").first()).toBeVisible();
    await runs.getByRole("button", { name: "Webhooks: entregar" }).first().click();
    await expect(page.getByRole("list", { name: "Pasos" }).getByText(/attempt-\d/).first()).toBeVisible();
    await page.screenshot({ path: "test-results/ejecuciones.png", fullPage: true });

    await page.goto("/panel");
    await expect(page.getByText(/Tareas en segundo plano: \d+ en curso/)).toBeVisible();
    await expect(page.getByText(/de éxito en entregas terminadas/)).toBeVisible();
    await page.screenshot({ path: "test-results/panel-webhook-charts.png", fullPage: true });
  } finally {
    await receiver.close();
  }
});
