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

const MAX_TWINS = 20;
type DuplicateKey = Pick<Document, "proveedorCuit" | "tipoCodigo" | "puntoVenta" | "numero">;

/** What makes two documents the same comprobante; null when the document cannot have twins. */
function duplicateKey(doc: Keyed): DuplicateKey | null {
  if (doc.discardedAt || !doc.proveedorCuit || doc.tipoCodigo == null || doc.puntoVenta == null || doc.numero == null) return null;
  return { proveedorCuit: doc.proveedorCuit, tipoCodigo: doc.tipoCodigo, puntoVenta: doc.puntoVenta, numero: doc.numero };
}
const sameKey = (a: DuplicateKey, b: DuplicateKey) => a.proveedorCuit === b.proveedorCuit && a.tipoCodigo === b.tipoCodigo && a.puntoVenta === b.puntoVenta && a.numero === b.numero;

/** Other live (not discarded) documents of the tenant with the same issuer CUIT, AFIP type, PV and number. */
export async function twinsOf(tx: Tx, doc: Keyed): Promise<Twin[]> {
  return (await twinsUnder(tx, doc, [doc]))[0]!;
}

/**
 * The twins of one document under its key before and after a change (a corrected number), in one
 * query: `before` are the pairs the change may have left, `after` the ones it has now.
 */
export async function twinsBeforeAndAfter(tx: Tx, before: Keyed, after: Keyed): Promise<{ before: Twin[]; after: Twin[] }> {
  const [was, now] = await twinsUnder(tx, after, [before, after]);
  return { before: was!, after: now! };
}

/** For each of `versions` (the same document, id `doc.id`), the other live documents with its key. */
async function twinsUnder(tx: Tx, doc: Keyed, versions: Keyed[]): Promise<Twin[][]> {
  const keys = versions.map(duplicateKey);
  const wanted = keys.filter((k, i): k is DuplicateKey => k !== null && keys.findIndex((o) => o !== null && sameKey(o, k)) === i);
  if (wanted.length === 0) return keys.map(() => []);
  const rows = await tx.document.findMany({
    where: scoped(doc, { id: { not: doc.id }, discardedAt: null, OR: wanted }),
    select: { id: true, fileName: true, createdAt: true, notDuplicate: true, proveedorCuit: true, tipoCodigo: true, puntoVenta: true, numero: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: MAX_TWINS * wanted.length,
  });
  const twin = ({ id, fileName, createdAt, notDuplicate }: (typeof rows)[number]): Twin => ({ id, fileName, createdAt, notDuplicate });
  return keys.map((key) => (key ? rows.filter((r) => sameKey(r, key)).slice(0, MAX_TWINS).map(twin) : []));
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
