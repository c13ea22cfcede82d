import { expect, test, type Page } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { startFakeOpenAi, type FakeOpenAi } from "../test/ai/support/fake-openai";
import { createTenant, signUp, uniqueEmail } from "./helpers";

/**
 * AI and dashboard end to end: the provider pointed at a fake OpenAI-compatible server started
 * here (test button), a prompt edited and restored, invoices uploaded through the documents API
 * and parsed by the pipeline, AI suggestions accepted and rejected, and the dashboard's charts
 * drawn from that data (screenshots in test-results/).
 */
const KEY = "sk-e2e-0123456789abcdef";
let fake: FakeOpenAi;

test.beforeAll(async () => {
  fake = await startFakeOpenAi({ apiKey: KEY });
});
test.afterAll(async () => {
  await fake.close();
});

async function upload(page: Page, file: { bytes: Uint8Array; fileName: string; mimeType?: string }) {
  const res = await page.request.post("/api/documents/upload", {
    multipart: { file: { name: file.fileName, mimeType: file.mimeType ?? "application/pdf", buffer: Buffer.from(file.bytes) } },
  });
  return { status: res.status(), body: (await res.json()) as { document?: { id: string }; error?: { message: string } } };
}

test("AI provider, prompt versions, suggestions accepted and rejected, dashboard charts from real data", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, { name: "Inés IA", email: uniqueEmail("ines"), password: "clave-segura-1" });
  await createTenant(page, "Estudio IA");
  await expect(page.getByText("Todavía no subiste comprobantes")).toBeVisible();
  await page.screenshot({ path: "test-results/ai-panel-vacio.png", fullPage: true });

  // Provider: save (key never shown again), test against the fake server.
  await page.goto("/ia-config");
  await expect(page.getByRole("heading", { name: "Inteligencia artificial", level: 1 })).toBeVisible();
  await expect(page.getByText("Sin proveedor configurado, Contaflow funciona igual")).toBeVisible();
  const provider = page.getByRole("form", { name: "Proveedor de IA" });
  await provider.getByLabel("URL base").fill(fake.baseUrl);
  await provider.getByLabel("Modelo").fill("fake-gpt");
  await provider.getByLabel("API key", { exact: true }).fill(KEY);
  await provider.getByLabel(/Extracción/).uncheck();
  await provider.getByRole("button", { name: "Guardar" }).click();
  await expect(page.getByText("Configuración guardada.")).toBeVisible();
  await expect(provider.getByLabel("API key", { exact: true })).toHaveValue("");
  await expect(provider.getByText(/Guardada: sk-e…cdef/)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(KEY);
  await provider.getByRole("button", { name: "Probar conexión" }).click();
  await expect(page.getByRole("status", { name: "Resultado de la prueba" })).toContainText("Conexión correcta");
  await expect(page.getByRole("status", { name: "Resultado de la prueba" })).toContainText("El proveedor respondió correctamente con el modelo fake-gpt");
  expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);

  // Prompts: edit classification → v1, compare with the default, restore the default → v2.
  await expect(page.getByRole("tab", { name: /Clasificación/ })).toHaveAttribute("aria-selected", "true");
  const prompt = page.getByLabel("Prompt", { exact: true });
  const original = await prompt.inputValue();
  await prompt.fill(`${original}\nUsá el plan de cuentas del estudio (5.x para gastos).`);
  await page.getByLabel("Nota del cambio (opcional)").fill("Plan de cuentas propio");
  await page.getByRole("button", { name: "Guardar nueva versión" }).click();
  await expect(page.getByText("Guardada la versión 1.")).toBeVisible();
  const versions = page.getByRole("list", { name: "Versiones del prompt" });
  await expect(versions.getByRole("listitem").first()).toContainText("v1");
  await expect(versions.getByRole("listitem").first()).toContainText("Activa");
  await expect(versions.getByRole("listitem").first()).toContainText("Plan de cuentas propio · Inés IA");
  await versions.getByRole("listitem").filter({ hasText: "Predeterminada (v0)" }).getByRole("button", { name: "Ver diferencias" }).click();
  await expect(page.getByLabel("Diferencias")).toContainText("+ Usá el plan de cuentas del estudio (5.x para gastos).");
  await page.screenshot({ path: "test-results/ai-config.png", fullPage: true });
  await versions.getByRole("button", { name: "Restaurar la predeterminada" }).click();
  await expect(page.getByText("Restaurada como versión 2.")).toBeVisible();
  await expect(prompt).toHaveValue(original);
  await expect(versions.getByRole("listitem").first()).toContainText("Restaurada de v0");
  await expect(versions.getByRole("listitem")).toHaveCount(3);

  // Documents through the upload API; the pipeline parses them and emits document.processed.
  const invoice = await generateInvoice({ seed: 4242, format: "pdf-qr", tipoCodigo: 1 });
  const second = await generateInvoice({ seed: 4243, format: "pdf-qr", tipoCodigo: 6 });
  const up = await upload(page, invoice);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  expect((await upload(page, second)).status).toBe(201);
  const broken = await upload(page, { fileName: "basura.pdf", bytes: new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...Array.from({ length: 20000 }, (_, i) => (i * 131 + 7) % 256)]) });
  expect([201, 400, 422]).toContain(broken.status);
  const documentId = up.body.document!.id;

  // Suggestions are generated in the background after processing.
  await page.goto(`/ia-config/sugerencias?documento=${documentId}`);
  await expect(page.getByRole("heading", { name: "Sugerencias", level: 1 })).toBeVisible();
  const panel = page.getByRole("list", { name: "Sugerencias del documento" });
  await expect(async () => {
    await page.reload();
    await expect(panel.getByRole("listitem").filter({ hasText: "Honorarios profesionales" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(panel).toContainText("Cuenta contable · IA · 82");
  await expect(panel).toContainText("La factura tiene fecha de un domingo.");
  const classification = fake.requests.find((r) => r.body?.messages[1]?.content.includes(documentId) || r.body?.messages[1]?.content.includes(invoice.fileName));
  expect(classification, "the document was sent to the model").toBeTruthy();

  await panel.getByRole("button", { name: "Aceptar: 5.1.03 · Honorarios profesionales" }).click();
  const account = panel.getByRole("listitem", { name: "Cuenta contable: 5.1.03 · Honorarios profesionales" });
  await expect(account).toContainText("Aceptada por Inés IA");
  await panel.getByRole("button", { name: "Rechazar: Observación de la IA" }).click();
  const note = panel.getByRole("listitem", { name: "Para revisar: Observación de la IA" });
  await expect(note).toContainText("Rechazada por Inés IA");
  // Decisions survive a reload.
  await page.reload();
  await expect(account).toContainText("Aceptada");
  await expect(note).toContainText("Rechazada");
  await page.screenshot({ path: "test-results/ai-sugerencias.png", fullPage: true });

  // Dashboard from the data above.
  await page.goto("/panel");
  const docs = page.getByRole("region", { name: "Documentos" });
  await expect(docs).toContainText(/[23] procesados/);
  await expect(docs.getByRole("figure", { name: /Documentos por día/ })).toBeVisible();
  await expect(docs.locator(".recharts-area").first()).toBeVisible();
  await expect(docs).toContainText("Sugerencias: 1 aceptada · 1 rechazada");
  await expect(page.getByRole("region", { name: "Exportaciones" })).toContainText("Sin exportaciones");
  const usage = page.getByRole("list", { name: "Uso del plan" });
  await expect(usage.getByRole("progressbar", { name: "Documentos este mes" })).toHaveAttribute("aria-valuenow", /[23]/);
  await page.screenshot({ path: "test-results/ai-panel.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/ai-panel-390.png", fullPage: true });
});
