import "server-only";
import type { Document } from "@/generated/prisma/client";
import { asFailureCode } from "@/lib/documents/failure-codes";
import { INVOICE_FIELD_NAMES, type InvoiceFields } from "@/lib/documents/fields";
import { db, type Tx } from "@/server/db/client";
import { toDocumentView, type DocumentView } from "@/server/documents/document-view";
import { findBlocks, NOT_REVIEWED_REASON } from "@/server/exports/export-guard";
import type { z } from "zod";
import { toPublicFields } from "./public-fields";
import type { documentReviewSchema, documentSchema, parseStatusSchema } from "./schemas";

/**
 * THE representation of a document outside Contaflow: GET /api/v1/documents/{id}, the list, the
 * parse status and the `document` object of the webhook events are all built here, so an
 * integration sees one shape with one set of conventions wherever the document comes from.
 *
 * Conventions (v1, public-fields.ts): instants RFC 3339 in UTC (`…Z`), dates `AAAA-MM-DD`; CUITs
 * 11 digits in `fields` (filters also take the dashed form the seed's webhook fields use); amounts
 * decimal strings ("1234.50"); states UPPER_SNAKE enums; `numeroCompleto` PPPPP-NNNNNNNN.
 * Extracted fields are what a COMPLETED parse read: before that, and when FAILED, every field is
 * null (never a column default such as moneda "PES").
 */
export type PublicDocument = z.output<typeof documentSchema>;
export type PublicReview = z.output<typeof documentReviewSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const NO_FIELDS = Object.fromEntries(INVOICE_FIELD_NAMES.map((k) => [k, null])) as PublicDocument["fields"];

/** The extracted fields — only when a parse completed; otherwise nothing was read. */
function publicFields(v: DocumentView): PublicDocument["fields"] {
  if (v.status !== "COMPLETED") return NO_FIELDS;
  const { tipoCodigo, tipo, puntoVenta, numero, fecha, proveedorCuit, proveedorRazonSocial, receptorCuit, receptorNombre, neto, iva, otrosImpuestos, total, moneda, cotizacion, cae, caeVencimiento, noGravado, exento, percepcionesIva, percepcionesIibb, impuestosInternos, otrosTributos } = v;
  const fields: InvoiceFields = { tipoCodigo, tipo, puntoVenta, numero, fecha, proveedorCuit, proveedorRazonSocial, receptorCuit, receptorNombre, neto, iva, otrosImpuestos, total, moneda, cotizacion, cae, caeVencimiento, noGravado, exento, percepcionesIva, percepcionesIibb, impuestosInternos, otrosTributos };
  return toPublicFields(fields);
}

const publicMeta = (v: DocumentView): PublicDocument["fieldMeta"] => (v.status === "COMPLETED" ? (v.fieldMeta as PublicDocument["fieldMeta"]) : {});

/** Review state and the export guard's answer for documents of one tenant (the same rule as /exportar). */
export async function publicReviews(tenantId: string, rows: Document[], client: Tx = db()): Promise<Map<string, PublicReview>> {
  const blocks = await findBlocks(tenantId, rows, client);
  return new Map(
    rows.map((r) => {
      const blocked = blocks.get(r.id)?.reason ?? (r.reviewStatus === "REVIEWED" ? null : NOT_REVIEWED_REASON);
      return [r.id, { status: r.reviewStatus, reviewedAt: iso(r.reviewedAt), exportable: blocked === null, blockedReason: blocked }];
    }),
  );
}

/** Where a document stands for an integration keeping a copy in sync (incremental sync, ETags). */
export type SyncState = Pick<PublicDocument, "exportState" | "corrections">;

export function exportStateOf(row: Pick<Document, "lastExportedAt" | "exportedVersion" | "version">): PublicDocument["exportState"] {
  if (!row.lastExportedAt) return "NOT_EXPORTED";
  return row.exportedVersion === row.version ? "EXPORTED" : "OUTDATED";
}

/** Export state and correction count of documents of one tenant (one grouped query). */
export async function syncStates(tenantId: string, rows: Document[], client: Tx = db()): Promise<Map<string, SyncState>> {
  const counts = await client.documentCorrection.groupBy({ by: ["documentId"], where: { tenantId, documentId: { in: rows.map((r) => r.id) } }, _count: { _all: true } });
  const byDoc = new Map(counts.map((c) => [c.documentId, c._count._all]));
  return new Map(rows.map((r) => [r.id, { exportState: exportStateOf(r), corrections: byDoc.get(r.id) ?? 0 }]));
}

/** Rows of one tenant as the public representation (review + sync state in two batched queries). */
export async function toPublicDocuments(tenantId: string, rows: Document[], client: Tx = db()): Promise<PublicDocument[]> {
  const [reviews, states] = await Promise.all([publicReviews(tenantId, rows, client), syncStates(tenantId, rows, client)]);
  return rows.map((r) => toPublicDocument(toDocumentView(r), reviews.get(r.id)!, states.get(r.id)!));
}

export function toPublicDocument(v: DocumentView, review: PublicReview, sync: SyncState): PublicDocument {
  return {
    id: v.id,
    status: v.status,
    error: v.error,
    errorCode: v.status === "FAILED" ? asFailureCode(v.errorCode) : null,
    needsReview: v.needsReview,
    fileName: v.fileName,
    mimeType: v.mimeType,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
    pageCount: v.pageCount,
    numeroCompleto: v.status === "COMPLETED" ? v.numeroCompleto : null,
    fields: publicFields(v),
    fieldMeta: publicMeta(v),
    version: v.version,
    exportState: sync.exportState,
    corrections: sync.corrections,
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
    errorCode: v.status === "FAILED" ? asFailureCode(v.errorCode) : null,
    needsReview: v.needsReview,
    fields: v.status === "COMPLETED" ? publicFields(v) : null,
    fieldMeta: publicMeta(v),
    createdAt: v.createdAt.toISOString(),
    processedAt: iso(v.processedAt),
  };
}
