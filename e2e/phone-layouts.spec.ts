import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { ensureDocuments } from "./support/demo-documents";
import { openPage, pagesFor } from "./support/pages";

const shotName = (path: string) => path.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "") || "inicio";

/** How far the page scrolls sideways beyond the viewport (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test("every page fits a 390 px phone without sideways scrolling; screenshots at 390 and 1440 px", async ({ page }, info) => {
  test.setTimeout(info.timeout * 2);
  await signIn(page, "duena@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);
  const review = await ensureDocuments(page);
  const paths = [...(await pagesFor(page, true)), review];

  await page.setViewportSize({ width: 390, height: 844 });
  const wide: string[] = [];
  for (const path of paths) {
    await openPage(page, path);
    // Exportar lists only reviewed documents by default; show the fresh ones so its table is drawn.
    if (path === "/exportar") {
      await page.getByLabel("Mostrar también los no revisados").check();
      await expect(page.locator("main table tbody tr").first()).toBeVisible();
    }
    const extra = await overflow(page);
    if (extra > 0) wide.push(`${path}: ${extra} px too wide`);
    await page.screenshot({ path: `test-results/phone-${path === review ? "revision" : shotName(path)}.png`, fullPage: true });
  }
  expect(wide, wide.join("\n")).toEqual([]);

  // The review title keeps the comprobante number on one line.
  await openPage(page, review);
  const title = page.getByRole("heading", { level: 1 });
  const numero = (await title.textContent())!.match(/\d{4,5}-\d{8}/)![0];
  const lines = await title.evaluate((h, n) => {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode();
    while (text && !text.textContent!.includes(n)) text = walker.nextNode();
    const range = document.createRange();
    const at = text!.textContent!.indexOf(n);
    range.setStart(text!, at);
    range.setEnd(text!, at + n.length);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  }, numero);
  expect(lines, `"${numero}" on one line`).toBe(1);

  await page.setViewportSize({ width: 1440, height: 900 });
  for (const [name, path] of [["panel", "/panel"], ["documentos", "/parse"], ["revision", review], ["exportar", "/exportar"], ["webhooks", "/webhooks"], ["ejecuciones", "/ejecuciones"]] as const) {
    await openPage(page, path);
    expect(await overflow(page), `${path} at 1440 px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `test-results/desktop-${name}.png`, fullPage: true });
  }
});
