import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

/** An ERP on loopback: POST /facturas (422 for one invoice number), GET /proveedores (one invalid CUIT). */
async function startErp(rejectNumero: number) {
  const invoices: { key: string; body: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const json = (status: number, body: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
      if (req.method === "POST" && req.url === "/api/facturas") {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
        if (body.numeroComprobante === rejectNumero) return json(422, { message: "Proveedor desconocido en el ERP" });
        invoices.push({ key: String(req.headers["idempotency-key"]), body });
        return json(201, { id: `ERP-${invoices.length}` });
      }
      if (req.method === "GET" && req.url?.startsWith("/api/proveedores")) {
        return json(200, {
          items: [
            { codigo: "P1", cuit: "20123456786", nombre: "Papelera Norte SA" },
            { codigo: "P2", cuit: "30712345671", nombre: "Insumos del Sur SRL" },
            { codigo: "P3", cuit: "27123456780", nombre: "Gómez Lucía" },
            { codigo: "P4", cuit: "30-11111111-1", nombre: "CUIT mal cargado SA" },
          ],
        });
      }
      json(404, { error: "no existe" });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`, invoices, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("export three uploaded invoices to a PUSH connector, see each result and the refreshed list; PULL sync with staged records; a schedule with next runs", async ({ page }) => {
  test.setTimeout(240_000);
  const docs = await Promise.all([11, 22, 33].map((seed) => generateInvoice({ seed: 7100 + seed, format: "pdf-qr", tipoCodigo: 1 })));
  const erp = await startErp(docs[2]!.truth.numero!);
  try {
    // A fresh organization: the demo one collects documents and connectors from other specs.
    await signUp(page, { name: "Eva Exportadora", email: uniqueEmail("exporta"), password: "clave-segura-1" });
    await createTenant(page, "Estudio Exportaciones E2E");

    // A bidirectional connector: PUSH to /facturas, PULL from /proveedores.
    await page.goto("/conectores");
    await page.getByRole("button", { name: "Nuevo conector" }).click();
    // «Nuevo conector» opens the preset gallery first
    await page.getByRole("button", { name: "Personalizado (avanzado)" }).click();
    await page.getByLabel("Nombre", { exact: true }).fill("ERP e2e");
    await page.getByLabel("Dirección").selectOption("BIDIRECTIONAL");
    await page.getByLabel("URL base").fill(erp.url);
    await page.getByLabel("Ruta de destino").fill("/facturas");
    await page.getByLabel("Ruta de origen").fill("/proveedores");
    await page.getByLabel("Ruta de los registros").fill("items");
    await page.getByLabel("Campo id del registro").fill("codigo");
    await page.getByLabel("Mapeo de campos (PULL)").fill('{ "cuit": "cuit", "razonSocial": "nombre" }');
    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText("Conector «ERP e2e» creado.")).toBeVisible();

    // Three invoices uploaded through /parse and processed.
    await page.goto("/parse");
    await page.getByTestId("upload-input").setInputFiles(docs.map((d, i) => ({ name: `factura-e2e-${i + 1}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(d.bytes) })));
    await expect(page.getByRole("list", { name: "Archivos subidos" }).getByRole("listitem")).toHaveCount(3, { timeout: 30_000 });

    await page.goto("/exportar");
    await expect(page.getByRole("heading", { name: "Exportar", level: 1 })).toBeVisible();
    // Nobody reviewed them: they are offered only on request, and go through «exportar igual» (e2e/export-guard.spec.ts covers the guard).
    const rows = page.getByRole("table").locator("tbody tr[data-document-id]");
    await expect(async () => {
      await page.reload();
      await page.getByLabel("Mostrar también los no revisados").check();
      await expect(rows).toHaveCount(3, { timeout: 2_000 });
    }).toPass({ timeout: 120_000 });
    const connectorSelect = page.getByLabel("Conector", { exact: true });
    await expect(connectorSelect.locator("option")).toHaveText(["ERP e2e (Bidireccional)"]);
    for (let i = 0; i < 3; i++) {
      await rows.nth(i).getByRole("checkbox").click();
      await page.getByRole("group", { name: /^Exportar igual / }).getByRole("button", { name: "Exportar igual" }).click();
    }
    await expect(page.getByText("3 seleccionados")).toBeVisible();
    await page.getByLabel("Motivo para exportar sin revisar").fill("Prueba de punta a punta");
    await page.getByRole("button", { name: "Exportar a ERP e2e" }).click();

    const results = page.getByRole("list", { name: "Resultado por documento" });
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("2 exportados · 1 con error · 0 omitidos", { timeout: 60_000 });
    await expect(results.locator('[data-status="SUCCESS"]')).toHaveCount(2);
    await expect(results.locator('[data-status="FAILED"]')).toContainText("El sistema externo respondió 422: Proveedor desconocido en el ERP");
    await expect(rows.filter({ hasText: "ID externo ERP-" })).toHaveCount(2);
    await expect(rows.filter({ hasText: "Sin exportar" })).toHaveCount(1);
    expect(erp.invoices).toHaveLength(2);
    expect(new Set(erp.invoices.map((i) => i.key)).size).toBe(2);
    await page.screenshot({ path: "/tmp/e2e-exportar.png", fullPage: true });

    // Again: the two exported ones are skipped and offer "Forzar".
    await page.getByRole("button", { name: "Exportar a ERP e2e" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("0 exportados · 1 con error · 2 omitidos", { timeout: 60_000 });
    await expect(results.getByRole("button", { name: "Forzar" })).toHaveCount(2);

    // PULL: staged and imported counts.
    await page.goto("/sync-admin");
    await page.getByRole("button", { name: "Sincronizar ERP e2e ahora" }).click();
    const run = page.getByRole("table", { name: "Sincronizaciones" }).locator("tbody tr").first();
    await expect(run).toContainText("Parcial", { timeout: 60_000 });
    await expect(run.getByLabel("Importados")).toHaveText("3");
    await expect(run.getByLabel("En revisión")).toHaveText("1");
    await expect(page.getByRole("listitem", { name: "Registro P4" })).toContainText("CUIT inválido (30-11111111-1)");
    await page.screenshot({ path: "/tmp/e2e-sync.png", fullPage: true });

    // A schedule, and its next run times.
    await page.goto("/conectores");
    await page.getByRole("button", { name: "Editar ERP e2e" }).click();
    await page.getByLabel("Programación PULL", { exact: true }).selectOption({ label: "Avanzado (expresión cron)" });
    await page.getByLabel("Programación PULL (cron)").fill("0 8 * * 1-5");
    await expect(page.getByRole("list", { name: "Próximas ejecuciones de la programación PULL" }).getByRole("listitem")).toHaveCount(3);
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(page.getByText("Cambios guardados en «ERP e2e».")).toBeVisible();
    await page.goto("/sync-admin");
    await expect(page.getByRole("list", { name: "Próximas ejecuciones de la sincronización de ERP e2e" }).getByRole("listitem")).toHaveCount(3);
    await expect(page.getByText("De lunes a viernes a las 8:00")).toBeVisible();
  } finally {
    await erp.close();
  }
});
