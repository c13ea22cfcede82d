import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

/** A local ERP receiver: POST /api/facturas answers 201 and records the body it got. */
async function startReceiver() {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/api/facturas") {
        bodies.push(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>);
        return res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `ERP-${bodies.length}` }));
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, bodies, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("an admin maps fields visually with a live preview on a real document, schedules in words, exports, and the card shows the health", async ({ page }) => {
  test.setTimeout(240_000);
  const invoice = await generateInvoice({ seed: 9191, format: "pdf-qr", tipoCodigo: 1 });
  const fileName = `factura-mapper-${Date.now()}.pdf`;
  const erp = await startReceiver();
  try {
    // A fresh organization: the demo one collects documents from other specs.
    await signUp(page, { name: "Mara Mapeo", email: uniqueEmail("mapper"), password: "clave-segura-1" });
    await createTenant(page, "Estudio Mapeo E2E");

    // A real document, uploaded and processed.
    await page.goto("/parse");
    await page.getByTestId("upload-input").setInputFiles({ name: fileName, mimeType: "application/pdf", buffer: Buffer.from(invoice.bytes) });
    await expect(page.getByRole("list", { name: "Archivos subidos" }).getByRole("listitem")).toHaveCount(1, { timeout: 30_000 });
    await page.goto("/exportar");
    // A fresh organization: the uploaded invoice is its only document (rows show its number, not the file name).
    const docRow = page.getByRole("table").locator("tbody tr[data-document-id]");
    await expect(async () => {
      await page.reload();
      await page.getByLabel("Mostrar también los no revisados").check();
      await expect(docRow).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 120_000 });

    await page.goto("/conectores");
    await page.getByRole("button", { name: "Nuevo conector" }).click();
    // «Nuevo conector» opens the preset gallery first; this connector is a custom one.
    await page.getByRole("button", { name: "Personalizado (avanzado)" }).click();
    await page.getByLabel("Nombre", { exact: true }).fill("ERP visual");
    await page.getByLabel("URL base").fill(erp.url);
    await page.getByLabel("Ruta de destino").fill("/facturas");

    // Visual mapping: three rows, one with an invalid target first (inline error next to the row).
    await expect(page.getByRole("button", { name: "Editor visual" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Agregar campo" }).click();
    await page.getByLabel("Campo del documento, fila 1").selectOption("total");
    await page.getByLabel("Campo de destino, fila 1").fill("importe total");
    await expect(page.getByRole("alert").filter({ hasText: "Destino «importe total» inválido" })).toBeVisible();
    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText("Corregí las filas marcadas del mapeo antes de guardar.")).toBeVisible();
    await page.getByLabel("Campo de destino, fila 1").fill("importe");
    await page.getByRole("button", { name: "Agregar campo" }).click();
    await page.getByLabel("Campo del documento, fila 2").selectOption("proveedor.cuit");
    await page.getByLabel("Campo de destino, fila 2").fill("proveedor.cuit");
    await page.getByRole("button", { name: "Agregar campo" }).click();
    await page.getByLabel("Campo del documento, fila 3").selectOption({ label: "Valor fijo…" });
    await page.getByLabel("Valor fijo, fila 3").fill("ARS");
    await page.getByLabel("Campo de destino, fila 3").fill("moneda");

    // Live preview on the uploaded document: the body that would be sent.
    const docSelect = page.getByLabel("Vista previa con el documento");
    const value = await docSelect.locator("option", { hasText: fileName }).getAttribute("value");
    await docSelect.selectOption(value!);
    const body = page.getByLabel("Cuerpo de la solicitud");
    await expect(body).toContainText(`"importe": ${invoice.truth.total}`);
    await expect(body).toContainText('"moneda": "ARS"');
    const previewed = JSON.parse((await body.textContent())!) as Record<string, unknown>;
    expect(Object.keys(previewed).sort()).toEqual(["importe", "moneda", "proveedor"]);

    // A whole-body JSONata expression cannot be shown as rows: the reason, and the text stays.
    await page.getByRole("button", { name: "JSONata (avanzado)" }).click();
    const mappingText = await page.getByLabel("Mapeo de campos (PUSH)").inputValue();
    expect(JSON.parse(mappingText)).toEqual({ importe: "total", proveedor: { cuit: "proveedor.cuit" }, moneda: "'ARS'" });
    await page.getByLabel("Mapeo de campos (PUSH)").fill(`{ "importe": $replace(total, 'a', 'b') }`);
    await page.getByRole("button", { name: "Editor visual" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "No se puede pasar al editor visual: El mapeo es una expresión JSONata completa" })).toBeVisible();
    await page.getByLabel("Mapeo de campos (PUSH)").fill(mappingText);
    await page.getByRole("button", { name: "Editor visual" }).click();
    await expect(page.getByLabel("Campo de destino, fila 3")).toHaveValue("moneda");
    await expect(body).toContainText('"moneda": "ARS"');

    // Schedule in words.
    await page.getByLabel("Programación PUSH", { exact: true }).selectOption({ label: "Todos los días" });
    await expect(page.getByLabel("Vista previa de la programación PUSH")).toContainText("Todos los días a las 8:00");
    await expect(page.getByLabel("Próximas ejecuciones de la programación PUSH").getByRole("listitem").first()).toContainText("08:00");

    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText("Conector «ERP visual» creado.")).toBeVisible();
    const card = page.getByRole("list", { name: "Conectores" }).getByRole("listitem").filter({ hasText: "ERP visual" });
    await expect(card).toContainText("PUSH programado: Todos los días a las 8:00");
    await expect(card.getByLabel("Salud de ERP visual")).toContainText("Sin probar todavía");

    // Export the uploaded document to the local receiver.
    await page.goto("/exportar");
    await page.getByLabel("Mostrar también los no revisados").check();
    await page.getByLabel("Conector", { exact: true }).selectOption({ label: "ERP visual (PUSH)" });
    await docRow.getByRole("checkbox").click();
    await page.getByRole("group", { name: /^Exportar igual / }).getByRole("button", { name: "Exportar igual" }).click();
    await page.getByLabel("Motivo para exportar sin revisar").fill("Prueba del mapeo visual");
    await page.getByRole("button", { name: "Exportar a ERP visual" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("1 exportado", { timeout: 60_000 });
    // What the ERP got is exactly what the preview showed.
    expect(erp.bodies).toEqual([previewed]);

    await page.goto("/conectores");
    const health = page.getByRole("list", { name: "Conectores" }).getByRole("listitem").filter({ hasText: "ERP visual" }).getByLabel("Salud de ERP visual");
    await expect(health).toContainText("Funciona");
    await expect(health).toContainText("Última llamada: sin error");
    await page.screenshot({ path: "test-results/connector-mapper.png", fullPage: true });
  } finally {
    await erp.close();
  }
});
