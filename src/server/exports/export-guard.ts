/**
 * The export guard: the ONE rule for what may leave to an ERP, used by every path (the
 * /exportar list and start, "forzar/reintentar", scheduled pushes, the push step itself and the
 * public API's `exportable` filter).
 *
 * - Discarded documents never leave.
 * - A possible duplicate (one of a pair with the same issuer CUIT + type + PV + number, or the
 *   same file, that nobody resolved) never leaves, not even with "exportar igual": one of the
 *   pair must be discarded or marked "no es duplicado".
 * - Otherwise only REVIEWED documents leave by default; others need an explicit, recorded
 *   override ("exportar igual"). Scheduled pushes never override.
 */
import "server-only";
import type { Document, Prisma, ReviewStatus } from "@/generated/prisma/client";
import { db, type Tx } from "@/server/db/client";
import { documentLabel } from "@/server/documents/review/label";
import { AppError } from "@/server/errors";
import { scoped } from "@/server/tenants/scope";

export type GuardDocument = Pick<Document, "id" | "status" | "reviewStatus" | "duplicateOfId" | "notDuplicate" | "discardedAt" | "fileName" | "tipo" | "puntoVenta" | "numero">;

export const GUARD_SELECT = { id: true, status: true, reviewStatus: true, duplicateOfId: true, notDuplicate: true, discardedAt: true, fileName: true, tipo: true, puntoVenta: true, numero: true } as const;

/** Why a document cannot go even with an override (null = it may, maybe through the override). */
export type Block = { kind: "NOT_PARSED" | "DISCARDED" | "DUPLICATE"; reason: string };

export type Verdict =
  | { ok: true; needsOverride: boolean; reviewStatus: ReviewStatus }
  | { ok: false; block: Block; reviewStatus: ReviewStatus };

export const duplicateReason = (other: string) => `Posible duplicado de ${other}: descartá uno o marcá «no es duplicado».`;
export const NOT_REVIEWED_REASON = "Sin revisar: marcalo como revisado o usá «exportar igual».";
export const DISCARDED_REASON = "Descartado: los documentos descartados no se exportan.";

/**
 * The blocks of a set of documents of one tenant, with ONE extra query for the other halves of
 * their duplicate pairs (both directions: a document pointing at another, and others pointing at it).
 */
export async function findBlocks(tenantId: string, docs: GuardDocument[], client: Tx = db()): Promise<Map<string, Block>> {
  const blocks = new Map<string, Block>();
  const ids = docs.map((d) => d.id);
  const pointed = docs.filter((d) => d.duplicateOfId && !d.notDuplicate).map((d) => d.duplicateOfId!);
  const others = ids.length
    ? await client.document.findMany({
        where: scoped({ tenantId }, { OR: [{ id: { in: pointed } }, { duplicateOfId: { in: ids }, notDuplicate: false }], discardedAt: null }),
        select: { id: true, duplicateOfId: true, fileName: true, tipo: true, puntoVenta: true, numero: true },
      })
    : [];
  const byId = new Map(others.map((o) => [o.id, o]));
  for (const d of docs) {
    if (d.discardedAt) {
      blocks.set(d.id, { kind: "DISCARDED", reason: DISCARDED_REASON });
      continue;
    }
    if (d.status !== "COMPLETED") {
      blocks.set(d.id, { kind: "NOT_PARSED", reason: "Todavía no está procesado." });
      continue;
    }
    const original = d.duplicateOfId && !d.notDuplicate ? byId.get(d.duplicateOfId) : undefined;
    const copy = original ? undefined : others.find((o) => o.duplicateOfId === d.id);
    const other = original ?? copy;
    if (other) blocks.set(d.id, { kind: "DUPLICATE", reason: duplicateReason(documentLabel(other)) });
  }
  return blocks;
}

export async function verdicts(tenantId: string, docs: GuardDocument[]): Promise<Map<string, Verdict>> {
  const blocks = await findBlocks(tenantId, docs);
  return new Map(
    docs.map((d) => {
      const block = blocks.get(d.id);
      return [d.id, block ? { ok: false, block, reviewStatus: d.reviewStatus } : { ok: true, needsOverride: d.reviewStatus !== "REVIEWED", reviewStatus: d.reviewStatus }] as const;
    }),
  );
}

const list = (labels: string[]) => (labels.length > 3 ? `${labels.slice(0, 3).join("; ")} y ${labels.length - 3} más` : labels.join("; "));

export type GuardedSelection = { documentIds: string[]; overridden: Set<string>; reviewStatus: Map<string, ReviewStatus> };

/**
 * A person's selection, all or nothing: throws a BAD_REQUEST naming the documents when one is
 * blocked (duplicate, discarded, not parsed) or is not reviewed and there is no override.
 */
export async function guardSelection(tenantId: string, documentIds: string[], opts: { override: boolean }): Promise<GuardedSelection> {
  const docs = await db().document.findMany({ where: scoped({ tenantId }, { id: { in: documentIds } }), select: GUARD_SELECT, orderBy: { createdAt: "asc" } });
  const v = await verdicts(tenantId, docs);
  const blocked = docs.filter((d) => !v.get(d.id)!.ok);
  if (blocked.length > 0) {
    const reasons = blocked.map((d) => {
      const verdict = v.get(d.id)!;
      return `${documentLabel(d)}: ${verdict.ok ? "" : verdict.block.reason}`;
    });
    throw new AppError("BAD_REQUEST", `No se exportó nada. ${blocked.length === 1 ? "Un documento no se puede exportar" : `${blocked.length} documentos no se pueden exportar`}: ${list(reasons)}`);
  }
  const unreviewed = docs.filter((d) => v.get(d.id)!.ok && (v.get(d.id) as { needsOverride: boolean }).needsOverride);
  if (unreviewed.length > 0 && !opts.override) {
    throw new AppError(
      "BAD_REQUEST",
      `No se exportó nada. ${unreviewed.length === 1 ? "Un documento no está revisado" : `${unreviewed.length} documentos no están revisados`}: ${list(unreviewed.map(documentLabel))}. Marcalos como revisados o usá «exportar igual».`,
    );
  }
  return { documentIds: docs.map((d) => d.id), overridden: new Set(unreviewed.map((d) => d.id)), reviewStatus: new Map(docs.map((d) => [d.id, d.reviewStatus])) };
}

/**
 * Both halves of every unresolved duplicate pair of a tenant (neither discarded, not marked
 * "no es duplicado"): a small set, used to keep them out of unattended selections in SQL.
 */
export async function unresolvedDuplicateIds(tenantId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ a: string; b: string }[]>`
    SELECT d.id AS a, o.id AS b FROM "Document" d JOIN "Document" o ON o.id = d."duplicateOfId" AND o."tenantId" = d."tenantId"
    WHERE d."tenantId" = ${tenantId} AND d."duplicateOfId" IS NOT NULL AND NOT d."notDuplicate" AND d."discardedAt" IS NULL AND o."discardedAt" IS NULL`;
  return [...new Set(rows.flatMap((r) => [r.a, r.b]))];
}

/** Where a document may leave without a person: parsed, REVIEWED, not discarded, no unresolved duplicate. */
export async function exportableWhere(tenantId: string): Promise<Prisma.DocumentWhereInput> {
  const duplicates = await unresolvedDuplicateIds(tenantId);
  return { status: "COMPLETED", reviewStatus: "REVIEWED", discardedAt: null, ...(duplicates.length ? { id: { notIn: duplicates } } : {}) };
}
