import { expect, test } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

/**
 * Nothing is lost in the upload tray: 4 files chosen at once, twice in a row, then 8 at once (more
 * than the tray's 3 parallel uploads, so some wait in its queue) — every file ends in the tray as
 * uploaded with its own link, none stays queued or in error, and the list holds exactly one
 * document per file, each processed. (An earlier run saw the fourth of four without a document.)
 */
test("4 files at once twice, then 8 at once: every file becomes exactly one document", async ({ page }) => {
  test.setTimeout(240_000);
  const batches = await Promise.all(
    [4, 4, 8].map((n, b) =>
      Promise.all(Array.from({ length: n }, (_, i) => generateInvoice({ seed: 9500 + b * 10 + i, format: "pdf-qr", tipoCodigo: 1 }).then((d) => ({ name: `lote${b + 1}-${i + 1}.pdf`, bytes: d.bytes })))),
    ),
  );

  await signUp(page, { name: "Lola Lotes", email: uniqueEmail("lotes"), password: "clave-segura-lotes-1" });
  await createTenant(page, "Estudio Lotes");
  await page.goto("/parse");
  const tray = page.getByRole("list", { name: "Archivos subidos" });

  let total = 0;
  for (const batch of batches) {
    await page.getByTestId("upload-input").setInputFiles(batch.map((f) => ({ name: f.name, mimeType: "application/pdf", buffer: Buffer.from(f.bytes) })));
    total += batch.length;
    await expect(tray.getByRole("listitem")).toHaveCount(total);
    // Every file of the batch ends uploaded (its parse may already be over: the text changes, the state stays).
    for (const f of batch) {
      const item = tray.getByRole("listitem").filter({ hasText: f.name });
      await expect(item).toHaveCount(1);
      await expect(item).toHaveAttribute("data-state", "done", { timeout: 30_000 });
      await expect(item.getByRole("link", { name: "Ver" })).toHaveAttribute("href", /^\/parse\/[^/]+$/);
    }
    await expect(page.getByText(`${total} de ${total} subidos`, { exact: true })).toBeVisible();
  }
  await expect(tray.locator('[data-state="queued"], [data-state="uploading"], [data-state="error"], [data-state="duplicate"]')).toHaveCount(0);
  const links = await tray.getByRole("link", { name: "Ver" }).evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(new Set(links).size).toBe(16);

  // The list: exactly one document per file, each processed.
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(async () => {
    await page.reload();
    await expect(table.locator("tbody tr")).toHaveCount(16, { timeout: 2_000 });
    await expect(table.locator('tbody tr[data-status="COMPLETED"]')).toHaveCount(16, { timeout: 2_000 });
  }).toPass({ timeout: 150_000 });
  for (const f of batches.flat()) await expect(table.getByRole("link", { name: f.name })).toHaveCount(1);
});

test("a batch bigger than the tray (203 files): the last ones are neither hidden nor lost — each shows its result", async ({ page }) => {
  test.setTimeout(240_000);
  const invoice = await generateInvoice({ seed: 9600, format: "pdf-qr", tipoCodigo: 1 });
  const fake = Buffer.from("Hola, esto no es un PDF.\n".repeat(20));
  const files = [
    ...Array.from({ length: 202 }, (_, i) => ({ name: `falsa-${String(i + 1).padStart(3, "0")}.pdf`, mimeType: "application/pdf", buffer: fake })),
    { name: "la-ultima.pdf", mimeType: "application/pdf", buffer: Buffer.from(invoice.bytes) },
  ];

  await signUp(page, { name: "Gran Lote", email: uniqueEmail("granlote"), password: "clave-segura-lotes-2" });
  await createTenant(page, "Estudio Gran Lote");
  await page.goto("/parse");
  const tray = page.getByRole("list", { name: "Archivos subidos" });
  await page.getByTestId("upload-input").setInputFiles(files);
  await expect(tray.getByRole("listitem")).toHaveCount(203);
  await expect(page.getByText("1 de 203 subidos", { exact: true })).toBeVisible({ timeout: 180_000 });
  await expect(tray.locator('[data-state="error"]')).toHaveCount(202);
  for (const name of ["falsa-001.pdf", "falsa-201.pdf", "falsa-202.pdf"]) {
    await expect(tray.getByRole("alert").filter({ hasText: `«${name}» no es un PDF ni una imagen JPEG o PNG` })).toHaveCount(1);
  }
  await expect(tray.getByRole("listitem").filter({ hasText: "la-ultima.pdf" })).toHaveAttribute("data-state", "done");

  const table = page.getByRole("table", { name: "Documentos" });
  await expect(async () => {
    await page.reload();
    await expect(table.locator("tbody tr")).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(table.getByRole("link", { name: "la-ultima.pdf" })).toHaveCount(1);
});
