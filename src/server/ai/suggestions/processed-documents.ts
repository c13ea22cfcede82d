/** Which documents a batch of committed domain events says were processed (document.processed). */
import "server-only";
import { z } from "zod";
import { db } from "@/server/db/client";

/** The outbox batch as dispatched (`events: [{ id, type }]`), or a single `{ eventId, type }`. */
const batchShape = z.union([
  z.object({ tenantId: z.string(), events: z.array(z.object({ id: z.string(), type: z.string() })) }),
  z.object({ tenantId: z.string(), eventId: z.string(), type: z.string() }).transform((e) => ({ tenantId: e.tenantId, events: [{ id: e.eventId, type: e.type }] })),
]);

const processedBody = z.object({ documentoId: z.string().min(1) });

export async function processedDocumentIds(data: unknown): Promise<{ tenantId: string; documentIds: string[] }> {
  const parsed = batchShape.safeParse(data);
  if (!parsed.success) return { tenantId: "", documentIds: [] };
  const { tenantId, events } = parsed.data;
  const ids = events.filter((e) => e.type === "document.processed").map((e) => e.id);
  if (ids.length === 0) return { tenantId, documentIds: [] };
  const rows = await db().domainEvent.findMany({ where: { tenantId, id: { in: ids } }, select: { body: true } });
  const documentIds = new Set<string>();
  for (const row of rows) {
    const body = processedBody.safeParse(JSON.parse(row.body));
    if (body.success) documentIds.add(body.data.documentoId);
  }
  return { tenantId, documentIds: [...documentIds] };
}
