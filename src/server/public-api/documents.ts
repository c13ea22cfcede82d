import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { toDocumentView, type DocumentView } from "@/server/documents/document-view";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { z } from "zod";
import type { documentSchema, listDocumentsQuery, parseStatusSchema } from "./schemas";

export type PublicDocument = z.output<typeof documentSchema>;
export type ListDocumentsQuery = z.output<typeof listDocumentsQuery>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPublicDocument(v: DocumentView): PublicDocument {
  const { tipoCodigo, tipo, puntoVenta, numero, fecha, proveedorCuit, proveedorRazonSocial, receptorCuit, receptorNombre, neto, iva, otrosImpuestos, total, moneda, cotizacion, cae, caeVencimiento, noGravado, exento, percepcionesIva, percepcionesIibb, impuestosInternos, otrosTributos } = v;
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
    fields: { tipoCodigo, tipo, puntoVenta, numero, fecha, proveedorCuit, proveedorRazonSocial, receptorCuit, receptorNombre, neto, iva, otrosImpuestos, total, moneda, cotizacion, cae, caeVencimiento, noGravado, exento, percepcionesIva, percepcionesIibb, impuestosInternos, otrosTributos },
    fieldMeta: v.fieldMeta as PublicDocument["fieldMeta"],
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    processedAt: iso(v.processedAt),
  };
}

export function toParseStatus(v: DocumentView): z.output<typeof parseStatusSchema> {
  const doc = toPublicDocument(v);
  return {
    id: v.id,
    status: v.status,
    done: v.status === "COMPLETED" || v.status === "FAILED",
    error: v.error,
    needsReview: v.needsReview,
    fields: v.status === "COMPLETED" ? doc.fields : null,
    fieldMeta: doc.fieldMeta,
    createdAt: doc.createdAt,
    processedAt: doc.processedAt,
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
  };
  const and: Prisma.DocumentWhereInput[] = [where];
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    and.push({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] });
  }
  const rows = await db().document.findMany({ where: scoped(scope, { AND: and }), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { data: page.map((r) => toPublicDocument(toDocumentView(r))), nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}
