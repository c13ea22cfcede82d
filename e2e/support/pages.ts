import { expect, type Page } from "@playwright/test";

/** Pages not in the sidebar, reached from other pages. `admin`: only owners and admins open them. */
export const SUB_PAGES: { path: string; admin: boolean }[] = [
  { path: "/cuenta", admin: false },
  { path: "/movimientos/presupuestos", admin: false },
  { path: "/movimientos/proyecciones", admin: false },
  { path: "/webhooks/entregas", admin: true },
  { path: "/webhooks/eventos", admin: true },
  { path: "/webhooks/guia", admin: true },
  { path: "/api-clients/docs", admin: true },
];

/** Every page the signed-in user sees: the sidebar's links plus the sub-pages for that role. */
export async function pagesFor(page: Page, admin: boolean): Promise<string[]> {
  await page.goto("/panel");
  const nav = page.getByRole("navigation", { name: "Menú principal" });
  const hrefs = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.length, "the sidebar lists pages").toBeGreaterThan(5);
  return [...new Set([...hrefs, ...SUB_PAGES.filter((p) => admin || !p.admin).map((p) => p.path)])];
}

/** Opens a page and waits until its data has loaded (no "Cargando…" left). */
export async function openPage(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("h1").first()).toBeVisible();
  // Lists say "Cargando…" (or just "…") until their data arrives.
  await expect(page.locator("main").getByText(/^(Cargando.*|…)$/)).toHaveCount(0, { timeout: 15_000 });
}
