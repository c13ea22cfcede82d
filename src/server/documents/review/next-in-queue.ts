import "server-only";
import type { z } from "zod";
import { db } from "@/server/db/client";
import { documentWhere } from "@/server/clients/access";
import type { TenantScope } from "@/server/tenants/scope";
import type { nextInQueueInput } from "@/lib/schemas/documents";
import { orderOf, whereOf } from "../list-documents";

/** How far down the list "siguiente" looks for the current document. */
const WINDOW = 500;

/**
 * The document after `currentId` in the list as filtered and sorted ("Guardar y siguiente").
 * A document that left the filter (e.g. reviewed out of "Para revisar") is followed by the first
 * one still in it. Null when the queue is done.
 */
export async function nextInQueue(scope: TenantScope, q: z.output<typeof nextInQueueInput>): Promise<{ id: string | null; remaining: number }> {
  const where = documentWhere(scope, whereOf(q));
  const [rows, total] = await Promise.all([db().document.findMany({ where, orderBy: orderOf(q), take: WINDOW, select: { id: true } }), db().document.count({ where })]);
  const ids = rows.map((r) => r.id);
  const at = ids.indexOf(q.currentId);
  const id = at === -1 ? (ids[0] ?? null) : (ids[at + 1] ?? null);
  return { id, remaining: total - (at === -1 ? 0 : 1) };
}
