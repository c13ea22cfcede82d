import "server-only";
import type { z } from "zod";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TenantScope } from "@/server/tenants/scope";
import { problem, problemResponse, type ProblemLang } from "./problem";
import type { eventListSchema, listEventsQuery } from "./schemas";

type Cursor = { o: string; i: string };

/**
 * occurredAt is the recording transaction's start: a transaction that commits late can land
 * behind a cursor already handed out. Events show only once this much older, so a poller never
 * skips one (transactions that record events are short).
 */
export const EVENTS_SETTLE_MS = 5_000;

function encode(row: { occurredAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ o: row.occurredAt.toISOString(), i: row.id } satisfies Cursor)).toString("base64url");
}

function decode(cursor: string): { occurredAt: Date; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Cursor>;
    const occurredAt = new Date(String(parsed.o));
    if (typeof parsed.i !== "string" || Number.isNaN(occurredAt.getTime())) throw new Error("bad cursor");
    return { occurredAt, id: parsed.i };
  } catch {
    throw AppError.field("after", "Cursor inválido: usá el nextCursor de la respuesta anterior");
  }
}

/**
 * The events list is the whole organization's log: document events of every client, and export and
 * sync summaries that count them together. A member limited to some clients (user token, or the
 * creator of a client-credentials client) gets a 403 saying so, rather than a filtered log that
 * would still leak totals (and whose pages could come back empty while more exist). Their
 * integration reads /api/v1/documents?updatedSince=… instead, which honours the limit.
 */
export function limitedEventsRefusal(scope: Pick<TenantScope, "clientCuits">, instance: string, lang: ProblemLang): Response | null {
  if (!scope.clientCuits) return null;
  return problemResponse(
    problem(
      "FORBIDDEN",
      {
        es: "Tu usuario ve solo algunos clientes de la organización y el registro de eventos es de toda la organización. Usá GET /api/v1/documents con updatedSince para sincronizar los documentos de tus clientes.",
        en: "Your user sees only some of the organization's clients and the event log covers the whole organization. Use GET /api/v1/documents with updatedSince to sync your clients' documents.",
      },
      { instance, lang },
    ),
  );
}

/**
 * GET /api/v1/events: the tenant's domain events (the outbox), oldest first, for integrations
 * that poll instead of (or to catch up after) webhooks. Payloads are the stored bodies — the
 * same bytes webhooks deliver. Kept as long as the webhook log (WEBHOOK_LOG_RETENTION_DAYS).
 * With no new events the caller's own cursor comes back, so it can poll from there. Events appear
 * EVENTS_SETTLE_MS after they happen.
 */
export async function listEvents(tenantId: string, q: z.output<typeof listEventsQuery>): Promise<z.output<typeof eventListSchema>> {
  const since = new Date(Date.now() - env().WEBHOOK_LOG_RETENTION_DAYS * 86_400_000);
  const after = q.after ? decode(q.after) : null;
  const rows = await db().domainEvent.findMany({
    where: {
      tenantId,
      occurredAt: { gte: since, lt: new Date(Date.now() - EVENTS_SETTLE_MS) },
      ...(after ? { OR: [{ occurredAt: { gt: after.occurredAt } }, { occurredAt: after.occurredAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    take: q.limit,
    select: { id: true, type: true, occurredAt: true, body: true },
  });
  const last = rows.at(-1);
  return {
    data: rows.map((r) => ({ id: r.id, type: r.type, occurredAt: r.occurredAt.toISOString(), payload: JSON.parse(r.body) as Record<string, unknown> })),
    nextCursor: last ? encode(last) : (q.after ?? null),
  };
}
