import "server-only";
import { randomUUID } from "node:crypto";
import { insertRows } from "@/server/db/bulk-insert";
import type { Tx } from "@/server/db/client";
import { serializeEventBody } from "./build";
import type { DomainEvent } from "./catalog";

/**
 * Transactional outbox: call with the transaction that makes the change, so a committed change
 * always has its event (and a rolled-back one never does). The id doubles as the webhook
 * message id (webhook-id / X-Request-Id) and the Inngest event id, which makes sending idempotent.
 */
export async function recordDomainEvent(tx: Tx, tenantId: string, event: DomainEvent) {
  return tx.domainEvent.create({ data: outboxRow(tenantId, event), select: { id: true, type: true, tenantId: true } });
}

/** Many events of one action (an import, a bulk change) in one INSERT, in the action's transaction. */
export async function recordDomainEvents(tx: Tx, tenantId: string, events: DomainEvent[]) {
  const rows = events.map((e) => outboxRow(tenantId, e));
  await insertRows(tx, "DomainEvent", { id: "text", tenantId: "text", type: "text", version: "integer", body: "text" }, rows);
  return rows.map(({ id, type }) => ({ id, type, tenantId }));
}

function outboxRow(tenantId: string, event: DomainEvent) {
  return { id: randomUUID(), tenantId, type: event.type, version: event.version, body: serializeEventBody(event).toString("utf8") };
}
