import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS ?? tmpdir();
const dashed = (c: string) => `${c.slice(0, 2)}-${c.slice(2, 10)}-${c.slice(10)}`;

test("Mis Comprobantes: pick the receptor CUIT and month, upload ARCA's CSV, see the missing and unknown invoices; the unknown one is flagged on its review page; the es-AR CSV and XLSX downloads", async ({ page }) => {
  test.setTimeout(150_000);
  const dir = mkdtempSync(join(tmpdir(), "e2e-mis-comprobantes-"));
  const invoice = await generateInvoice({ seed: 4242, format: "pdf-qr", tipoCodigo: 1 });
  const truth = invoice.truth;
  const pdf = join(dir, invoice.fileName);
  writeFileSync(pdf, invoice.bytes);
  const period = truth.fecha!.slice(0, 7);

  // ARCA's current CSV (per rate; `;`, decimal comma, ISO dates): one Factura C the firm never uploaded, and a row of another month
  const header = ["Fecha de Emisión", "Tipo de Comprobante", "Punto de Venta", "Número Desde", "Número Hasta", "Cód. Autorización", "Tipo Doc. Emisor", "Nro. Doc. Emisor", "Denominación Emisor", "Tipo Doc. Receptor", "Nro. Doc. Receptor", "Tipo Cambio", "Moneda", "Imp. Neto Gravado IVA 0%", "IVA 2,5%", "Imp. Neto Gravado IVA 2,5%", "IVA 5%", "Imp. Neto Gravado IVA 5%", "IVA 10,5%", "Imp. Neto Gravado IVA 10,5%", "IVA 21%", "Imp. Neto Gravado IVA 21%", "IVA 27%", "Imp. Neto Gravado IVA 27%", "Imp. Neto Gravado Total", "Imp. Neto No Gravado", "Imp. Op. Exentas", "Otros Tributos", "IVA", "Imp. Total"];
  const zeros = Array(16).fill("0,00");
  const row = (fecha: string, numero: number) => [fecha, "11", "4", String(numero), String(numero), "75111222333444", "80", "27234567891", "GÓMEZ MARÍA", "80", truth.receptorCuit!, "1,00", "PES", ...zeros, "2500,00"];
  const csv = "\uFEFF" + [header, row(`${period}-15`, 777), row("2019-01-10", 12)].map((r) => r.map((c) => `"${c}"`).join(";")).join("\r\n") + "\r\n";
  const csvPath = join(dir, "comprobantes.csv");
  writeFileSync(csvPath, csv, "utf8");
  const notArca = join(dir, "extracto.csv");
  writeFileSync(notArca, "Fecha;Concepto;Importe\r\n01/09/2026;Transferencia;1000,00\r\n", "utf8");

  await signUp(page, { name: "Carla Conciliadora", email: uniqueEmail("miscomp"), password: "clave-segura-miscomp-1" });
  await createTenant(page, "Estudio Conciliación E2E");
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  await nav.getByRole("link", { name: /^Documentos/ }).click();
  await page.getByTestId("upload-input").setInputFiles([pdf]);
  await expect(page.getByRole("list", { name: "Archivos subidos" }).getByTestId("upload-state").filter({ hasText: /Procesado/ })).toHaveCount(1, { timeout: 90_000 });

  await nav.getByRole("link", { name: "Mis Comprobantes" }).click();
  await expect(page).toHaveURL(/\/mis-comprobantes$/);
  const form = page.getByRole("form", { name: "Importar «Mis Comprobantes Recibidos»" });
  await form.getByLabel("CUIT del cliente (receptor)").selectOption(truth.receptorCuit!);
  await expect(form.getByLabel("CUIT del cliente (receptor)")).toContainText(dashed(truth.receptorCuit!));
  await form.getByLabel("Mes").fill(period);

  // A file that is not from ARCA: refused, naming the columns expected
  await form.getByLabel("Archivo de ARCA").setInputFiles(notArca);
  await form.getByRole("button", { name: "Importar y conciliar" }).click();
  await expect(form.getByRole("alert")).toContainText("No reconocemos «extracto.csv»");
  await expect(form.getByRole("alert")).toContainText("Nro. Doc. Emisor");

  await form.getByLabel("Archivo de ARCA").setInputFiles(csvPath);
  await form.getByRole("button", { name: "Importar y conciliar" }).click();
  const result = page.getByTestId("mc-result");
  await expect(result).toContainText("«comprobantes.csv» · formato por alícuota (desde septiembre de 2025) · 1 comprobante de ARCA en el mes");
  await expect(result).toContainText("Se ignoró 1 fila de otro mes.");
  const missing = page.getByTestId("mc-missing");
  await expect(missing.locator("tbody tr")).toHaveCount(1);
  await expect(missing).toContainText("GÓMEZ MARÍA");
  await expect(missing).toContainText("Factura C 00004-00000777");
  await expect(missing).toContainText("$ 2.500,00");
  const unknown = page.getByTestId("mc-unknown");
  await expect(unknown.locator("tbody tr")).toHaveCount(1);
  await expect(unknown.getByRole("link", { name: invoice.fileName })).toBeVisible();
  await expect(page.getByTestId("mc-count-missing")).toContainText("1");
  await expect(page.getByTestId("mc-count-unknown")).toContainText("1");
  await expect(page.getByTestId("mc-count-matched")).toContainText("0");
  await expect(page.getByRole("figure", { name: "Conciliación del mes" }).locator(".recharts-bar-rectangle")).not.toHaveCount(0);
  await page.screenshot({ path: join(SHOTS, "e2e-mis-comprobantes.png"), fullPage: true });

  // The unknown invoice carries the reason on its review page, with a link back to this reconciliation
  await unknown.getByRole("link", { name: invoice.fileName }).click();
  const reasons = page.getByTestId("review-reasons");
  await expect(reasons).toContainText(`No figura en Mis Comprobantes de ARCA (CUIT ${dashed(truth.receptorCuit!)}, ${period.slice(5)}/${period.slice(0, 4)})`);
  const reviewUrl = page.url();
  await reasons.getByRole("link", { name: "Ver la conciliación" }).click();
  await expect(page).toHaveURL(/\/mis-comprobantes\?import=/);
  await expect(page.getByTestId("mc-unknown").locator("tbody tr")).toHaveCount(1);

  // A paper invoice, say: the accountant accepts the warning and marks it reviewed; the es-AR downloads carry the state
  await page.goto(reviewUrl);
  await page.getByLabel(/^Revisé .* y el documento está bien igual$/).check();
  await page.getByRole("button", { name: "Marcar como revisado" }).click();
  await expect(page.getByText("Documento marcado como revisado.")).toBeVisible();
  await nav.getByRole("link", { name: "Exportar" }).click();
  await page.locator("tr[data-document-id] input[type=checkbox]").first().check();
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Descargar CSV" }).click()]);
  const csvBytes = readFileSync((await csvDownload.path())!);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [head, line] = csvBytes.subarray(3).toString("utf8").split("\r\n");
  const cells = Object.fromEntries(head!.split(";").map((h, i) => [h, line!.split(";")[i]]));
  expect(cells).toMatchObject({ fecha: `${truth.fecha!.slice(8, 10)}/${truth.fecha!.slice(5, 7)}/${truth.fecha!.slice(0, 4)}`, proveedor_cuit: dashed(truth.proveedorCuit!), receptor_cuit: dashed(truth.receptorCuit!), total: truth.total!.toFixed(2).replace(".", ","), estado_revision: "Revisado" });
  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Descargar Excel (XLSX)" }).click()]);
  expect(xlsxDownload.suggestedFilename()).toMatch(/^documentos-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsxDownload.path())!);
  const ws = wb.getWorksheet("Documentos")!;
  const columns = (ws.getRow(1).values as unknown[]).slice(1);
  expect(ws.getRow(2).getCell(columns.indexOf("total") + 1).value).toBe(truth.total);
  expect(ws.getRow(2).getCell(columns.indexOf("estado_revision") + 1).value).toBe("Revisado");
});
