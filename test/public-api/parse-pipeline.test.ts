/**
 * POST /api/v1/parse on the real pipeline: the upload queues the app's parse-document function
 * on the embedded engine; polling the status URL over HTTP ends COMPLETED with the invoice's
 * exact fields, and document.processed is recorded for the tenant's webhook endpoints.
 */
import { engineReady } from "../documents/support/engine-first";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { generateInvoice } from "../corpus/generate";
import { ownerWithClient } from "./support/fixtures";
import { startApiServer } from "./support/api-server";
import { api, clientCredentials } from "./support/oauth-client";

let engine: Awaited<typeof engineReady>;
let server: Awaited<ReturnType<typeof startApiServer>>;

beforeAll(async () => {
  engine = await engineReady;
  server = await startApiServer();
}, 60_000);
afterAll(async () => {
  await server?.close();
  await engine?.stop();
});

it("upload → 202 → poll the status URL → COMPLETED with the extracted fields; document.processed recorded", async () => {
  const ctx = await ownerWithClient();
  const token = (await clientCredentials(server.url, ctx.client.clientId, ctx.secret, "parse")).access_token;
  const invoice = await generateInvoice({ seed: 77, format: "pdf-qr", tipoCodigo: 1 });
  const form = new FormData();
  form.append("file", new Blob([invoice.bytes as BlobPart], { type: "application/pdf" }), invoice.fileName);
  const accepted = await api(server.url, "/api/v1/parse", token, { method: "POST", body: form });
  expect(accepted.status).toBe(202);
  const { id, statusUrl } = accepted.body as { id: string; statusUrl: string };

  const deadline = Date.now() + 90_000;
  let status: Record<string, unknown> | null = null;
  while (Date.now() < deadline) {
    const r = await api(server.url, new URL(statusUrl).pathname, token);
    expect(r.status).toBe(200);
    status = r.body;
    if (status!.done) break;
    await new Promise((res) => setTimeout(res, 200));
  }
  expect(status).toMatchObject({ id, status: "COMPLETED", done: true });
  const t = invoice.truth;
  expect(status!.fields).toMatchObject({ tipoCodigo: t.tipoCodigo, puntoVenta: t.puntoVenta, numero: t.numero, fecha: t.fecha, proveedorCuit: t.proveedorCuit, total: t.total?.toFixed(2), cae: t.cae });

  const events = await db().domainEvent.findMany({ where: { tenantId: ctx.tenant.id, type: "document.processed" } });
  expect(events.map((e) => (JSON.parse(e.body) as { documentoId: string }).documentoId)).toContain(id);
}, 120_000);
