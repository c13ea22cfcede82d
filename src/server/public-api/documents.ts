import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { documentWhere } from "@/server/clients/access";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { exportableWhere } from "@/server/exports/export-guard";
import type { TenantScope } from "@/server/tenants/scope";
import type { z } from "zod";
import { toPublicDocuments, type PublicDocument } from "./document-representation";
import type { listDocumentsQuery } from "./schemas";

export { toParseStatus, toPublicDocuments, type PublicDocument, type PublicReview } from "./document-representation";
export type ListDocumentsQuery = z.output<typeof listDocumentsQuery>;

/** GET /api/v1/documents/{id}. Another client's document (a limited member) is a 404, like another tenant's. */
export async function getPublicDocument(scope: TenantScope, id: string): Promise<PublicDocument> {
  const row = await db().document.findFirst({ where: documentWhere(scope, { id }) });
  if (!row) throw AppError.notFound("Documento");
  return (await toPublicDocuments(scope.tenantId, [row]))[0]!;
}

/** Newest first by createdAt, or (sync mode, with updatedSince) oldest change first by updatedAt; ties by id. */
type Cursor = { m?: "u"; c: string; i: string };
/** A change shows in sync mode only once this old: a write that commits late never lands behind a cursor. */
export const SYNC_SETTLE_MS = 5_000;

function encodeCursor(at: Date, id: string, sync: boolean): string {
  return Buffer.from(JSON.stringify({ ...(sync ? { m: "u" as const } : {}), c: at.toISOString(), i: id } satisfies Cursor)).toString("base64url");
}

function decodeCursor(cursor: string, sync: boolean): { at: Date; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Cursor>;
    const at = new Date(String(parsed.c));
    if (typeof parsed.i !== "string" || Number.isNaN(at.getTime()) || (parsed.m === "u") !== sync) throw new Error("bad cursor");
    return { at, id: parsed.i };
  } catch {
    throw AppError.field("cursor", "Cursor inválido: usá el nextCursor de la respuesta anterior, con los mismos filtros");
  }
}

function exportStateWhere(state: PublicDocument["exportState"]): Prisma.DocumentWhereInput {
  const version = db().document.fields.version;
  if (state === "NOT_EXPORTED") return { lastExportedAt: null };
  if (state === "EXPORTED") return { lastExportedAt: { not: null }, exportedVersion: { equals: version } };
  return { lastExportedAt: { not: null }, OR: [{ exportedVersion: null }, { NOT: { exportedVersion: { equals: version } } }] };
}

/**
 * Keyset pagination, stable under inserts. Default: newest first, the cursor is the (createdAt,
 * id) of the last item. With updatedSince (incremental sync): oldest change first by (updatedAt,
 * id), so a client that keeps the last nextCursor sees every later change.
 */
export async function listDocumentsPage(scope: TenantScope, q: ListDocumentsQuery): Promise<{ data: PublicDocument[]; nextCursor: string | null }> {
  const sync = q.updatedSince !== undefined;
  const where: Prisma.DocumentWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.proveedorCuit ? { proveedorCuit: q.proveedorCuit } : {}),
    ...(q.tipo ? { tipo: q.tipo } : {}),
    ...(q.fechaDesde || q.fechaHasta
      ? { fecha: { ...(q.fechaDesde ? { gte: new Date(`${q.fechaDesde}T00:00:00Z`) } : {}), ...(q.fechaHasta ? { lte: new Date(`${q.fechaHasta}T00:00:00Z`) } : {}) } }
      : {}),
    ...(q.creadoDesde ? { createdAt: { gte: new Date(q.creadoDesde) } } : {}),
    ...(q.reviewStatus ? { reviewStatus: q.reviewStatus } : {}),
  };
  const and: Prisma.DocumentWhereInput[] = [where];
  // The export guard, for ERPs that import from here: the same rule as /exportar and schedules.
  if (q.exportable === "true") and.push(await exportableWhere(scope.tenantId));
  if (q.exportable === "false") and.push({ NOT: await exportableWhere(scope.tenantId) });
  if (q.exportState) and.push(exportStateWhere(q.exportState));
  if (sync) and.push({ updatedAt: { gte: new Date(q.updatedSince!), lt: new Date(Date.now() - SYNC_SETTLE_MS) } });
  if (q.cursor) {
    const c = decodeCursor(q.cursor, sync);
    and.push(
      sync
        ? { OR: [{ updatedAt: { gt: c.at } }, { updatedAt: c.at, id: { gt: c.id } }] }
        : { OR: [{ createdAt: { lt: c.at } }, { createdAt: c.at, id: { lt: c.id } }] },
    );
  }
  const orderBy: Prisma.DocumentOrderByWithRelationInput[] = sync ? [{ updatedAt: "asc" }, { id: "asc" }] : [{ createdAt: "desc" }, { id: "desc" }];
  const rows = await db().document.findMany({ where: documentWhere(scope, { AND: and }), orderBy, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  // In sync mode the last cursor always comes back, so the client can poll from it later.
  const nextCursor = last && (sync || rows.length > q.limit) ? encodeCursor(sync ? last.updatedAt : last.createdAt, last.id, sync) : sync && q.cursor ? q.cursor : null;
  return { data: await toPublicDocuments(scope.tenantId, page), nextCursor };
}
