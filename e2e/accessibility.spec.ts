import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { ensureDocuments } from "./support/demo-documents";
import { openPage, pagesFor } from "./support/pages";

const PASSWORD = "demo-contaflow-2026";

/** Serious and critical axe violations on the current page, one line each (rule, impact, first targets). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    // Every default rule, plus "visible text is part of the accessible name" (off by default in axe).
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/** Walks the pages with axe; every page's problems, prefixed with who saw them where. */
async function audit(page: Page, who: string, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    await openPage(page, path);
    for (const v of await seriousViolations(page)) found.push(`${who} ${path}: ${v}`);
  }
  return found;
}

test("sign-in, sign-up and password pages have no serious or critical axe violations", async ({ page }) => {
  const found = await audit(page, "anonymous", ["/ingresar", "/registro", "/recuperar"]);
  expect(found, found.join("\n")).toEqual([]);
});

test("every page an owner or a read-only user sees has no serious or critical axe violations; the review form comes first in tab order", async ({ page, browser }, info) => {
  // About 3 min on a quiet 2-core machine: twenty-odd pages per role, each through axe.
  test.setTimeout(info.timeout * 5);
  await signIn(page, "duena@demo.contaflow.ar", PASSWORD);
  await expect(page).toHaveURL(/\/panel$/);
  const review = await ensureDocuments(page);
  const ownerPaths = await pagesFor(page, true);
  expect(ownerPaths).toContain("/webhooks");

  // The read-only user walks at the same time, in a second browser context (one sign-in each).
  const viewerContext = await browser.newContext({ baseURL: info.project.use.baseURL, locale: "es-AR" });
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "lectura@demo.contaflow.ar", PASSWORD);
  await expect(viewer).toHaveURL(/\/panel$/);
  const viewerPaths = await pagesFor(viewer, false);
  expect(viewerPaths).not.toContain("/webhooks");

  const found = (await Promise.all([audit(page, "OWNER", [...ownerPaths, review]), audit(viewer, "VIEWER", [...viewerPaths, review])])).flat();
  await viewerContext.close();
  expect(found, found.join("\n")).toEqual([]);

  // Keyboard: the skip link, then the first Tab inside the content lands in the review form.
  await openPage(page, review);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Saltar al contenido" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const form = page.getByRole("form", { name: "Datos extraídos" });
  expect(await form.evaluate((f) => f.contains(document.activeElement)), "focus is inside the review form").toBe(true);
});
