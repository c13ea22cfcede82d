import { randomUUID } from "node:crypto";
import { createDomainEvent, serializeEventBody } from "@/server/events/build";
import { generateSigningSecret, generateWebhookToken } from "@/server/webhooks/secrets";
import type { SigningKeys } from "@/server/webhooks/signing";
import type { Resolver } from "@/server/net/ssrf";

export function newKeys(): SigningKeys {
  return { current: { secret: generateSigningSecret(), token: generateWebhookToken() } };
}

/** A message as the outbox will hold it: id + body bytes serialized once. */
export function newMessage() {
  const event = createDomainEvent("document.processed", {
    documentoId: "doc_123",
    tipo: "FACTURA_A",
    numero: "0001-00012345",
    fecha: "2025-01-20",
    total: 12500.5,
    proveedor: { cuit: "30-12345678-9", razonSocial: "Proveedor SA" },
    estado: "completed",
    requiereRevision: false,
    motivosRevision: [],
  });
  return { id: randomUUID(), type: event.type, event, body: serializeEventBody(event) };
}

/** Test DNS: fixed answers, never the network. */
export function fakeResolver(table: Record<string, string[]>): Resolver {
  return async (host) => {
    const answers = table[host];
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}
