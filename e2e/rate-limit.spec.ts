import { expect, test } from "@playwright/test";
import { E2E_SIGN_IN_LIMIT } from "../playwright.config";
import { signIn } from "./helpers";

const OWNER = "duena@demo.contaflow.ar";

test("repeated failed sign-ins are rate-limited, even with the right password afterwards", async ({ page }) => {
  test.setTimeout(180_000); // up to E2E_SIGN_IN_LIMIT attempts
  await signIn(page, OWNER, "no-es-la-clave");
  const alert = page.getByRole("alert").filter({ hasText: /./ });
  const limited = "Demasiados intentos. Esperá un minuto y volvé a intentar.";
  // A fixed number of attempts per minute per address; earlier tests already used some of them.
  let attempts = 1;
  await expect(alert).toBeVisible();
  while ((await alert.textContent()) !== limited) {
    expect(await alert.textContent()).toBe("E-mail o contraseña incorrectos.");
    expect(attempts).toBeLessThanOrEqual(E2E_SIGN_IN_LIMIT);
    await page.getByRole("button", { name: "Ingresar" }).click();
    attempts += 1;
    await expect(alert).toHaveText(/incorrectos|Demasiados/);
  }
  await page.getByLabel("Contraseña").fill("demo-contaflow-2026");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(alert).toHaveText(limited);
  await expect(page).toHaveURL(/\/ingresar$/);
  await page.screenshot({ path: "test-results/rate-limited.png" });

  // A forged X-Forwarded-For (a new one per request) does not make a new client: the server
  // (scripts/server.mjs) knows the real peer and no proxy is trusted.
  for (let i = 1; i <= 3; i++) {
    const forged = await page.request.post("/api/auth/sign-in/email", {
      headers: { "x-forwarded-for": `198.18.0.${i}`, origin: new URL(page.url()).origin },
      data: { email: OWNER, password: "demo-contaflow-2026" },
    });
    expect(forged.status()).toBe(429);
  }
});
