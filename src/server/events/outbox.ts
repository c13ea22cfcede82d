import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { serializeEventBody } from "./build";
import type { DomainEvent } from "./catalog";

export type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * Transactional outbox: call with the transaction that makes the change, so a committed change
 * always has its event (and a rolled-back one never does). The id doubles as the webhook
 * message id (webhook-id / X-Request-Id) and the Inngest event id, which makes sending idempotent.
 */
export async function recordDomainEvent(tx: Tx, tenantId: string, event: DomainEvent) {
  return tx.domainEvent.create({
    data: { id: randomUUID(), tenantId, type: event.type, version: event.version, body: serializeEventBody(event).toString("utf8") },
    select: { id: true, type: true, tenantId: true },
  });
}
