/** Inputs of the documents area (list filters, corrections), shared by the router and the review UI. */
import { z } from "zod";
import { INVOICE_FIELD_NAMES, invoiceFieldsSchema, type InvoiceFieldName } from "@/lib/documents/fields";
import { REVIEW_FILTERS } from "@/lib/documents/review";

export const DOCUMENT_STATUSES = ["PENDING", "PROCESSING", "COMPLETED", "FAILED"] as const;
export type DocumentStatusName = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_SORT_FIELDS = ["createdAt", "fecha", "total", "proveedor", "numero", "status"] as const;
export type DocumentSortField = (typeof DOCUMENT_SORT_FIELDS)[number];

/** What the upload accepts (checked again on the server by content, never by name alone). */
export const ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif";

const isoDay = z.iso.date("Fecha con formato AAAA-MM-DD");

export const listDocumentsInput = z.object({
  status: z.enum(DOCUMENT_STATUSES).optional(),
  /** Invoice date (fecha) range, inclusive. */
  from: isoDay.optional(),
  to: isoDay.optional(),
  /** CUIT (with or without dashes) or part of the supplier's name. */
  supplier: z.string().trim().max(100).optional(),
  tipo: z.string().trim().max(40).optional(),
  /** The client selector: the client's CUIT (documents whose receptor CUIT it is). */
  cliente: z.string().regex(/^\d{11}$/, "CUIT de 11 dígitos").optional(),
  exported: z.boolean().optional(),
  /** Review state ("Para revisar" = NEEDS_REVIEW), or DISCARDED: discarded documents are listed only then. */
  review: z.enum(REVIEW_FILTERS).optional(),
  sort: z.enum(DOCUMENT_SORT_FIELDS).default("createdAt"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ListDocumentsInput = z.input<typeof listDocumentsInput>;

/** "Guardar y siguiente": the list's filters and sort, and the document being left. */
export const nextInQueueInput = listDocumentsInput.omit({ page: true, pageSize: true }).extend({ currentId: z.string().min(1) });
export type NextInQueueInput = z.input<typeof nextInQueueInput>;
export type ListDocumentsQuery = z.output<typeof listDocumentsInput>;

/** Only the fields being corrected; each one is checked with the shared invoice schema. */
export const correctionFieldsSchema = invoiceFieldsSchema.partial().refine((f) => Object.keys(f).length > 0, "No hay cambios para guardar");

export const correctDocumentInput = z.object({
  id: z.string().min(1),
  /** The version the person was looking at: a newer parse or correction in between → CONFLICT. */
  version: z.number().int().positive().optional(),
  fields: correctionFieldsSchema,
});
export type CorrectDocumentInput = z.infer<typeof correctDocumentInput>;

export const confirmFieldInput = z.object({ id: z.string().min(1), field: z.enum(INVOICE_FIELD_NAMES as [InvoiceFieldName, ...InvoiceFieldName[]]) });
export const markReviewedInput = z.object({ id: z.string().min(1), acknowledgeWarnings: z.boolean().optional() });
export const documentStatesInput = z.object({ ids: z.array(z.string().min(1)).max(200) });
export const markReviewedBulkInput = z.object({ ids: z.array(z.string().min(1)).min(1, "Elegí al menos un documento").max(100, "Hasta 100 documentos por vez") });
