import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { createTenant, signUp, uniqueEmail } from "./helpers";
import { startReceiver } from "./support/receiver";

test("an admin edits an endpoint, sends a marked test event, filters the log by endpoint, finds it by id and reads the signed bytes", async ({ page }) => {
  test.setTimeout(90_000);
  const receiver = await startReceiver();
  try {
    // A fresh organization: the demo one collects deliveries from the other webhook specs.
    await signUp(page, { name: "Wanda Webhooks", email: uniqueEmail("portal"), password: "clave-segura-1" });
    await createTenant(page, "Estudio Portal E2E");
    await page.goto("/webhooks");
    let secret = "";
    for (const name of ["Portal e2e", "Otro e2e"]) {
      await page.getByRole("button", { name: "Nuevo endpoint" }).click();
      await page.getByLabel("URL del receptor").fill(`${receiver.url}?${name === "Portal e2e" ? "a" : "b"}`);
      await page.getByLabel("Descripción").fill(name);
      await page.getByLabel("document.processed").check();
      await page.getByRole("button", { name: "Crear endpoint" }).click();
      if (name === "Portal e2e") secret = (await page.getByLabel("Secreto de firma", { exact: true }).textContent())!;
      await page.getByRole("button", { name: "Ya las guardé" }).click();
    }
    const list = page.getByRole("list", { name: "Endpoints" });
    await list.getByRole("button", { name: "Editar Portal e2e" }).click();
    const edit = page.getByRole("region", { name: "Editar Portal e2e" });
    await expect(edit.getByLabel("URL del receptor")).toHaveValue(`${receiver.url}?a`);

    // A private address is refused by the SSRF guard on edit too; loopback is allowed (OUTBOUND_ALLOWLIST).
    await edit.getByLabel("URL del receptor").fill("http://10.1.2.3/hook");
    await edit.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(edit.getByText(/red privada \(10\.0\.0\.0\/8\); no está permitido/)).toBeVisible();
    await edit.getByLabel("Encabezados adicionales (opcional)").fill("X-Signature: falsa");
    await edit.getByLabel("URL del receptor").fill(`${receiver.url}?edited`);
    await edit.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(edit.getByText("Línea 1: «X-Signature» es un encabezado de firma o identidad del webhook: no se puede fijar")).toBeVisible();
    await edit.getByLabel("Encabezados adicionales (opcional)").fill("X-Origen: e2e");
    await edit.getByLabel("Tiempo de espera (segundos)").fill("20");
    await edit.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(edit).toHaveCount(0);
    const row = list.getByRole("listitem").filter({ hasText: "Portal e2e" });
    await expect(row).toContainText(`${receiver.url}?edited`);

    // The replay window is read on the organization's clock (Buenos Aires, UTC-3, like every time
    // on the page, e.g. «retenidos desde …»), not the browser's: it starts 7 days ago, there.
    const baWallClock = (ms: number) => new Date(ms - 3 * 3_600_000 - 7 * 864e5).toISOString().slice(0, 16);
    const before = baWallClock(Date.now());
    const from = await row.getByLabel("desde", { exact: true }).inputValue();
    expect([before, baWallClock(Date.now())]).toContain(from);
    await expect(row.getByText("(hora de America/Argentina/Buenos_Aires)")).toBeVisible();

    // A test event arrives at the real receiver, signed, marked as a test, with the custom header.
    await row.getByLabel("Tipo de evento de prueba para Portal e2e").selectOption("document.processed");
    await row.getByRole("button", { name: "Enviar evento de prueba" }).click();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);
    const got = receiver.requests[0]!;
    const event = new Webhook(secret).verify(got.body, got.headers) as { test?: boolean; documentoId: string };
    expect(event.test).toBe(true);
    expect(event.documentoId).toMatch(/^doc_test_/);
    expect(got.headers["x-origen"]).toBe("e2e");
    const other = list.getByRole("listitem").filter({ hasText: "Otro e2e" });
    await other.getByLabel("Tipo de evento de prueba para Otro e2e").selectOption("document.processed");
    await other.getByRole("button", { name: "Enviar evento de prueba" }).click();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(2);

    await page.getByRole("link", { name: "Entregas" }).click();
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await page.getByRole("combobox", { name: "Endpoint", exact: true }).selectOption({ label: "Portal e2e" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText("Portal e2e");
    await page.getByRole("combobox", { name: "Endpoint", exact: true }).selectOption({ label: "Todos" });
    await expect(table.getByRole("row")).toHaveCount(3);
    const search = page.getByLabel("Buscar por id");
    await search.fill(got.headers["webhook-id"]!);
    await search.press("Enter");
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table).toContainText("Portal e2e");

    await table.getByRole("button", { name: "document.processed" }).click();
    const drawer = page.getByRole("dialog");
    await expect(drawer.getByTestId("webhook-id")).toHaveText(got.headers["webhook-id"]!);
    // Byte for byte what the receiver got (minified, as signed), not a pretty-printed copy.
    expect(await drawer.getByTestId("raw-body").textContent()).toBe(got.body);
    await expect(drawer.getByText(`${new Intl.NumberFormat("es-AR").format(Buffer.byteLength(got.body))} bytes tal como se enviaron y firmaron`, { exact: false })).toBeVisible();
    await page.screenshot({ path: "test-results/webhook-portal-raw-body.png", fullPage: true });
  } finally {
    await receiver.close();
  }
});
