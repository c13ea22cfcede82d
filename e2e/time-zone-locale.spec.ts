/**
 * Issue 21 part B: with the browser in Tokyo, an organization in Buenos Aires sees every instant
 * in Buenos Aires — documents list, review page, webhook deliveries, Ejecuciones — and after the
 * owner switches the organization to Tokyo, in Tokyo. In English, the pages walked (and a tRPC
 * validation error) show no Spanish.
 */
import { expect, test, type Page } from "@playwright/test";
import { createTenant, signUp, uniqueEmail } from "./helpers";
import { startReceiver } from "./support/receiver";

test.use({ timezoneId: "Asia/Tokyo" });

const hourIn = (timeZone: string) => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(new Date());
/** The HH:MM of the first "d/m/yy, HH:MM" a locator shows. */
async function timeShown(page: Page, text: () => Promise<string>): Promise<string> {
  let found = "";
  await expect.poll(async () => (found = /\d{1,2}\/\d{1,2}\/\d{2},? (\d{2}:\d{2})/.exec(await text())?.[1] ?? "")).not.toBe("");
  return found;
}

test("every page shows instants in the organization's zone, not the browser's; English mode has no Spanish", async ({ page, context, baseURL }) => {
  test.setTimeout(60_000);
  const receiver = await startReceiver();
  try {
    await signUp(page, { name: "Zoe Zona", email: uniqueEmail("zoe"), password: "clave-segura-1" });
    await createTenant(page, "Estudio Husos");
    const ba = hourIn("America/Argentina/Buenos_Aires");
    expect(ba).not.toBe(hourIn("Asia/Tokyo"));

    await page.getByTestId("first-run").getByRole("button", { name: "Cargar facturas de ejemplo" }).click();
    await expect(page.getByText("Hay 3 facturas de ejemplo cargadas.")).toBeVisible();

    // Documents list and the review page: the same upload instant, in Buenos Aires.
    await page.goto("/parse");
    const table = page.getByRole("table").first();
    const facturaA = table.getByRole("row").filter({ has: page.getByRole("link", { name: /Ejemplo - Factura A/ }) }).first();
    const listed = await timeShown(page, () => facturaA.innerText());
    expect(listed.slice(0, 2)).toBe(ba);
    await facturaA.getByRole("link", { name: /Ejemplo - Factura A/ }).click();
    await expect(page.getByText(new RegExp(`subido \\d{1,2}/\\d{1,2}/\\d{2},? ${listed}`))).toBeVisible();

    // A webhook delivery and its run in Ejecuciones.
    await page.goto("/webhooks");
    await page.getByRole("button", { name: "Nuevo endpoint" }).click();
    await page.getByLabel("URL del receptor").fill(receiver.url);
    await page.getByLabel("Descripción").fill("Receptor husos");
    await page.getByLabel("document.processed").check();
    await page.getByRole("button", { name: "Crear endpoint" }).click();
    await page.getByRole("button", { name: "Ya las guardé" }).click();
    const row = page.getByRole("list", { name: "Endpoints" }).getByRole("listitem").filter({ hasText: "Receptor husos" });
    await row.getByRole("button", { name: "Enviar evento de prueba" }).click();
    await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);
    await page.getByRole("link", { name: "Entregas" }).click();
    expect((await timeShown(page, () => page.getByRole("table").innerText())).slice(0, 2)).toBe(ba);
    await page.goto("/ejecuciones");
    expect((await timeShown(page, () => page.getByRole("table").innerText())).slice(0, 2)).toBe(ba);

    // English: the organization moves to Tokyo; a server validation error is English too.
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
    await page.goto("/usuarios");
    await page.getByLabel("Organization time zone").selectOption("Asia/Tokyo");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByText("Time zone updated.")).toBeVisible();
    await page.getByLabel("Organization name").fill(" x ");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("Check the highlighted fields")).toBeVisible();

    const spanish = /Revisá|Ingresá|Guardar|Cargando|Motivos|Falta |subido|Zona horaria|no encontrado/;
    await expect(page.locator("main")).not.toContainText(spanish);
    await page.goto("/parse");
    const tokyo = hourIn("Asia/Tokyo");
    expect((await timeShown(page, () => page.getByRole("table").first().innerText())).slice(0, 2)).toBe(tokyo);
    await expect(page.locator("main")).not.toContainText(spanish);
    await page.getByRole("table").first().getByRole("link", { name: /Ejemplo - Factura A/ }).first().click();
    await expect(page.getByText(/uploaded \d{1,2}\/\d{1,2}\/\d{2},? \d{2}:\d{2}/)).toContainText(` ${tokyo}:`);
    // The review form and its reasons (the parse report's notes are still written in Spanish).
    await expect(page.getByTestId("review-reasons")).not.toContainText(spanish);
    await expect(page.getByRole("button", { name: "Mark as reviewed" })).toBeVisible();
  } finally {
    await receiver.close();
  }
});
