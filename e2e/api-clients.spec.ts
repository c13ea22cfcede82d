/**
 * API clients in the browser and over HTTP: an admin creates one, sees its secret once, an
 * integration uses both grants, revoking answers 401 (runs in every `npm test`, project
 * demo-organization).
 */
import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const REDIRECT = "https://app-tercero.example.com/callback";

async function token(baseURL: string, body: Record<string, string>, auth: { id: string; secret: string }) {
  const res = await fetch(`${baseURL}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${auth.id}:${auth.secret}`).toString("base64")}` },
    body: new URLSearchParams(body),
  });
  return { status: res.status, body: (await res.json()) as { access_token: string; refresh_token?: string; scope: string; error?: string } };
}

async function listDocuments(baseURL: string, accessToken: string) {
  const res = await fetch(`${baseURL}/api/v1/documents?limit=5`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as { data?: unknown[]; code?: string } };
}

test("an admin creates an API client, sees the secret once, an integration uses it (both grants), revoking it answers 401", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin@demo.contaflow.ar", "demo-contaflow-2026");
  await expect(page).toHaveURL(/\/panel$/);
  await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "API" }).click();
  await expect(page.getByRole("heading", { name: "API", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Nuevo cliente de API" }).click();
  await page.getByRole("checkbox", { name: /Leer comprobantes/ }).uncheck();
  await page.getByRole("button", { name: "Crear cliente" }).click();
  await expect(page.getByText("Poné un nombre")).toBeVisible();
  await expect(page.getByText("Elegí al menos un permiso")).toBeVisible();

  await page.getByLabel("Nombre", { exact: true }).fill("ERP e2e");
  await page.getByRole("checkbox", { name: /Leer comprobantes/ }).check();
  await page.getByRole("checkbox", { name: /Procesar comprobantes/ }).check();
  await page.getByLabel("URLs de redirección (una por línea)").fill("http://inseguro.example.com/cb");
  await page.getByRole("button", { name: "Crear cliente" }).click();
  await expect(page.getByText(/Línea 1: Usá una URL https/)).toBeVisible();
  await page.getByLabel("URLs de redirección (una por línea)").fill(REDIRECT);
  await page.getByRole("button", { name: "Crear cliente" }).click();

  const panel = page.getByRole("region", { name: "Cliente «ERP e2e» creado" });
  await expect(panel).toBeVisible();
  await expect(panel.getByText("no se vuelve a mostrar")).toBeVisible();
  const clientId = (await panel.getByLabel("client_id", { exact: true }).textContent())!.trim();
  const secret = (await panel.getByLabel("client_secret", { exact: true }).textContent())!.trim();
  expect(clientId).toMatch(/^cf_[0-9a-f]{24}$/);
  expect(secret).toMatch(/^cfcs_/);
  await page.screenshot({ path: "/tmp/pa-api-clients-secret.png", fullPage: true });
  await panel.getByRole("button", { name: "Listo, ya lo guardé" }).click();
  await expect(panel).toBeHidden();

  // Shown once: not in the page after a reload.
  await page.reload();
  const item = page.getByRole("list", { name: "Clientes de API" }).getByRole("listitem").filter({ hasText: "ERP e2e" });
  await expect(item).toContainText(clientId);
  await expect(item).toContainText("sin uso todavía");
  expect(await page.content()).not.toContain(secret);

  // A server integration: client credentials → list documents.
  const cc = await token(baseURL!, { grant_type: "client_credentials" }, { id: clientId, secret });
  expect(cc.status).toBe(200);
  expect(cc.body.scope).toBe("documents:read parse");
  const list = await listDocuments(baseURL!, cc.body.access_token);
  expect(list.status).toBe(200);
  expect(Array.isArray(list.body.data)).toBe(true);

  // A third-party app acting for the admin: consent screen → code → tokens (PKCE).
  await page.route(`${REDIRECT}**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<p>app de terceros</p>" }));
  const verifier = randomBytes(40).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorizeUrl = `/oauth/autorizar?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, scope: "documents:read", state: "e2e-state", code_challenge: challenge, code_challenge_method: "S256" })}`;
  await page.goto(authorizeUrl);
  await expect(page.getByRole("heading", { name: "«ERP e2e» quiere acceder a Contaflow" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Permisos pedidos" })).toContainText("Leer comprobantes");
  await page.screenshot({ path: "/tmp/pa-consent.png", fullPage: true });
  await page.getByRole("button", { name: "Autorizar" }).click();
  await page.waitForURL(`${REDIRECT}**`);
  const back = new URL(page.url());
  expect(back.searchParams.get("state")).toBe("e2e-state");
  const ac = await token(baseURL!, { grant_type: "authorization_code", code: back.searchParams.get("code")!, redirect_uri: REDIRECT, code_verifier: verifier }, { id: clientId, secret });
  expect(ac.status).toBe(200);
  expect(ac.body.refresh_token).toBeTruthy();
  expect((await listDocuments(baseURL!, ac.body.access_token)).status).toBe(200);

  // Usage and last use show up.
  await page.goto("/api-clients");
  await expect(item).toContainText("último uso");
  await expect(page.getByRole("figure", { name: "Llamadas por día de todos los clientes" })).toBeVisible();
  await expect(page.getByText(/\d+ llamadas en los últimos 14 días/)).toBeVisible();
  await page.screenshot({ path: "/tmp/pa-api-clients.png", fullPage: true });

  // Revoke → every token of the client answers 401 at once.
  await page.getByRole("button", { name: "Revocar ERP e2e" }).click();
  await page.getByRole("button", { name: "Sí, revocar" }).click();
  await expect(page.getByText(/Cliente «ERP e2e» revocado/)).toBeVisible();
  await expect(item.getByText("Revocado", { exact: true })).toBeVisible();
  const after = await listDocuments(baseURL!, cc.body.access_token);
  expect(after.status).toBe(401);
  expect(after.type).toBe("application/problem+json");
  expect((await listDocuments(baseURL!, ac.body.access_token)).status).toBe(401);
  expect((await token(baseURL!, { grant_type: "client_credentials" }, { id: clientId, secret })).status).toBe(401);
});
