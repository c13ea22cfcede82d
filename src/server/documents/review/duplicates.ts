import "server-only";
import type { Document } from "@/generated/prisma/client";
import type { ReviewReason } from "@/lib/documents/review";
import type { Tx } from "@/server/db/client";
import { scoped } from "@/server/tenants/scope";

type Keyed = Pick<Document, "id" | "tenantId" | "createdAt" | "notDuplicate" | "discardedAt" | "proveedorCuit" | "tipoCodigo" | "puntoVenta" | "numero">;
export type Twin = Pick<Document, "id" | "fileName" | "createdAt" | "notDuplicate">;

/** Upload order: createdAt, then id (two uploads in the same millisecond still have an order). */
const newer = (a: Pick<Keyed, "id" | "createdAt">, b: Pick<Keyed, "id" | "createdAt">) =>
  a.createdAt.getTime() > b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id);

/** Other live (not discarded) documents of the tenant with the same issuer CUIT, AFIP type, PV and number. */
export async function twinsOf(tx: Tx, doc: Keyed): Promise<Twin[]> {
  if (doc.discardedAt || !doc.proveedorCuit || doc.tipoCodigo == null || doc.puntoVenta == null || doc.numero == null) return [];
  return tx.document.findMany({
    where: scoped(doc, { id: { not: doc.id }, discardedAt: null, proveedorCuit: doc.proveedorCuit, tipoCodigo: doc.tipoCodigo, puntoVenta: doc.puntoVenta, numero: doc.numero }),
    select: { id: true, fileName: true, createdAt: true, notDuplicate: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 20,
  });
}

/**
 * Both documents of a pair show a DUPLICATE error until one is discarded or the newer one is
 * marked "no es duplicado". The newer one links to the oldest twin (`duplicateOfId`).
 */
export function duplicateReview(doc: Keyed, twins: Twin[]): { reasons: ReviewReason[]; duplicateOfId: string | null } {
  const reasons: ReviewReason[] = [];
  for (const twin of twins) {
    const later = newer(doc, twin) ? doc : twin;
    if (later.notDuplicate) continue;
    reasons.push({ code: "DUPLICATE", field: "numero", severity: "error", message: `Posible duplicado: el mismo comprobante (CUIT, tipo y número) está en «${twin.fileName}»`, otherId: twin.id });
  }
  const older = twins.find((t) => newer(doc, t));
  return { reasons, duplicateOfId: older?.id ?? null };
}

/** The twins uploaded after `doc` (a "no es duplicado" on the older one speaks for them). */
export const newerTwins = (doc: Keyed, twins: Twin[]) => twins.filter((t) => newer(t, doc));
