import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, markReviewed, signUp, uniqueEmail } from "./helpers";

/**
 * The export guard in a real browser: the export page offers only reviewed documents, shows
 * the review state of the others, refuses the duplicate pair (not selectable, with the reason),
 * exports a not-reviewed one only through «exportar igual» — whose reason appears in the export
 * history — and with two PUSH connectors the connector shown is the one selected and exports.
 * Documents become REVIEWED through the review page's «Marcar como revisado».
 */

/** Two ERPs on loopback: POST /uno/facturas and /dos/facturas. */
async function startErps() {
  const received: { erp: string; key: string; body: Record<string, unknown> }[] = [];
  const state = { unavailable: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const m = /^\/(uno|dos)\/facturas$/.exec(req.url ?? "");
      if (req.method !== "POST" || !m) return res.writeHead(404).end();
      if (state.unavailable > 0) {
        state.unavailable--;
        return res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ message: "ERP en mantenimiento" }));
      }
      received.push({ erp: m[1]!, key: String(req.headers["idempotency-key"]), body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> });
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: `${m[1]!.toUpperCase()}-${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function createPushConnector(page: Page, name: string, baseUrl: string) {
  await page.goto("/conectores");
  await page.getByRole("button", { name: "Nuevo conector" }).click();
  // «Nuevo conector» opens the preset gallery first
  await page.getByRole("button", { name: "Personalizado (avanzado)" }).click();
  await page.getByLabel("Nombre", { exact: true }).fill(name);
  await page.getByLabel("Dirección").selectOption("PUSH");
  await page.getByLabel("URL base").fill(baseUrl);
  await page.getByLabel("Ruta de destino").fill("/facturas");
  await page.getByRole("button", { name: "Crear conector" }).click();
  await expect(page.getByText(`Conector «${name}» creado.`)).toBeVisible();
}

test("the export page offers only reviewed documents, refuses the duplicate, exports a flagged one only through «exportar igual», and the shown connector is the selected one", async ({ page }) => {
  test.setTimeout(240_000);
  const reviewed = await generateInvoice({ seed: 8101, format: "pdf-qr", tipoCodigo: 1 });
  // The same comprobante (issuer CUIT + type + PV + number) in two different files.
  const twinA = await generateInvoice({ seed: 8102, format: "pdf-qr", tipoCodigo: 1, qrStyle: "image" });
  const twinB = await generateInvoice({ seed: 8102, format: "pdf-qr", tipoCodigo: 1, qrStyle: "vector" });
  const flagged = await generateInvoice({ seed: 8103, format: "pdf-text", tipoCodigo: 6 });
  const files = [
    { name: "revisada.pdf", doc: reviewed },
    { name: "gemela-a.pdf", doc: twinA },
    { name: "gemela-b.pdf", doc: twinB },
    { name: "marcada.pdf", doc: flagged },
  ];
  const erps = await startErps();
  try {
    await signUp(page, { name: "Julia Revisora", email: uniqueEmail("guardia"), password: "clave-segura-2026" });
    await createTenant(page, "Estudio Guardia");
    // Two PUSH connectors: before the fix the dropdown showed one that was not selected.
    await createPushConnector(page, "ERP Uno", `${erps.url}/uno`);
    await createPushConnector(page, "ERP Dos", `${erps.url}/dos`);

    await page.goto("/parse");
    // All four at once. Wait on each item's state, not its text: «Subido: se está procesando…»
    // turns into «Procesado…» when a parse ends, which can happen before the last upload answers
    // (the tray uploads 3 at a time) — counting «Subido» then never reaches 4.
    const tray = page.getByRole("list", { name: "Archivos subidos" });
    await page.getByTestId("upload-input").setInputFiles(files.map((f) => ({ name: f.name, mimeType: "application/pdf", buffer: Buffer.from(f.doc.bytes) })));
    await expect(tray.locator('[data-state="done"]')).toHaveCount(4, { timeout: 30_000 });
    const table = page.getByRole("table", { name: "Documentos" });
    await expect(async () => {
      await page.reload();
      for (const f of files) await expect(table.getByRole("link", { name: f.name })).toHaveText(/\d{4,5}-\d{8}/, { timeout: 2_000 });
    }).toPass({ timeout: 120_000 });

    await markReviewed(page, "revisada.pdf");

    // Only the reviewed document is offered by default.
    await page.goto("/exportar");
    const rows = page.getByRole("table").locator("tbody tr[data-document-id]");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Revisado");

    // Two PUSH connectors: the one shown is the one selected, and "Exportar" works at once.
    const connector = page.getByLabel("Conector", { exact: true });
    await expect(connector.locator("option")).toHaveText(["ERP Dos (PUSH)", "ERP Uno (PUSH)"]);
    await expect(connector).not.toHaveValue("");
    await expect(connector.locator("option:checked")).toHaveText("ERP Dos (PUSH)");
    await rows.first().getByRole("checkbox").check();
    await page.getByRole("button", { name: "Exportar a ERP Dos" }).click();
    await expect(page.getByRole("heading", { name: "Exportación a ERP Dos" })).toBeVisible();
    const results = page.getByRole("list", { name: "Resultado por documento" });
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("1 exportado · 0 con error", { timeout: 60_000 });
    await expect(results.locator('[data-status="SUCCESS"]')).toHaveCount(1);
    expect(erps.received.map((r) => r.erp)).toEqual(["dos"]);

    // The others, on request: each with its review state; the duplicate pair cannot be selected.
    await page.getByLabel("Mostrar también los no revisados").check();
    await expect(rows).toHaveCount(4);
    const twins = rows.filter({ hasText: "No se puede exportar" });
    await expect(twins).toHaveCount(2);
    for (const row of await twins.all()) {
      await expect(row.getByRole("checkbox")).toBeDisabled();
      await expect(row).toContainText(/Posible duplicado de .+: descartá uno o marcá «no es duplicado»\./);
    }

    // The flagged one alone: selecting it asks for «exportar igual»; the export needs a reason.
    await rows.filter({ hasText: "Revisado" }).getByRole("checkbox").uncheck();
    const flaggedRow = rows.filter({ hasNotText: "No se puede exportar" }).filter({ hasNotText: "Revisado" });
    await expect(flaggedRow).toHaveCount(1);
    await expect(flaggedRow).toContainText(/Revisar|Sin revisar/);
    await flaggedRow.getByRole("checkbox").click();
    const confirm = page.getByRole("group", { name: /^Exportar igual / });
    await expect(confirm).toContainText("no está revisado. ¿Exportarlo igual?");
    await page.screenshot({ path: "/tmp/export-exportar-confirm.png", fullPage: true });
    await confirm.getByRole("button", { name: "Exportar igual" }).click();
    await expect(flaggedRow.getByRole("checkbox")).toBeChecked();
    await expect(page.getByText("Vas a exportar 1 documento sin revisar")).toBeVisible();
    await connector.selectOption({ label: "ERP Uno (PUSH)" });
    const exportButton = page.getByRole("button", { name: "Exportar a ERP Uno" });
    await expect(exportButton).toBeDisabled();
    await page.getByLabel("Motivo para exportar sin revisar").fill("El cliente lo necesita hoy");
    await exportButton.click();
    await expect(page.getByRole("heading", { name: "Exportación a ERP Uno" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("1 exportado · 0 con error", { timeout: 60_000 });
    await expect(results).toContainText(/Exportado igual \(estaba «(Revisar|Sin revisar)»\)/);
    expect(erps.received.map((r) => r.erp)).toEqual(["dos", "uno"]);
    expect(erps.received[1]!.body).toMatchObject({ numeroComprobante: flagged.truth.numero });

    // The export history records the override: who, how many, why.
    const history = page.getByRole("list", { name: "Historial de exportaciones" });
    const last = history.getByRole("listitem").first();
    await expect(last).toContainText("ERP Uno");
    await expect(last).toContainText("Completada");
    await expect(last).toContainText("por Julia Revisora");
    await expect(last).toContainText("Exportar igual: 1 sin revisar · motivo: «El cliente lo necesita hoy»");
    await expect(history.getByRole("listitem").nth(1)).not.toContainText("Exportar igual");
    await page.screenshot({ path: "/tmp/export-exportar.png", fullPage: true });

    // An ERP answering 503: the document says which retry, in how long and why, live; then it goes.
    erps.state.unavailable = 1;
    await flaggedRow.getByRole("checkbox").uncheck();
    await rows.filter({ hasText: "Revisado" }).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Exportar a ERP Uno" }).click();
    await expect(results.getByTestId("retry-status")).toContainText(/^Reintento 1\/4 en \d+ s: El sistema externo respondió 503 \(error del servidor\): ERP en mantenimiento$/, { timeout: 30_000 });
    await page.screenshot({ path: "/tmp/export-retry.png", fullPage: true });
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("1 exportado · 0 con error", { timeout: 60_000 });
    await expect(results.getByTestId("retry-status")).toHaveCount(0);
    expect(erps.received.map((r) => r.erp)).toEqual(["dos", "uno", "uno"]);

    // The panel: documents to review, exported documents (not calls), no "de éxito" while some need review.
    await page.goto("/panel");
    const todo = page.getByRole("region", { name: "Para revisar" });
    await expect(todo).toContainText(/con motivos para revisar/);
    await expect(page.getByRole("region", { name: "Exportaciones" })).toContainText("2 documentos exportados · 0 con error");
    const documents = page.getByRole("region", { name: "Documentos" });
    await expect(documents).toContainText("leídos sin problemas");
    await expect(documents).not.toContainText("de éxito");
    await page.screenshot({ path: "/tmp/export-panel.png", fullPage: true });
  } finally {
    await erps.close();
  }
});
