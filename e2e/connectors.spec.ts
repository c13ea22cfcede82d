import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const TOKEN = "tok-e2e-secreto-98765";

/** An ERP-like receiver on loopback that wants a bearer token; records what it gets. */
async function startErp() {
  const requests: { method: string; path: string; authorization: string | undefined }[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization });
    req.resume();
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return res.writeHead(401, { "content-type": "application/json" }).end('{"error":"unauthorized"}');
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("an admin creates a PUSH connector, tests it, never sees the secret again, previews a mapping and schedules it", async ({ page }) => {
  test.setTimeout(90_000);
  const erp = await startErp();
  try {
    await signIn(page, "admin@demo.contaflow.ar", "demo-contaflow-2026");
    await expect(page).toHaveURL(/\/panel$/);
    await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Conectores" }).click();
    await expect(page.getByRole("heading", { name: "Conectores", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Nuevo conector" }).click();
    // «Nuevo conector» opens the preset gallery first
    await page.getByRole("button", { name: "Personalizado (avanzado)" }).click();
    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText("Ingresá al menos 2 caracteres")).toBeVisible();

    await page.getByLabel("Nombre", { exact: true }).fill("ERP de prueba");
    await page.getByLabel("URL base").fill("http://10.1.2.3/api");
    await page.getByLabel("Tipo de autenticación").selectOption("BEARER");
    await page.getByLabel("Token", { exact: true }).fill(TOKEN);
    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText(/red privada \(10\.0\.0\.0\/8\); no está permitido/)).toBeVisible();

    await page.getByLabel("URL base").fill(erp.url);
    await page.getByLabel("Ruta de prueba").fill("/salud");
    await page.getByLabel("Ruta de destino").fill("/facturas");

    await page.getByRole("button", { name: "JSONata (avanzado)" }).click();
    const mapping = page.getByLabel("Mapeo de campos (PUSH)");
    await mapping.fill('{ "numero": "numero", "importe": total * }');
    await page.getByRole("button", { name: "Vista previa de mapeo PUSH" }).click();
    await page.getByRole("button", { name: "Ver resultado" }).click();
    // Shown by this preview (and, once it has evaluated, by the live preview on a real document).
    await expect(page.getByText(/^Error de sintaxis en la posición \d+/).first()).toBeVisible();
    await mapping.fill('{ "numero": "numero", "importe": "total", "cuit": "$replace(proveedor.cuit, \'-\', \'\')", "moneda": "\'ARS\'" }');
    await page.getByRole("button", { name: "Ver resultado" }).click();
    const result = page.getByLabel("Resultado de mapeo PUSH");
    await expect(result).toContainText('"numero": "0001-00012345"');
    await expect(result).toContainText('"importe": 12500.5');
    await expect(result).toContainText('"cuit": "30712345678"');

    await page.getByLabel("Programación PUSH", { exact: true }).selectOption({ label: "Avanzado (expresión cron)" });
    await page.getByLabel("Programación PUSH (cron)").fill("0 8 * * 1-5");
    await expect(page.getByText("De lunes a viernes a las 8:00")).toBeVisible();
    const runs = page.getByRole("list", { name: "Próximas ejecuciones de la programación PUSH" }).getByRole("listitem");
    await expect(runs).toHaveCount(3);
    await expect(runs.first()).toContainText(/\d{2}\/\d{2}\/\d{4}.*08:00/);
    await page.screenshot({ path: "test-results/connectors-form.png", fullPage: true });

    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText("Conector «ERP de prueba» creado. El secreto quedó guardado cifrado y no se vuelve a mostrar.")).toBeVisible();
    const row = page.getByRole("list", { name: "Conectores" }).getByRole("listitem").filter({ hasText: "ERP de prueba" });
    await expect(row).toContainText("PUSH");
    await expect(row).toContainText(erp.url);
    await expect(row).toContainText("Bearer");
    await expect(row).toContainText("PUSH programado: De lunes a viernes a las 8:00");
    await expect(row.getByText("Sin probar todavía")).toBeVisible();

    await row.getByRole("button", { name: "Probar conexión de ERP de prueba" }).click();
    await expect(row.getByText("✓ Conexión OK")).toBeVisible();
    await expect(row).toContainText("HTTP 200");
    await expect(row).toContainText(/Conexión correcta: HTTP 200 en \d+ ms/);
    expect(erp.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/v1/salud", authorization: `Bearer ${TOKEN}` });

    // The secret is never shown again: not in the list, not in the edit form, not after a reload.
    expect(await page.content()).not.toContain(TOKEN);
    await row.getByRole("button", { name: "Editar ERP de prueba" }).click();
    const secretField = page.getByLabel("Token", { exact: true });
    await expect(secretField).toHaveValue("");
    await expect(page.getByText(/Guardado: ••••8765\. Dejalo vacío para conservarlo/)).toBeVisible();
    // The saved mapping opens in the visual editor: the $replace stays an expression row.
    await expect(page.getByLabel("Campo de destino, fila 3")).toHaveValue("cuit");
    await expect(page.getByLabel("Expresión, fila 3")).toHaveValue("$replace(proveedor.cuit, '-', '')");
    await expect(page.getByLabel("Campo de destino, fila 4")).toHaveValue("moneda");
    await expect(page.getByLabel("Valor fijo, fila 4")).toHaveValue("ARS");
    await page.getByLabel("Descripción").fill("Facturas al ERP");
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(page.getByText("Cambios guardados en «ERP de prueba».")).toBeVisible();
    await row.getByRole("button", { name: "Probar conexión de ERP de prueba" }).click();
    await expect(row.getByText("✓ Conexión OK")).toBeVisible();
    expect(erp.requests.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);

    await page.reload();
    await expect(row).toContainText("Facturas al ERP");
    expect(await page.content()).not.toContain(TOKEN);
    await page.screenshot({ path: "test-results/connectors-list.png", fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await row.getByRole("button", { name: "Editar ERP de prueba" }).click();
    await expect(page.getByLabel("Vista previa de la programación PUSH")).toContainText("De lunes a viernes a las 8:00");
    await page.screenshot({ path: "test-results/connectors-mobile.png", fullPage: true });

    await row.getByRole("button", { name: "Deshabilitar ERP de prueba" }).click();
    await expect(row.getByText("Deshabilitado", { exact: true })).toBeVisible();
    await row.getByRole("button", { name: "Eliminar ERP de prueba" }).click();
    await row.getByRole("button", { name: "Sí, eliminar" }).click();
    await expect(page.getByText("Todavía no hay conectores")).toBeVisible();
  } finally {
    await erp.close();
  }
});
