import { expect, test } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { startFakeAlegra } from "../test/support/fake-erps/alegra";
import { createTenant, markReviewed, signUp, uniqueEmail, uploadParsed } from "./helpers";

/**
 * The Alegra preset in a real browser against the fake Alegra (test/support/fake-erps): an admin
 * picks Alegra in the «Nuevo conector» gallery, types only the e-mail and token (and the fake's
 * URL in place of Alegra's), picks the category and the IVA tax from lists fetched from Alegra,
 * maps one more field in the visual editor with a live preview on the reviewed document, and
 * exports it; Alegra receives the bill with the picked ids, the mapped field and a provider
 * created by CUIT, and the card's health badge turns to «Funciona». Then the account data is
 * changed on the saved connector (an empty required id refused on its field, another category
 * picked from Alegra's list with the saved credentials) and stays changed after a reload.
 */
test("an admin creates an Alegra connector from the gallery, picking ids from Alegra's lists, maps a field visually with live preview, exports a reviewed document, and sees its health", async ({ page }) => {
  test.setTimeout(240_000);
  const invoice = await generateInvoice({ seed: 9191, format: "pdf-qr", tipoCodigo: 1 });
  const alegra = await startFakeAlegra({ email: "ana@estudio.com.ar", token: "tok-alegra-e2e-1234" });
  try {
    await signUp(page, { name: "Ana Contadora", email: uniqueEmail("presets"), password: "clave-segura-2026" });
    await createTenant(page, "Estudio Presets");

    await page.goto("/conectores");
    await page.getByRole("button", { name: "Nuevo conector" }).click();
    const gallery = page.getByRole("list", { name: "Elegí el sistema" });
    await expect(gallery.getByRole("listitem").filter({ hasText: "Alegra" })).toContainText("Según documentación pública");
    await gallery.getByRole("button", { name: "Usar Alegra" }).click();

    await page.getByLabel("E-mail de la cuenta de Alegra").fill("ana@estudio.com.ar");
    await page.getByLabel("Token de la API").fill("tok-alegra-e2e-1234");
    await page.getByLabel("URL de la API (cambiala solo para un entorno de prueba)").fill(alegra.baseUrl);
    await page.getByRole("button", { name: "Traer de Alegra: Categoría contable (cuenta de compras)" }).click();
    await page.getByRole("combobox", { name: "Categoría contable (cuenta de compras)" }).selectOption({ label: "Compras de mercadería" });
    await page.getByRole("button", { name: "Traer de Alegra: Impuesto de Alegra por alícuota de IVA" }).click();
    for (const [rate, label] of [["21", "IVA 21% (21%)"], ["10.5", "IVA 10.5% (10.5%)"], ["27", "IVA 27% (27%)"]] as const) {
      await page.getByRole("combobox", { name: `IVA ${rate} %`, exact: true }).selectOption({ label });
    }
    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText("Conector «Alegra» creado.", { exact: false })).toBeVisible();
    // The lists came from Alegra with the typed credentials.
    expect(alegra.requests.filter((r) => r.path === "/api/v1/categories" || r.path === "/api/v1/taxes")).toHaveLength(2);

    await uploadParsed(page, [{ name: "factura.pdf", bytes: invoice.bytes }]);
    await markReviewed(page, "factura.pdf");

    // The preset's mapping opens row by row in the visual editor; one more field is mapped
    // visually and previewed live on the reviewed document with the picked ids.
    await page.goto("/conectores");
    const card = page.getByRole("list", { name: "Conectores" }).getByRole("listitem").filter({ hasText: "Alegra" });
    await expect(card.getByLabel("Salud de Alegra")).toContainText("Sin probar todavía");
    await page.getByRole("button", { name: "Editar Alegra" }).click();
    await expect(page.getByRole("button", { name: "Editor visual" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByLabel("Campo de destino, fila 1")).toHaveValue("date");
    await expect(page.getByLabel("Campo de destino, fila 5")).toHaveValue("purchases.categories");
    await expect(page.getByLabel("Expresión, fila 5")).toHaveValue(/\$params\.categoriaId/);
    await page.getByRole("button", { name: "Agregar campo" }).click();
    await page.getByLabel("Campo del documento, fila 7").selectOption("total");
    await page.getByLabel("Campo de destino, fila 7").fill("total");
    const body = page.getByLabel("Cuerpo de la solicitud");
    await expect(body).toContainText(`"total": ${invoice.truth.total}`);
    await expect(body).toContainText('"id": 5064');
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(page.getByText("Cambios guardados en «Alegra».")).toBeVisible();

    await page.goto("/exportar");
    const rows = page.getByRole("table").locator("tbody tr[data-document-id]");
    await expect(rows).toHaveCount(1);
    await rows.first().getByRole("checkbox").check();
    await page.getByRole("button", { name: "Exportar a Alegra" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("1 exportado · 0 con error", { timeout: 60_000 });

    expect(alegra.bills).toHaveLength(1);
    const bill = alegra.bills[0]!.body as { provider: { id: number }; purchases: { categories: { id: number; price: number; tax: { id: number }[] }[] }; date: string };
    const provider = alegra.contacts.find((c) => c.identificationObject.number === (invoice.truth.proveedorCuit ?? "").replace(/\D/g, ""))!;
    expect(provider.type).toEqual(["provider"]);
    expect(bill.provider).toEqual({ id: provider.id });
    expect(bill.date).toBe(invoice.truth.fecha);
    // Seed 9191 is a Factura A with IVA 10,5 %: the tax picked for 10,5 % (Alegra id 4).
    expect(invoice.truth.iva).toEqual([expect.objectContaining({ rate: 10.5 })]);
    expect(bill.purchases.categories).toEqual([expect.objectContaining({ id: 5064, price: invoice.truth.iva?.[0]?.base, quantity: 1, tax: [{ id: 4 }] })]);
    // The field mapped visually went out too.
    expect((alegra.bills[0]!.body as { total?: number }).total).toBe(invoice.truth.total);

    // The card shows the connector's health from its recent calls.
    await page.goto("/conectores");
    const health = page.getByRole("list", { name: "Conectores" }).getByRole("listitem").filter({ hasText: "Alegra" }).getByLabel("Salud de Alegra");
    await expect(health).toContainText("Funciona");

    // The account data changes later without recreating the connector: a required one left empty
    // is refused on its field; another category picked from Alegra's list (saved credentials) is kept.
    await page.getByRole("button", { name: "Editar Alegra" }).click();
    const account = page.getByRole("form", { name: "Datos de tu cuenta en Alegra" });
    const category = account.getByLabel("Categoría contable (cuenta de compras)");
    await expect(category).toHaveValue("5064");
    await category.fill("");
    await account.getByRole("button", { name: "Guardar datos de la cuenta" }).click();
    await expect(account.getByText("Completá «Categoría contable (cuenta de compras)».")).toBeVisible();
    await account.getByRole("button", { name: "Traer de Alegra: Categoría contable (cuenta de compras)" }).click();
    await account.getByRole("combobox", { name: "Categoría contable (cuenta de compras)" }).selectOption({ label: "Servicios contratados" });
    await account.getByRole("button", { name: "Guardar datos de la cuenta" }).click();
    await expect(account.getByRole("status")).toHaveText("Datos de la cuenta de «Alegra» guardados: la próxima exportación los usa.");
    // The mapping's preview below re-runs with the saved data.
    await expect(page.getByLabel("Cuerpo de la solicitud")).toContainText('"id": 5080');
    await page.screenshot({ path: "test-results/connector-account-data.png", fullPage: true });
    await page.reload();
    await page.getByRole("button", { name: "Editar Alegra" }).click();
    await expect(page.getByRole("form", { name: "Datos de tu cuenta en Alegra" }).getByLabel("Categoría contable (cuenta de compras)")).toHaveValue("5080");
  } finally {
    await alegra.close();
  }
});

/**
 * Trust before speed: an Alegra connector whose account data lacks the tax for the invoice's IVA
 * rate refuses the reviewed invoice before calling Alegra at all, and the export says why in the
 * browser; once the tax is added in «Datos de tu cuenta» the same invoice goes, with that tax.
 */
test("an Alegra export that would lose the IVA of a rate is refused with the reason, and goes once the tax is added to the account data", async ({ page }) => {
  test.setTimeout(180_000);
  const invoice = await generateInvoice({ seed: 9192, format: "pdf-qr", tipoCodigo: 1 });
  expect(invoice.truth.iva).toEqual([expect.objectContaining({ rate: 10.5 })]);
  const alegra = await startFakeAlegra({ email: "ana@estudio.com.ar", token: "tok-alegra-e2e-5678" });
  try {
    await signUp(page, { name: "Ana Contadora", email: uniqueEmail("presets-iva"), password: "clave-segura-2026" });
    await createTenant(page, "Estudio Alícuotas");

    await page.goto("/conectores");
    await page.getByRole("button", { name: "Nuevo conector" }).click();
    await page.getByRole("list", { name: "Elegí el sistema" }).getByRole("button", { name: "Usar Alegra" }).click();
    await page.getByLabel("E-mail de la cuenta de Alegra").fill("ana@estudio.com.ar");
    await page.getByLabel("Token de la API").fill("tok-alegra-e2e-5678");
    await page.getByLabel("URL de la API (cambiala solo para un entorno de prueba)").fill(alegra.baseUrl);
    await page.getByLabel("Categoría contable (cuenta de compras)").fill("5064");
    await page.getByLabel("IVA 21 %", { exact: true }).fill("3");
    await page.getByRole("button", { name: "Crear conector" }).click();
    await expect(page.getByText("Conector «Alegra» creado.", { exact: false })).toBeVisible();

    await uploadParsed(page, [{ name: "factura-105.pdf", bytes: invoice.bytes }]);
    await markReviewed(page, "factura-105.pdf");

    const exportOnce = async () => {
      await page.goto("/exportar");
      const rows = page.getByRole("table").locator("tbody tr[data-document-id]");
      await expect(rows).toHaveCount(1);
      await rows.first().getByRole("checkbox").check();
      await page.getByRole("button", { name: "Exportar a Alegra" }).click();
      return page.getByRole("list", { name: "Resultado por documento" });
    };
    // The row says it before anything is sent…
    await page.goto("/exportar");
    await expect(page.getByTestId("connector-refusal")).toHaveText(/^Alegra no lo recibiría así: la alícuota de IVA 10,5 % no tiene su id de Alegra/);
    // …and exporting anyway sends nothing and says why.
    const refused = await exportOnce();
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("0 exportados · 1 con error", { timeout: 60_000 });
    await expect(refused.locator('[data-status="FAILED"]')).toContainText("No se envió: la alícuota de IVA 10,5 % no tiene su id de Alegra en «Datos de tu cuenta» del conector");
    await page.screenshot({ path: "test-results/export-refused-rate.png", fullPage: true });
    expect(alegra.bills).toHaveLength(0);
    expect(alegra.requests.filter((r) => r.path.includes("/contacts") || r.path.includes("/bills"))).toHaveLength(0);

    await page.goto("/conectores");
    await page.getByRole("button", { name: "Editar Alegra" }).click();
    const account = page.getByRole("form", { name: "Datos de tu cuenta en Alegra" });
    await account.getByLabel("IVA 10.5 %", { exact: true }).fill("4");
    await account.getByRole("button", { name: "Guardar datos de la cuenta" }).click();
    await expect(account.getByRole("status")).toHaveText("Datos de la cuenta de «Alegra» guardados: la próxima exportación los usa.");

    await page.goto("/exportar");
    await expect(page.getByRole("table").locator("tbody tr[data-document-id]")).toHaveCount(1);
    await expect(page.getByTestId("connector-refusal")).toHaveCount(0);
    await exportOnce();
    await expect(page.getByRole("status").filter({ hasText: /^Terminó/ })).toContainText("1 exportado · 0 con error", { timeout: 60_000 });
    expect(alegra.bills).toHaveLength(1);
    expect((alegra.bills[0]!.body as { purchases: { categories: { tax: { id: number }[] }[] } }).purchases.categories).toEqual([expect.objectContaining({ id: 5064, tax: [{ id: 4 }] })]);
  } finally {
    await alegra.close();
  }
});
