import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { unzipSync } from "fflate";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, markThisReviewed, signUp, uniqueEmail } from "./helpers";

/**
 * Clients and the Libro IVA Digital in a real browser: two uploaded invoices suggest their
 * receptors as clients; one is confirmed; on «Libro IVA» the client's month shows its pre-flight
 * (the invoice is not reviewed, with a link to fix it); fixed on the review page, the month is
 * ready, the background generation shows progress and the zip downloads with both files and the
 * summary — the CBTE record read at the brief's positions.
 */
test("pick a client and a month, see the pre-flight, fix a document, download the Libro IVA zip", async ({ page }) => {
  test.setTimeout(240_000);
  const mine = await generateInvoice({ seed: 9203, format: "pdf-qr", tipoCodigo: 1 });
  const other = await generateInvoice({ seed: 9205, format: "pdf-qr", tipoCodigo: 1 });
  const cuit = mine.truth.receptorCuit!;
  const dashed = `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
  const period = mine.truth.fecha!.slice(0, 7);

  await signUp(page, { name: "Carla Libro", email: uniqueEmail("libro"), password: "clave-segura-2026" });
  await createTenant(page, "Estudio Libro");
  await page.goto("/parse");
  await page.getByTestId("upload-input").setInputFiles([
    { name: "andes.pdf", mimeType: "application/pdf", buffer: Buffer.from(mine.bytes) },
    { name: "salesiana.pdf", mimeType: "application/pdf", buffer: Buffer.from(other.bytes) },
  ]);
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(async () => {
    await page.reload();
    for (const f of ["andes.pdf", "salesiana.pdf"]) await expect(table.getByRole("link", { name: f })).toHaveText(/\d{4,5}-\d{8}/, { timeout: 2_000 });
  }).toPass({ timeout: 120_000 });

  // Suggested from the receptor CUITs; confirm one.
  await page.goto("/clientes");
  await expect(page.getByRole("heading", { name: "Clientes sugeridos" })).toBeVisible();
  await page.getByRole("button", { name: `Confirmar como cliente: ${dashed}` }).click();
  await expect(page.getByText(/como cliente\.$/)).toBeVisible();
  const clients = page.getByRole("table", { name: "Clientes" });
  await expect(clients.getByRole("row").filter({ hasText: dashed })).toContainText("Ver 1 comprobante");

  // The client selector on Documentos narrows the list to that client's invoice.
  await page.goto(`/parse?cliente=${cuit}`);
  await expect(table.getByRole("link", { name: "andes.pdf" })).toBeVisible();
  await expect(table.getByRole("link", { name: "salesiana.pdf" })).toHaveCount(0);

  // Libro IVA: client + month → the pre-flight lists the unreviewed invoice with a link to fix it.
  await page.goto("/libro-iva");
  await page.getByLabel("Cliente", { exact: true }).selectOption({ label: `${mine.truth.receptorNombre} (${dashed})` });
  await page.getByLabel("Período", { exact: true }).fill(period);
  const blockers = page.getByRole("list", { name: "Problemas que impiden generar" });
  await expect(blockers.getByRole("listitem")).toHaveCount(1);
  await expect(blockers).toContainText("Falta marcarlo como revisado");
  await expect(page.getByRole("button", { name: "Generar libro" })).toBeDisabled();

  await blockers.getByRole("link", { name: "Corregir" }).click();
  await expect(page.getByRole("form", { name: "Datos extraídos" })).toBeVisible();
  await markThisReviewed(page);

  // Back: the same client and month, now ready.
  await page.goBack();
  await expect(page.getByText("Todo listo: los comprobantes están revisados y completos.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Resumen" })).toContainText("Alícuota");
  await page.getByRole("button", { name: "Generar libro" }).click();
  const link = page.getByRole("link", { name: /Descargar zip/ });
  await expect(link).toBeVisible({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`libro-iva-compras-${cuit}-${period.replace("-", "")}.zip`);
  const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const compact = period.replace("-", "");
  expect(Object.keys(zip).sort()).toEqual([`LIBRO_IVA_DIGITAL_COMPRAS_ALICUOTAS_${compact}.txt`, `LIBRO_IVA_DIGITAL_COMPRAS_CBTE_${compact}.txt`, "RESUMEN.txt"]);
  const cbte = Buffer.from(zip[`LIBRO_IVA_DIGITAL_COMPRAS_CBTE_${compact}.txt`]!).toString("latin1");
  expect(cbte.endsWith("\r\n")).toBe(true);
  const record = cbte.slice(0, -2);
  expect(record).toHaveLength(325);
  // Brief §3: fecha 1–8, tipo 9–11, PV 12–16, número 17–36, vendor CUIT 55–74, total 105–119, cantidad 238.
  expect(record.slice(0, 8)).toBe(mine.truth.fecha!.replace(/-/g, ""));
  expect(record.slice(8, 11)).toBe("001");
  expect(Number(record.slice(11, 16))).toBe(mine.truth.puntoVenta);
  expect(Number(record.slice(16, 36))).toBe(mine.truth.numero);
  expect(record.slice(54, 74)).toBe(mine.truth.proveedorCuit!.padStart(20, "0"));
  expect(Number(record.slice(104, 119))).toBe(Math.round(mine.truth.total! * 100));
  expect(record.slice(237, 238)).toBe("1");
  const alicuotas = Buffer.from(zip[`LIBRO_IVA_DIGITAL_COMPRAS_ALICUOTAS_${compact}.txt`]!).toString("latin1");
  expect(alicuotas.split("\r\n").filter(Boolean).map((l) => l.length)).toEqual([84]);
  expect(Buffer.from(zip["RESUMEN.txt"]!).toString("utf8")).toContain("Comprobantes: 1");
});
