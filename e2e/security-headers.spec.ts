import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { generateInvoice } from "../test/corpus/generate";
import { createTenant, signUp, uniqueEmail } from "./helpers";

const PAGES = [
  "/panel",
  "/parse",
  "/exportar",
  "/conectores",
  "/ejecuciones",
  "/ia-config",
  "/ia-config/sugerencias",
  "/integraciones/n8n",
  "/movimientos",
  "/movimientos/presupuestos",
  "/movimientos/proyecciones",
  "/planes",
  "/sync-admin",
  "/usuarios",
  "/webhooks",
  "/webhooks/entregas",
  "/webhooks/eventos",
  "/webhooks/guia",
  "/api-clients",
  "/api-clients/docs",
  "/cuenta",
];

/** CSP violations as the browser reports them: console errors and securitypolicyviolation events. */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

test("every page loads with the CSP enforced and no CSP violation", async ({ page }) => {
  test.setTimeout(240_000);
  const violations = await watchCsp(page);
  for (const path of ["/ingresar", "/registro", "/recuperar"]) {
    const res = await page.goto(path);
    expect(res!.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await page.waitForLoadState("networkidle");
  }
  await signUp(page, { name: "Sofía Segura", email: uniqueEmail("csp"), password: "clave-segura-csp-1" });
  await createTenant(page, "Estudio CSP E2E");

  // One document, so the review page (with the file preview frame) is visited too.
  const invoice = await generateInvoice({ seed: 8101, format: "pdf-qr", tipoCodigo: 1 });
  const file = join(mkdtempSync(join(tmpdir(), "e2e-csp-")), invoice.fileName);
  writeFileSync(file, invoice.bytes);
  await page.goto("/parse");
  await page.getByTestId("upload-input").setInputFiles([file]);
  const table = page.getByRole("table", { name: "Documentos" });
  await expect(table.locator('tbody tr[data-status="COMPLETED"]')).toHaveCount(1, { timeout: 90_000 });

  for (const path of PAGES) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBeLessThan(400);
    expect(res!.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
    await page.waitForLoadState("networkidle");
  }
  // The API reference, charts and the document viewer load under the same policy.
  await page.goto("/api-clients/docs");
  await expect(page.getByText("/api/v1/documents").first()).toBeVisible({ timeout: 20_000 });
  await page.goto("/parse");
  await table.locator("tbody tr a").first().click();
  await expect(page).toHaveURL(/\/parse\/[^/]+$/);
  // The pdf.js viewer (its worker is the app's own bundle) draws the page under the same policy.
  await expect(page.getByRole("region", { name: /^Documento: / }).locator("canvas").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: "/tmp/security-review.png" });

  // Mi cuenta: change the password (the server also ends other sessions) and close the others.
  await page.goto("/cuenta");
  await page.getByLabel("Contraseña actual").fill("clave-segura-csp-1");
  await page.getByLabel("Contraseña nueva", { exact: true }).fill("clave-segura-csp-2");
  await page.getByLabel("Repetí la contraseña nueva").fill("clave-segura-csp-2");
  await page.getByRole("button", { name: "Cambiar contraseña" }).click();
  await expect(page.getByText("Listo: cambiaste tu contraseña y cerramos tus otras sesiones.")).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Cerrar otras sesiones" }).click();
  await expect(page.getByRole("main").getByText("Cerramos tus otras sesiones.", { exact: true })).toBeVisible();
  await page.screenshot({ path: "/tmp/security-account.png", fullPage: true });
  expect(violations).toEqual([]);
});

test("pages and API answers carry the security headers; a foreign page cannot frame the app", async ({ page, request }) => {
  for (const path of ["/ingresar", "/api/v1/openapi.json", "/api/trpc/tenant.mine"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"], path).toContain("camera=()");
  }
  // A page on another origin framing the sign-in page gets nothing rendered.
  await page.setContent(`<iframe id="f" src="${test.info().project.use.baseURL}/ingresar"></iframe>`);
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f.url().includes("/ingresar"));
  expect(await frame?.locator("input").count().catch(() => 0) ?? 0).toBe(0);
});
