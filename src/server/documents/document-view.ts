import "server-only";
import { Prisma, type Document } from "@/generated/prisma/client";
import type { FieldMetaMap, InvoiceFields, IvaLine, PercepcionIibb } from "@/lib/documents/fields";
import type { ReviewReason } from "@/lib/documents/review";
import { formatComprobanteNumber } from "@/lib/documents/fields";

/** A document as every reader outside the database sees it: plain numbers and ISO dates. */
export type DocumentView = InvoiceFields & {
  id: string;
  status: Document["status"];
  error: string | null;
  /** Stable failure code when FAILED (src/lib/documents/failure-codes.ts). */
  errorCode: string | null;
  /** Derived: reviewStatus === NEEDS_REVIEW (kept for the public API and old readers). */
  needsReview: boolean;
  reviewStatus: Document["reviewStatus"];
  reviewReasons: ReviewReason[];
  reviewedAt: Date | null;
  reviewedById: string | null;
  duplicateOfId: string | null;
  notDuplicate: boolean;
  discardedAt: Date | null;
  version: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  pageCount: number | null;
  /** `PPPPP-NNNNNNNN`, or null while unknown. */
  numeroCompleto: string | null;
  fieldMeta: FieldMetaMap;
  externalSystemId: string | null;
  lastExportedAt: Date | null;
  exportConfigId: string | null;
  exportedVersion: number | null;
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date | null;
};

const num = (d: { toNumber(): number } | null): number | null => (d == null ? null : d.toNumber());
const day = (d: Date | null): string | null => (d == null ? null : d.toISOString().slice(0, 10));

export function extractFields(row: Document): InvoiceFields {
  return {
    tipoCodigo: row.tipoCodigo,
    tipo: row.tipo,
    puntoVenta: row.puntoVenta,
    numero: row.numero == null ? null : Number(row.numero),
    fecha: day(row.fecha),
    proveedorCuit: row.proveedorCuit,
    proveedorRazonSocial: row.proveedorRazonSocial,
    receptorCuit: row.receptorCuit,
    receptorNombre: row.receptorNombre,
    neto: num(row.neto),
    iva: (row.iva as IvaLine[] | null) ?? null,
    otrosImpuestos: num(row.otrosImpuestos),
    total: num(row.total),
    moneda: row.moneda,
    cotizacion: num(row.cotizacion),
    cae: row.cae,
    caeVencimiento: day(row.caeVencimiento),
    noGravado: num(row.noGravado),
    exento: num(row.exento),
    percepcionesIva: num(row.percepcionesIva),
    percepcionesIibb: (row.percepcionesIibb as PercepcionIibb[] | null) ?? null,
    impuestosInternos: num(row.impuestosInternos),
    otrosTributos: num(row.otrosTributos),
  };
}

/** The column values for a set of fields (the inverse of `extractFields`). */
export function fieldsToColumns(fields: Partial<InvoiceFields>) {
  const date = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : new Date(`${s}T00:00:00Z`));
  const { numero, fecha, caeVencimiento, iva, percepcionesIibb, ...rest } = fields;
  return {
    ...rest,
    ...(numero !== undefined ? { numero: numero === null ? null : BigInt(numero) } : {}),
    ...(fecha !== undefined ? { fecha: date(fecha) } : {}),
    ...(caeVencimiento !== undefined ? { caeVencimiento: date(caeVencimiento) } : {}),
    ...(iva !== undefined ? { iva: iva === null ? Prisma.DbNull : iva } : {}),
    ...(percepcionesIibb !== undefined ? { percepcionesIibb: percepcionesIibb === null ? Prisma.DbNull : percepcionesIibb } : {}),
  };
}

export function toDocumentView(row: Document): DocumentView {
  const fields = extractFields(row);
  return {
    ...fields,
    id: row.id,
    status: row.status,
    error: row.error,
    errorCode: row.errorCode,
    needsReview: row.reviewStatus === "NEEDS_REVIEW",
    reviewStatus: row.reviewStatus,
    reviewReasons: Array.isArray(row.reviewReasons) ? (row.reviewReasons as ReviewReason[]) : [],
    reviewedAt: row.reviewedAt,
    reviewedById: row.reviewedById,
    duplicateOfId: row.duplicateOfId,
    notDuplicate: row.notDuplicate,
    discardedAt: row.discardedAt,
    version: row.version,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    pageCount: row.pageCount,
    numeroCompleto: formatComprobanteNumber(fields.puntoVenta, fields.numero),
    fieldMeta: row.fieldMeta as FieldMetaMap,
    externalSystemId: row.externalSystemId,
    lastExportedAt: row.lastExportedAt,
    exportConfigId: row.exportConfigId,
    exportedVersion: row.exportedVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    processedAt: row.processedAt,
  };
}
