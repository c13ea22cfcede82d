import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";
import { startReceiver } from "./support/receiver";

const SWITCH_TIME = /\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d GMT-03:00 \(America\/Argentina\/Buenos_Aires\)/;

test("rotate with «retirar ya» and see the switch time; events while disabled are held and delivered after re-enabling", async ({ page }) => {
  test.setTimeout(180_000);
  const receiver = await startReceiver();
  try {
    await signUp(page, { name: "Rita Rotación", email: uniqueEmail("rotacion"), password: "clave-segura-rot-1" });
    await createTenant(page, "Estudio Rotación E2E");
    await page.goto("/webhooks");
    await page.getByRole("button", { name: "Nuevo endpoint" }).click();
    await page.getByLabel("URL del receptor").fill(receiver.url);
    await page.getByLabel("Descripción").fill("ERP retenidos");
    await page.getByLabel("document.processed").check();
    await page.getByLabel("document.failed").check();
    await page.getByRole("button", { name: "Crear endpoint" }).click();
    const oldSecret = (await page.getByLabel("Secreto de firma", { exact: true }).textContent())!;
    await page.getByRole("button", { name: "Ya las guardé" }).click();

    // Rotate: no grace (the old secret is retired now) — the seed headers switch at once, and say when.
    const row = page.getByRole("list", { name: "Endpoints" }).getByRole("listitem").filter({ hasText: "ERP retenidos" });
    await row.getByRole("button", { name: "Rotar secreto de ERP retenidos" }).click();
    const dialog = page.getByRole("region", { name: "Rotar el secreto de ERP retenidos" });
    await dialog.getByLabel("El secreto anterior sigue siendo válido durante").selectOption({ label: "nada: retirarlo ya" });
    await expect(dialog.getByRole("radio", { name: /seguir firmando con el secreto anterior/ })).toBeDisabled();
    await expect(dialog.getByText("El secreto anterior deja de ser válido ya.")).toBeVisible();
    await dialog.getByRole("button", { name: "Rotar secreto", exact: true }).click();
    const secret = (await page.getByLabel("Secreto de firma", { exact: true }).textContent())!;
    const token = (await page.getByLabel("Token (X-Webhook-Token)", { exact: true }).textContent())!;
    expect(secret).not.toBe(oldSecret);
    await expect(page.getByText(/X-Signature y X-Webhook-Token usan el secreto nuevo desde/).first()).toContainText(SWITCH_TIME);
    await page.screenshot({ path: "test-results/webhook-rotation.png", fullPage: true });
    await page.getByRole("button", { name: "Ya las guardé" }).click();
    await expect(row.getByText(/X-Signature y X-Webhook-Token usan el secreto nuevo desde/)).toContainText(SWITCH_TIME);

    // Disable, then produce real events: two invoices processed while the endpoint is off.
    await row.getByRole("button", { name: "Deshabilitar ERP retenidos" }).click();
    await expect(row.getByText("Deshabilitado", { exact: true })).toBeVisible();
    const dir = mkdtempSync(join(tmpdir(), "e2e-held-"));
    const paths = await Promise.all(
      [8101, 8102].map(async (seed) => {
        const inv = await generateInvoice({ seed, format: "pdf-qr", tipoCodigo: 1 });
        const p = join(dir, inv.fileName);
        writeFileSync(p, inv.bytes);
        return p;
      }),
    );
    await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Documentos" }).click();
    await expect(page.getByRole("heading", { name: "Documentos", level: 1 })).toBeVisible();
    await page.getByTestId("upload-input").setInputFiles(paths);
    const table = page.getByRole("table", { name: "Documentos" });
    await expect(table.locator('tbody tr[data-status="COMPLETED"], tbody tr[data-status="FAILED"]')).toHaveCount(2, { timeout: 90_000 });

    await page.goto("/webhooks");
    await expect(row.getByText(/2 eventos retenidos desde .*: habilitá el endpoint para entregarlos/)).toBeVisible({ timeout: 30_000 });
    expect(receiver.requests).toHaveLength(0);
    await row.getByRole("button", { name: "Habilitar ERP retenidos" }).click();
    const deliverHeld = row.getByRole("button", { name: /Entregar lo retenido \(2 eventos desde / });
    await expect(deliverHeld).toContainText(SWITCH_TIME);
    await page.screenshot({ path: "test-results/webhook-held.png", fullPage: true });
    await deliverHeld.click();
    await expect(row.getByText("Entregando 2 eventos.")).toBeVisible();

    // They arrive, verified in both families with the credentials saved at rotation.
    await expect.poll(() => receiver.requests.length, { timeout: 30_000 }).toBe(2);
    for (const req of receiver.requests) {
      expect((new Webhook(secret).verify(req.body, req.headers) as { type: string }).type).toMatch(/^document\.(processed|failed)$/);
      expect(req.headers["x-signature"]).toBe(createHmac("sha256", secret).update(req.body).digest("hex"));
      expect(req.headers["x-webhook-token"]).toBe(token);
      expect(() => new Webhook(oldSecret).verify(req.body, req.headers)).toThrow();
    }
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"])).size).toBe(2);
    await expect(row.getByRole("button", { name: /Entregar lo retenido/ })).toHaveCount(0, { timeout: 15_000 });

    await page.goto("/webhooks/guia");
    await expect(page.getByRole("heading", { name: "Rotación del secreto" })).toBeVisible();
  } finally {
    await receiver.close();
  }
});
