import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { generateInvoice } from "../../test/corpus/generate";

/**
 * Gives the signed-in organization at least two processed invoices (a Factura A and a Factura C),
 * so table pages show rows and the review page has a document. Uploads only when the list is empty.
 * Returns the path of one document's review page.
 */
export async function ensureDocuments(page: Page): Promise<string> {
  await page.goto("/parse");
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(table.or(page.getByText("Todavía no subiste documentos"))).toBeVisible();
  if (!(await table.isVisible())) {
    const dir = mkdtempSync(join(tmpdir(), "e2e-demo-docs-"));
    const invoices = await Promise.all([generateInvoice({ seed: 9101, format: "pdf-qr", tipoCodigo: 1 }), generateInvoice({ seed: 9102, format: "pdf-text", tipoCodigo: 11 })]);
    const paths = invoices.map((inv) => {
      const p = join(dir, inv.fileName);
      writeFileSync(p, inv.bytes);
      return p;
    });
    await page.getByTestId("upload-input").setInputFiles(paths);
    await expect(table.locator("tbody tr")).toHaveCount(2);
    await expect(table.locator('tbody tr[data-status="COMPLETED"]')).toHaveCount(2, { timeout: 60_000 });
  }
  const href = await table.locator("tbody tr").first().getByRole("link").first().getAttribute("href");
  return href!.split("?")[0]!;
}
