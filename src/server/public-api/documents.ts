import "server-only";
import type { Document, Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { toDocumentView, type DocumentView } from "@/server/documents/document-view";
import { exportableWhere, findBlocks, NOT_REVIEWED_REASON } from "@/server/exports/export-guard";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { z } from "zod";
import type { documentReviewSchema, documentSchema, listDocumentsQuery, parseStatusSchema } from "./schemas";

export type PublicDocument = z.output<typeof documentSchema>;
export type ListDocumentsQuery = z.output<typeof listDocumentsQuery>;
export type PublicReview = z.output<typeof documentReviewSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function publicFields(v: DocumentView): PublicDocument["fields"] {
  const { tipoCodigo, tipo, puntoVenta, numero, fecha, proveedorCuit, proveedorRazonSocial, receptorCuit, receptorNombre, neto, iva, otrosImpuestos, total, moneda, cotizacion, cae, caeVencimiento, noGravado, exento, percepcionesIva, percepcionesIibb, impuestosInternos, otrosTributos } = v;
  return { tipoCodigo, tipo, puntoVenta, numero, fecha, proveedorCuit, proveedorRazonSocial, receptorCuit, receptorNombre, neto, iva, otrosImpuestos, total, moneda, cotizacion, cae, caeVencimiento, noGravado, exento, percepcionesIva, percepcionesIibb, impuestosInternos, otrosTributos };
}

/** Review state and the export guard's answer for documents of one tenant (the same rule as /exportar). */
export async function publicReviews(tenantId: string, rows: Document[]): Promise<Map<string, PublicReview>> {
  const blocks = await findBlocks(tenantId, rows);
  return new Map(
    rows.map((r) => {
      const blocked = blocks.get(r.id)?.reason ?? (r.reviewStatus === "REVIEWED" ? null : NOT_REVIEWED_REASON);
      return [r.id, { status: r.reviewStatus, reviewedAt: iso(r.reviewedAt), exportable: blocked === null, blockedReason: blocked }];
    }),
  );
}

/** GET /api/v1/documents/{id}. */
export async function getPublicDocument(scope: TenantScope, id: string): Promise<PublicDocument> {
  const row = await db().document.findFirst({ where: scoped(scope, { id }) });
  if (!row) throw AppError.notFound("Documento");
  return toPublicDocument(toDocumentView(row), (await publicReviews(scope.tenantId, [row])).get(row.id)!);
}

export function toPublicDocument(v: DocumentView, review: PublicReview): PublicDocument {
  return {
    id: v.id,
    status: v.status,
    error: v.error,
    needsReview: v.needsReview,
    fileName: v.fileName,
    mimeType: v.mimeType,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
    pageCount: v.pageCount,
    numeroCompleto: v.numeroCompleto,
    fields: publicFields(v),
    fieldMeta: v.fieldMeta as PublicDocument["fieldMeta"],
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    processedAt: iso(v.processedAt),
    review,
  };
}

export function toParseStatus(v: DocumentView): z.output<typeof parseStatusSchema> {
  return {
    id: v.id,
    status: v.status,
    done: v.status === "COMPLETED" || v.status === "FAILED",
    error: v.error,
    needsReview: v.needsReview,
    fields: v.status === "COMPLETED" ? publicFields(v) : null,
    fieldMeta: v.fieldMeta as PublicDocument["fieldMeta"],
    createdAt: v.createdAt.toISOString(),
    processedAt: iso(v.processedAt),
  };
}

type Cursor = { c: string; i: string };

function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ c: row.createdAt.toISOString(), i: row.id } satisfies Cursor)).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Cursor>;
    const createdAt = new Date(String(parsed.c));
    if (typeof parsed.i !== "string" || Number.isNaN(createdAt.getTime())) throw new Error("bad cursor");
    return { createdAt, id: parsed.i };
  } catch {
    throw AppError.field("cursor", "Cursor inválido: usá el nextCursor de la respuesta anterior");
  }
}

/**
 * Keyset pagination (newest first, stable under inserts): the cursor is the (createdAt, id) of
 * the last item of the previous page.
 */
export async function listDocumentsPage(scope: TenantScope, q: ListDocumentsQuery): Promise<{ data: PublicDocument[]; nextCursor: string | null }> {
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
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await db().document.findMany({ where: scoped(scope, { AND: and }), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const reviews = await publicReviews(scope.tenantId, page);
  return { data: page.map((r) => toPublicDocument(toDocumentView(r), reviews.get(r.id)!)), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}
