/**
 * The one place that decides whether a value may replace a directory entry. A person's entry
 * (USER) is never replaced by a learned or pulled value; a PULL replaces LEARNED and PULL entries;
 * learning (a reviewed document, a correction) creates an entry or updates a LEARNED one only.
 * Race-free without locks: insert-if-absent, then a conditional update.
 */
import "server-only";
import type { SupplierSource } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/client";
import { scoped } from "@/server/tenants/scope";

export type EntryValue = { cuit: string; razonSocial: string; condicionIva?: string | null; email?: string | null };
export type EntryOrigin = { source: "LEARNED"; userId: string | null } | { source: "PULL"; externalId: string; connectorId: string };
export type WriteOutcome = { id: string; outcome: "created" | "updated" | "unchanged" | "kept" };

const REPLACEABLE: Record<"LEARNED" | "PULL", SupplierSource[]> = { LEARNED: ["LEARNED"], PULL: ["LEARNED", "PULL"] };

export async function writeDirectoryEntry(tx: Tx, tenantId: string, value: EntryValue, origin: EntryOrigin): Promise<WriteOutcome> {
  const scope = { tenantId };
  const pulled = origin.source === "PULL" ? { externalId: origin.externalId, sourceConnectorId: origin.connectorId, email: value.email || null } : {};
  const content = {
    razonSocial: value.razonSocial,
    // Learning knows no condición IVA: it keeps the one the entry has.
    ...(origin.source === "PULL" ? { condicionIva: value.condicionIva ?? null } : {}),
    source: origin.source,
    updatedById: origin.source === "LEARNED" ? origin.userId : null,
  };
  const { count: created } = await tx.supplier.createMany({ data: [{ tenantId, cuit: value.cuit, ...content, ...pulled }], skipDuplicates: true });
  const find = () => tx.supplier.findFirstOrThrow({ where: scoped(scope, { cuit: value.cuit }), select: { id: true, razonSocial: true, condicionIva: true, source: true } });
  if (created) return { id: (await find()).id, outcome: "created" };
  const before = await find();
  const same = before.razonSocial === value.razonSocial && (origin.source !== "PULL" || before.condicionIva === (value.condicionIva ?? null));
  if (same && before.source === origin.source) {
    if (origin.source === "PULL") await tx.supplier.updateMany({ where: scoped(scope, { id: before.id }), data: pulled });
    return { id: before.id, outcome: "unchanged" };
  }
  const { count } = await tx.supplier.updateMany({ where: scoped(scope, { id: before.id, source: { in: REPLACEABLE[origin.source] } }), data: { ...content, ...pulled } });
  if (count) return { id: before.id, outcome: "updated" };
  // A person's (or, for learning, the ERP's) value stays; the ERP link is still recorded.
  if (origin.source === "PULL") await tx.supplier.updateMany({ where: scoped(scope, { id: before.id }), data: pulled });
  return { id: before.id, outcome: "kept" };
}
