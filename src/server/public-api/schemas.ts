/**
 * The public API's wire shapes as zod schemas: the handlers validate queries with them and the
 * OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart.
 */
import { z } from "zod";
import { fieldMetaSchema, invoiceFieldsSchema } from "@/lib/documents/fields";

export const DOCUMENT_STATUSES = ["PENDING", "PROCESSING", "COMPLETED", "FAILED"] as const;

export const problemSchema = z
  .object({
    type: z.string().describe("URI que identifica el tipo de problema."),
    title: z.string().describe("Resumen del tipo de problema."),
    status: z.number().int().describe("Código HTTP."),
    detail: z.string().describe("Explicación para una persona, en español."),
    code: z.string().describe("Código de error estable, p. ej. NOT_FOUND, VALIDATION, INSUFFICIENT_SCOPE, RATE_LIMITED."),
    instance: z.string().optional().describe("Ruta de la solicitud que falló."),
    errors: z.record(z.string(), z.array(z.string())).optional().describe("Errores por campo o parámetro."),
  })
  .describe("Detalle de un error (RFC 9457), con content-type application/problem+json.");

const isoDateTime = z.iso.datetime();

export const REVIEW_STATUSES = ["NOT_READY", "UNREVIEWED", "NEEDS_REVIEW", "REVIEWED"] as const;

export const documentReviewSchema = z
  .object({
    status: z.enum(REVIEW_STATUSES).describe("NOT_READY: sin procesar; UNREVIEWED: procesado, sin revisar; NEEDS_REVIEW: tiene motivos abiertos; REVIEWED: una persona lo marcó como revisado."),
    reviewedAt: isoDateTime.nullable(),
    exportable: z.boolean().describe("true solo si está revisado, no descartado y no es un posible duplicado sin resolver: lo único que un sistema externo debería importar."),
    blockedReason: z.string().nullable().describe("Por qué no es exportable, en español (null si lo es)."),
  })
  .describe("Revisión del documento y si puede salir hacia otro sistema (la misma regla que usan las exportaciones).");

export const documentSchema = z
  .object({
    id: z.string().describe("Identificador del documento."),
    status: z.enum(DOCUMENT_STATUSES).describe("PENDING: en cola; PROCESSING: procesando; COMPLETED: datos extraídos; FAILED: no se pudo procesar."),
    error: z.string().nullable().describe("Motivo cuando status es FAILED."),
    needsReview: z.boolean().describe("Hay datos con baja confianza o advertencias de validación."),
    fileName: z.string(),
    mimeType: z.string(),
    sizeBytes: z.number().int(),
    sha256: z.string().describe("SHA-256 (hex) del archivo."),
    pageCount: z.number().int().nullable(),
    numeroCompleto: z.string().nullable().describe("Punto de venta y número, PPPPP-NNNNNNNN."),
    fields: invoiceFieldsSchema,
    fieldMeta: z.record(z.string(), fieldMetaSchema).describe("Origen (QR, TEXT, OCR, AI, USER, DIRECTORY) y confianza de cada campo extraído; `flag` cuando las fuentes no coinciden."),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    processedAt: isoDateTime.nullable(),
    review: documentReviewSchema,
  })
  .describe("Un comprobante subido a Contaflow.");

export const documentListSchema = z
  .object({
    data: z.array(documentSchema),
    nextCursor: z.string().nullable().describe("Pasalo como cursor para obtener la página siguiente; null si no hay más."),
  });

export const listDocumentsQuery = z.strictObject({
  limit: z.coerce
    .number({ error: "Debe ser un número entero" })
    .int("Debe ser un número entero")
    .min(1, "Mínimo 1")
    .max(100, "Máximo 100")
    .default(25)
    .describe("Cantidad por página (1–100)."),
  cursor: z.string().min(1).max(500, "Cursor inválido").optional().describe("Cursor opaco devuelto como nextCursor."),
  status: z.enum(DOCUMENT_STATUSES, { error: "Usá PENDING, PROCESSING, COMPLETED o FAILED" }).optional(),
  proveedorCuit: z.string().regex(/^\d{11}$/, "CUIT de 11 dígitos sin guiones").optional().describe("CUIT del proveedor, 11 dígitos."),
  tipo: z.string().min(1).max(40, "Hasta 40 caracteres").optional().describe("Tipo de comprobante, p. ej. FACTURA_A."),
  fechaDesde: z.iso.date("Fecha AAAA-MM-DD").optional().describe("Fecha de emisión desde (inclusive)."),
  fechaHasta: z.iso.date("Fecha AAAA-MM-DD").optional().describe("Fecha de emisión hasta (inclusive)."),
  creadoDesde: z.iso.datetime("Fecha y hora ISO 8601, p. ej. 2026-11-01T00:00:00Z").optional().describe("Subidos desde este momento (inclusive)."),
  exportable: z
    .enum(["true", "false"], { error: "Usá true o false" })
    .optional()
    .describe("true: solo documentos que pueden salir hacia otro sistema (revisados, no descartados, sin duplicado sin resolver) — usalo para importar en un ERP. false: solo los que no."),
  reviewStatus: z.enum(REVIEW_STATUSES, { error: "Usá NOT_READY, UNREVIEWED, NEEDS_REVIEW o REVIEWED" }).optional().describe("Estado de revisión."),
});

export const idParam = z.object({ id: z.string().min(1).max(100) });

export const parseAcceptedSchema = z
  .object({
    id: z.string().describe("Identificador del documento."),
    status: z.enum(DOCUMENT_STATUSES),
    duplicate: z.boolean().describe("El mismo archivo ya se había subido: se devuelve ese documento."),
    statusUrl: z.string().describe("GET a esta URL para consultar el estado y los datos extraídos."),
    documentUrl: z.string(),
  });

export const parseStatusSchema = z
  .object({
    id: z.string(),
    status: z.enum(DOCUMENT_STATUSES),
    done: z.boolean().describe("true cuando status es COMPLETED o FAILED."),
    error: z.string().nullable(),
    needsReview: z.boolean(),
    fields: invoiceFieldsSchema.nullable().describe("Datos extraídos; null hasta que el documento esté COMPLETED."),
    fieldMeta: z.record(z.string(), fieldMetaSchema),
    createdAt: isoDateTime,
    processedAt: isoDateTime.nullable(),
  });

export const parseUploadSchema = z
  .object({ file: z.string().describe("El archivo del comprobante (PDF o imagen).").meta({ format: "binary" }) });

export const tokenRequestSchema = z
  .object({
    grant_type: z.enum(["client_credentials", "authorization_code", "refresh_token"]),
    scope: z.string().optional().describe("Permisos separados por espacios."),
    code: z.string().optional(),
    redirect_uri: z.string().optional(),
    code_verifier: z.string().optional().describe("PKCE (S256), obligatorio con authorization_code."),
    refresh_token: z.string().optional(),
    client_id: z.string().optional().describe("Solo con client_secret_post."),
    client_secret: z.string().optional().describe("Solo con client_secret_post."),
  });

export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().describe("Segundos de validez (900)."),
    scope: z.string(),
    refresh_token: z.string().optional().describe("Solo con authorization_code y refresh_token; se rota en cada uso."),
  });

export const oauthErrorSchema = z
  .object({ error: z.string(), error_description: z.string().optional() })
  .describe("Error de OAuth 2.0 (RFC 6749 §5.2).");
