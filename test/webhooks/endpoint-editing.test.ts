/**
 * Endpoint editing through the tRPC procedure, on the real database with a real receiver: the URL
 * passes the SSRF guard again, every setting is saved and audited, custom headers are validated
 * and sent, only admins of the endpoint's own tenant can edit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvent } from "@/server/events/outbox";
import { parseCustomHeaders } from "@/lib/webhooks/custom-headers";
import { attemptDelivery } from "@/server/webhooks/delivery/attempt-delivery";
import { fanOutDomainEvent } from "@/server/webhooks/delivery/fan-out";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "./support/receiver";

let receiver: Receiver;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  receiver = await startReceiver();
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});
afterAll(() => receiver.close());

const settings = (url: string, extra: Record<string, unknown> = {}) => ({ url, description: "ERP", eventTypes: ["document.failed"], timeoutSeconds: 15, ...extra });

async function newEndpoint() {
  return (await callerFor(owner, tenantId).webhooks.create({ url: receiver.url, eventTypes: ["document.failed"] })).endpoint;
}

describe("editing an endpoint", () => {
  it("re-validates the URL with the SSRF guard: a private address is refused, an allowed one accepted", async () => {
    const ep = await newEndpoint();
    const api = callerFor(owner, tenantId).webhooks;
    await expect(api.update({ id: ep.id, data: settings("http://10.1.2.3/hook") })).rejects.toMatchObject({
      message: "La URL apunta a una red privada (10.0.0.0/8); no está permitido.",
    });
    await expect(api.update({ id: ep.id, data: settings("http://169.254.169.254/latest") })).rejects.toMatchObject({
      message: "La URL apunta al servicio de metadatos de la nube (169.254.169.254/32); no está permitido.",
    });
    expect((await api.get({ id: ep.id })).url).toBe(receiver.url);
    const moved = `${receiver.url}?v=2`;
    expect((await api.update({ id: ep.id, data: settings(moved) })).url).toBe(moved);
  });

  it("saves events, timeout, description, headers, rate limit and filter, and audits what changed", async () => {
    const ep = await newEndpoint();
    const updated = await callerFor(owner, tenantId).webhooks.update({
      id: ep.id,
      data: settings(receiver.url, {
        description: "ERP nuevo",
        eventTypes: ["document.processed", "document.exported"],
        timeoutSeconds: 20,
        customHeaders: "X-Origen: contaflow\nAuthorization: Bearer abc123",
        rateLimitPerSecond: "5",
        filter: "tipo = FACTURA_A, FACTURA_B",
      }),
    });
    expect(updated).toMatchObject({
      description: "ERP nuevo",
      eventTypes: ["document.processed", "document.exported"],
      timeoutSeconds: 20,
      customHeaders: { "x-origen": "contaflow", authorization: "Bearer abc123" },
      rateLimitPerSecond: 5,
      filter: [{ field: "tipo", op: "eq", values: ["FACTURA_A", "FACTURA_B"] }],
    });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { tenantId, action: "WEBHOOK_ENDPOINT_UPDATED" }, orderBy: { createdAt: "desc" } });
    expect(audit.actorId).toBe(owner.id);
    expect(audit.newValue).toContain("descripción: — → ERP nuevo");
    expect(audit.newValue).toContain("límite: sin límite → 5/s");
    expect(audit.newValue).toContain("encabezados: — → authorization, x-origen");
    // A header value may be a credential: the audit names the header, never its value.
    expect(audit.newValue).not.toContain("abc123");
  });

  it("refuses hop-by-hop, signature and oversized headers with a clear error", async () => {
    const ep = await newEndpoint();
    const api = callerFor(owner, tenantId).webhooks;
    for (const [headers, message] of [
      ["Connection: close", "Línea 1: «Connection» es un encabezado de conexión (hop-by-hop): no se puede fijar"],
      ["X-Ok: 1\nTransfer-Encoding: chunked", "Línea 2: «Transfer-Encoding» es un encabezado de conexión (hop-by-hop): no se puede fijar"],
      ["X-Signature: abc", "Línea 1: «X-Signature» es un encabezado de firma o identidad del webhook: no se puede fijar"],
      ["webhook-signature: v1,abc", "Línea 1: «webhook-signature» es un encabezado de firma o identidad del webhook: no se puede fijar"],
      ["Host: evil.example", "Línea 1: «Host» lo calcula Contaflow en cada envío: no se puede fijar"],
      [`X-Big: ${"a".repeat(1025)}`, "Línea 1: el valor supera 1024 caracteres"],
      ["X-Bad Name: 1", "Línea 1: «X-Bad Name» no es un nombre de encabezado válido (letras, números y - sin espacios)"],
    ] as const) {
      await expect(api.update({ id: ep.id, data: settings(receiver.url, { customHeaders: headers }) })).rejects.toThrow(message);
    }
    expect(parseCustomHeaders(Array.from({ length: 11 }, (_, i) => `X-H${i}: v`).join("\n"))).toEqual({ ok: false, error: "Máximo 10 encabezados" });
    expect(parseCustomHeaders(Array.from({ length: 5 }, (_, i) => `X-H${i}: ${"v".repeat(1000)}`).join("\n"))).toEqual({ ok: false, error: "Los encabezados suman más de 4096 bytes" });
    expect((await api.get({ id: ep.id })).customHeaders).toEqual({});
  });

  it("sends the custom headers on every attempt, next to the signature headers it cannot override", async () => {
    const ep = await newEndpoint();
    await callerFor(owner, tenantId).webhooks.update({ id: ep.id, data: settings(receiver.url, { customHeaders: "X-Origen: contaflow\nAuthorization: Bearer abc123" }) });
    const event = await recordDomainEvent(db(), tenantId, createDomainEvent("document.failed", { documentoId: "doc_h", error: "ilegible" }));
    const [delivery] = (await fanOutDomainEvent(event.id)).filter((d) => d.endpointId === ep.id);
    receiver.requests.length = 0;
    expect(await attemptDelivery(delivery!.deliveryId, 1)).toEqual({ action: "delivered" });
    const got = receiver.requests[0]!.headers;
    expect(got["x-origen"]).toBe("contaflow");
    expect(got.authorization).toBe("Bearer abc123");
    expect(got["webhook-id"]).toBe(event.id);
    // The attempt log masks what looks like a credential.
    const attempt = await db().webhookAttempt.findFirstOrThrow({ where: { deliveryId: delivery!.deliveryId } });
    expect((attempt.requestHeaders as Record<string, string>).authorization).not.toContain("abc123");
  });

  it("is for admins of the endpoint's tenant only", async () => {
    const ep = await newEndpoint();
    const { user: member } = await addMember(tenantId, "ACCOUNTANT");
    await expect(callerFor(member, tenantId).webhooks.update({ id: ep.id, data: settings(receiver.url) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const stranger = await createUser();
    const otherTenant = (await createTenantWith(stranger)).id;
    await expect(callerFor(stranger, otherTenant).webhooks.update({ id: ep.id, data: settings(receiver.url, { description: "robado" }) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await callerFor(owner, tenantId).webhooks.get({ id: ep.id })).description).toBe("");
  });
});
