import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * The API reference is rendered by the app itself: every request stays on the app's origin, there
 * is no AI chat, the server shown is APP_URL (the webServer sets APP_URL to the base URL), it is
 * in Spanish and loads in under a second.
 */
test("API docs: self-hosted, no AI, server from APP_URL, accessible, fast", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  page.on("request", (r) => {
    if (!/^(data|blob):/.test(r.url()) && new URL(r.url()).origin !== origin) elsewhere.push(r.url());
  });
  await signIn(page, "admin@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);

  await page.goto("/api-clients/docs");
  await expect(page.getByRole("heading", { name: "Documentación de la API", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Contaflow API/, level: 2 })).toBeVisible();
  const upload = page.getByRole("article", { name: "Subir un comprobante para procesar" });
  await expect(upload.getByText("Cuerpo de la solicitud")).toBeVisible();
  await expect(upload.getByText("Permisos (scopes):")).toBeVisible();
  await expect(page.getByTestId("api-server-url")).toHaveText(origin);
  const served = (await (await page.request.get("/api/v1/openapi.json")).json()) as { servers: { url: string }[] };
  expect(served.servers[0]?.url).toBe(origin);
  // The server URL comes from APP_URL, not from the request (a proxy's forwarded host is ignored).
  const html = await (await page.request.get("/api-clients/docs", { headers: { "x-forwarded-host": "interno.example", "x-forwarded-proto": "https" } })).text();
  expect(html).toContain(`${origin}</code>`);
  expect(html).not.toContain("interno.example");

  // No AI feature of any kind: no control, no text.
  await expect(page.getByRole("button", { name: /ask ai|preguntar|agente|agent|\bai\b|\bia\b|mcp/i })).toHaveCount(0);
  await expect(page.getByText(/ask ai|agent scalar|\bmcp\b/i)).toHaveCount(0);

  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const severe = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(severe).toEqual([]);
  await page.screenshot({ path: "/tmp/t21c2-api-docs.png" });

  await page.waitForLoadState("networkidle");
  expect(elsewhere, "no request leaves the app's origin (CDN, fonts, telemetry, AI)").toEqual([]);
});
