import { expect, test } from "@playwright/test";
import { TEST_VECTOR as v } from "../src/server/webhooks/test-vectors";
import { signIn } from "./helpers";

const headers = [
  `webhook-id: ${v.messageId}`,
  `webhook-timestamp: ${v.webhookTimestamp}`,
  `webhook-signature: ${v.webhookSignature}`,
  `x-request-id: ${v.messageId}`,
  `x-timestamp: ${v.xTimestamp}`,
  `x-signature: ${v.xSignature}`,
  `x-webhook-token: ${v.token}`,
].join("\n");

test("the receiver guide's checker explains why a signature does or does not verify", async ({ page }) => {
  await signIn(page, "admin@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);
  await page.goto("/webhooks/guia");
  await expect(page.getByRole("heading", { name: "Código para copiar" })).toBeVisible();

  await page.getByRole("button", { name: "Verificar firma" }).click();
  await expect(page.getByText("Pegá los encabezados que recibiste")).toBeVisible();

  await page.getByLabel("Encabezados recibidos").fill(headers);
  await page.getByLabel("Cuerpo crudo").fill(v.body);
  await page.getByLabel("Secreto de firma").fill(v.secret);
  await page.getByRole("button", { name: "Verificar firma" }).click();
  // The published vector is from 2025: signatures match, the timestamp is what fails.
  await expect(page.getByRole("alert").filter({ hasText: /La firma es correcta, pero el timestamp tiene \d+ s de antigüedad/ }).first()).toBeVisible();

  await page.getByLabel("Secreto de firma").fill(v.token);
  await page.getByRole("button", { name: "Verificar firma" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Pegaste el X-Webhook-Token como secreto" })).toBeVisible();

  await page.getByLabel("Secreto de firma").fill(v.secret);
  await page.getByLabel("Cuerpo crudo").fill(JSON.stringify(JSON.parse(v.body), null, 2));
  await page.getByRole("button", { name: "Verificar firma" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "El cuerpo no es el que enviamos" })).toBeVisible();
  await page.screenshot({ path: "test-results/signature-checker.png", fullPage: true });
});
