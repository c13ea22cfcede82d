/**
 * The public API's wire shapes as zod schemas: the handlers validate queries with them and the
 * OpenAPI document (openapi.ts) is generated from them, so the two cannot drift apart.
 */
import { z } from "zod";
import { FAILURE_CODES } from "@/lib/documents/failure-codes";
import { FIELD_SOURCES } from "@/lib/documents/fields";
import { correctionFieldsSchema } from "@/lib/schemas/documents";
import { publicCorrectionFieldsSchema, publicFieldsSchema } from "./public-fields";

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

/** Where one extracted value came from (public copy of the domain's fieldMetaSchema, described). */
export const publicFieldMetaSchema = z
  .object({
    source: z.enum(FIELD_SOURCES).describe("Origen del valor: QR (código QR de ARCA), TEXT (texto del PDF), OCR, AI, USER (corregido por una persona o una integración) o DIRECTORY (directorio de proveedores)."),
    confidence: z.number().min(0).max(1).describe("Confianza del valor, de 0 a 1 (1 para valores de QR o corregidos por una persona)."),
    flag: z.string().optional().describe("Por qué conviene revisarlo (en español), cuando las fuentes no coinciden o la evidencia es débil."),
  })
  .describe("Origen y confianza de un campo extraído.");
const fieldMetaMap = z.record(z.string(), publicFieldMetaSchema);

export const failureCodeSchema = z
  .enum(FAILURE_CODES)
  .nullable()
  .describe(
    "Código estable de por qué falló (solo con status FAILED; null en otro caso): UNREADABLE_FILE, EMPTY_FILE, UNSUPPORTED_FILE, ENCRYPTED_PDF, TOO_LARGE, TOO_MANY_PAGES, OCR_FAILED, TIMEOUT, NOT_AN_INVOICE, INTERNAL_ERROR. Se pueden agregar códigos nuevos: tratá uno desconocido como un fallo genérico.",
  );

export const REVIEW_STATUSES = ["NOT_READY", "UNREVIEWED", "NEEDS_REVIEW", "REVIEWED"] as const;

export const documentReviewSchema = z
  .object({
    status: z.enum(REVIEW_STATUSES).describe("NOT_READY: sin procesar; UNREVIEWED: procesado, sin revisar; NEEDS_REVIEW: tiene motivos abiertos; REVIEWED: una persona lo marcó como revisado."),
    reviewedAt: isoDateTime.nullable().describe("Cuándo se marcó como revisado (RFC 3339, UTC); null si no lo está."),
    exportable: z.boolean().describe("true solo si está revisado, no descartado y no es un posible duplicado sin resolver: lo único que un sistema externo debería importar."),
    blockedReason: z.string().nullable().describe("Por qué no es exportable, en español (null si lo es)."),
  })
  .describe("Revisión del documento y si puede salir hacia otro sistema (la misma regla que usan las exportaciones).");

export const EXPORT_STATES = ["NOT_EXPORTED", "EXPORTED", "OUTDATED"] as const;

export const documentSchema = z
  .object({
    id: z.string().describe("Identificador del documento."),
    status: z.enum(DOCUMENT_STATUSES).describe("PENDING: en cola; PROCESSING: procesando; COMPLETED: datos extraídos; FAILED: no se pudo procesar."),
    error: z.string().nullable().describe("Motivo cuando status es FAILED, en español, para personas."),
    errorCode: failureCodeSchema,
    needsReview: z.boolean().describe("Hay datos con baja confianza o advertencias de validación."),
    fileName: z.string().describe("Nombre del archivo tal como se subió."),
    mimeType: z.string().describe("Tipo MIME del archivo (application/pdf, image/png, image/jpeg)."),
    sizeBytes: z.number().int().describe("Tamaño del archivo en bytes."),
    sha256: z.string().describe("SHA-256 (hex) del archivo."),
    pageCount: z.number().int().nullable().describe("Cantidad de páginas; null hasta procesarlo o si no aplica."),
    numeroCompleto: z.string().nullable().describe("Punto de venta y número, PPPPP-NNNNNNNN."),
    fields: publicFieldsSchema.describe("Datos extraídos por un procesamiento COMPLETED; antes de eso y si falló, todos null."),
    fieldMeta: fieldMetaMap.describe("Origen (QR, TEXT, OCR, AI, USER, DIRECTORY) y confianza de cada campo extraído; `flag` cuando las fuentes no coinciden."),
    version: z.number().int().positive().describe("Versión del documento: sube con cada procesamiento y corrección. Va como ETag y en If-Match para corregir."),
    exportState: z.enum(EXPORT_STATES).describe("NOT_EXPORTED: nunca se exportó · EXPORTED: se exportó esta versión · OUTDATED: se exportó y después cambió."),
    corrections: z.number().int().nonnegative().describe("Cantidad de correcciones de campos hechas por personas o integraciones (cada una emite document.updated)."),
    createdAt: isoDateTime.describe("Cuándo se subió (RFC 3339, UTC)."),
    updatedAt: isoDateTime.describe("Último cambio de cualquier tipo (RFC 3339, UTC): el orden de la sincronización incremental."),
    processedAt: isoDateTime.nullable().describe("Cuándo terminó el último procesamiento (RFC 3339, UTC); null si todavía no terminó."),
    review: documentReviewSchema.describe("Revisión del documento y si puede salir hacia otro sistema."),
  })
  .describe("Un comprobante subido a Contaflow.");

export const documentListSchema = z
  .object({
    data: z.array(documentSchema).describe("Los documentos de esta página."),
    nextCursor: z.string().nullable().describe("Pasalo como cursor para obtener la página siguiente; null si no hay más."),
  })
  .describe("Una página de documentos.");

export const listDocumentsQuery = z.strictObject({
  limit: z.coerce
    .number({ error: "Debe ser un número entero" })
    .int("Debe ser un número entero")
    .min(1, "Mínimo 1")
    .max(100, "Máximo 100")
    .default(25)
    .describe("Cantidad por página (1–100)."),
  cursor: z.string().min(1).max(500, "Cursor inválido").optional().describe("Cursor opaco devuelto como nextCursor."),
  status: z.enum(DOCUMENT_STATUSES, { error: "Usá PENDING, PROCESSING, COMPLETED o FAILED" }).optional().describe("Estado del procesamiento."),
  proveedorCuit: z
    .string()
    .regex(/^(\d{11}|\d{2}-\d{8}-\d)$/, "CUIT de 11 dígitos, con o sin guiones (30-71234567-8)")
    .transform((v) => v.replace(/-/g, ""))
    .optional()
    .describe("CUIT del proveedor, con guiones como en los webhooks (30-71234567-8) o sin ellos."),
  tipo: z.string().min(1).max(40, "Hasta 40 caracteres").optional().describe("Tipo de comprobante, p. ej. FACTURA_A."),
  fechaDesde: z.iso.date("Fecha AAAA-MM-DD").optional().describe("Fecha de emisión desde (inclusive)."),
  fechaHasta: z.iso.date("Fecha AAAA-MM-DD").optional().describe("Fecha de emisión hasta (inclusive)."),
  creadoDesde: z.iso
    .datetime({ offset: true, error: "Fecha y hora RFC 3339, p. ej. 2026-11-01T00:00:00Z o 2026-11-01T19:12:00-03:00" })
    .optional()
    .describe("Subidos desde este momento (inclusive); RFC 3339 con Z o con desplazamiento (-03:00)."),
  exportable: z
    .enum(["true", "false"], { error: "Usá true o false" })
    .optional()
    .describe("true: solo documentos que pueden salir hacia otro sistema (revisados, no descartados, sin duplicado sin resolver) — usalo para importar en un ERP. false: solo los que no."),
  reviewStatus: z.enum(REVIEW_STATUSES, { error: "Usá NOT_READY, UNREVIEWED, NEEDS_REVIEW o REVIEWED" }).optional().describe("Estado de revisión."),
  exportState: z
    .enum(EXPORT_STATES, { error: "Usá NOT_EXPORTED, EXPORTED u OUTDATED" })
    .optional()
    .describe("NOT_EXPORTED: nunca se exportó · EXPORTED: se exportó esta versión · OUTDATED: se exportó y después cambió (corrección o reprocesamiento)."),
  updatedSince: z.iso
    .datetime("Fecha y hora ISO 8601, p. ej. 2026-11-01T00:00:00Z")
    .optional()
    .describe("Sincronización incremental: solo los que cambiaron desde este momento (inclusive), del cambio más viejo al más nuevo (updatedAt, desempate por id). Guardá el nextCursor de la última página y seguí desde ahí. Un cambio aparece unos 5 segundos después de ocurrir."),
});

export const idParam = z.object({ id: z.string().min(1).max(100) });

export const parseAcceptedSchema = z
  .object({
    id: z.string().describe("Identificador del documento."),
    status: z.enum(DOCUMENT_STATUSES).describe("Estado del procesamiento: PENDING al aceptar un archivo nuevo."),
    duplicate: z
      .boolean()
      .describe("El mismo archivo ya se había subido: se devuelve ese documento tal como está (200). Si había fallado, status es FAILED con error y errorCode: no se reprocesa solo."),
    error: z.string().nullable().describe("Con duplicate y status FAILED: por qué falló la primera vez."),
    errorCode: failureCodeSchema,
    statusUrl: z.string().describe("GET a esta URL para consultar el estado y los datos extraídos (absoluta, con APP_URL)."),
    documentUrl: z.string().describe("URL del documento en la API (absoluta, con APP_URL)."),
  })
  .describe("Un archivo aceptado para procesar (o el documento que ya existía con el mismo archivo).");

export const parseStatusSchema = z
  .object({
    id: z.string().describe("Identificador del documento."),
    status: z.enum(DOCUMENT_STATUSES).describe("PENDING: en cola; PROCESSING: procesando; COMPLETED: datos extraídos; FAILED: no se pudo procesar."),
    done: z.boolean().describe("true cuando status es COMPLETED o FAILED."),
    error: z.string().nullable().describe("Motivo cuando status es FAILED, en español, para personas."),
    errorCode: failureCodeSchema,
    needsReview: z.boolean().describe("Hay datos con baja confianza o advertencias de validación."),
    fields: publicFieldsSchema.nullable().describe("Datos extraídos; null hasta que el documento esté COMPLETED."),
    fieldMeta: fieldMetaMap.describe("Origen y confianza de cada campo extraído."),
    createdAt: isoDateTime.describe("Cuándo se subió (RFC 3339, UTC)."),
    processedAt: isoDateTime.nullable().describe("Cuándo terminó el procesamiento (RFC 3339, UTC); null mientras no terminó."),
  })
  .describe("Estado del procesamiento de un documento.");

export const parseUploadSchema = z
  .object({ file: z.string().describe("El archivo del comprobante (PDF o imagen).").meta({ format: "binary" }) })
  .describe("Formulario multipart con el archivo.");

export const tokenRequestSchema = z
  .object({
    grant_type: z.enum(["client_credentials", "authorization_code", "refresh_token"]).describe("client_credentials para integraciones de servidor; authorization_code y refresh_token para aplicaciones que actúan por un usuario."),
    scope: z.string().optional().describe("Permisos separados por espacios."),
    code: z.string().optional().describe("El código recibido en redirect_uri (con authorization_code)."),
    redirect_uri: z.string().optional().describe("La misma redirect_uri de la autorización (con authorization_code)."),
    code_verifier: z.string().optional().describe("PKCE (S256), obligatorio con authorization_code."),
    refresh_token: z.string().optional().describe("El refresh token a usar (con refresh_token); se rota en cada uso."),
    client_id: z.string().optional().describe("Solo con client_secret_post."),
    client_secret: z.string().optional().describe("Solo con client_secret_post."),
  })
  .describe("Solicitud de tokens (application/x-www-form-urlencoded).");

export const tokenResponseSchema = z
  .object({
    access_token: z.string().describe("Token para Authorization: Bearer."),
    token_type: z.literal("Bearer").describe("Siempre Bearer."),
    expires_in: z.number().int().describe("Segundos de validez (900)."),
    scope: z.string().describe("Permisos concedidos, separados por espacios."),
    refresh_token: z.string().optional().describe("Solo con authorization_code y refresh_token; se rota en cada uso."),
  })
  .describe("Tokens emitidos (RFC 6749 §5.1).");

export const oauthErrorSchema = z
  .object({ error: z.string().describe("Código de error de OAuth: invalid_request, invalid_client, invalid_grant, invalid_scope, unsupported_grant_type."), error_description: z.string().optional().describe("Explicación para una persona.") })
  .describe("Error de OAuth 2.0 (RFC 6749 §5.2).");

/** PATCH /api/v1/documents/{id}: the fields to correct (the version goes in If-Match). */
export const correctionBodySchema = z
  .strictObject({
    fields: publicCorrectionFieldsSchema
      .refine((f) => Object.keys(f).length > 0, "No hay cambios para guardar")
      .pipe(correctionFieldsSchema)
      .describe("Solo los campos a corregir, con su valor nuevo; cada uno queda con origen USER y confianza 1."),
  })
  .describe("Corrección de campos de un documento procesado.");

/** POST /api/v1/documents/{id}/review. */
export const reviewBodySchema = z
  .strictObject({
    acknowledgeWarnings: z.boolean().optional().describe("true para confirmar que se revisaron las advertencias pendientes; sin esto, un documento con advertencias no se marca."),
  })
  .describe("Marcar como revisado, con las mismas reglas que la pantalla de revisión.");

export const deletedSchema = z.object({ id: z.string().describe("Identificador del documento borrado."), deleted: z.literal(true).describe("Siempre true.") }).describe("El documento se borró junto con su archivo y sus correcciones.");

export const listEventsQuery = z.strictObject({
  after: z.string().min(1).max(500, "Cursor inválido").optional().describe("Cursor: el nextCursor de la respuesta anterior. Sin él, desde el evento más viejo que se conserva."),
  limit: z.coerce.number({ error: "Debe ser un número entero" }).int("Debe ser un número entero").min(1, "Mínimo 1").max(500, "Máximo 500").default(100).describe("Cantidad por página (1–500)."),
});

export const eventItemSchema = z
  .object({
    id: z.string().describe("Identificador del evento: el mismo webhook-id con que se entregó a los webhooks."),
    type: z.string().describe("Tipo de evento, p. ej. document.processed (ver el catálogo de eventos)."),
    occurredAt: z.iso.datetime().describe("Momento en que se registró (ISO 8601, UTC)."),
    payload: z.record(z.string(), z.unknown()).describe("El cuerpo del evento, idéntico al que reciben los webhooks."),
  })
  .describe("Un evento de la organización.");

export const eventListSchema = z
  .object({
    data: z.array(eventItemSchema).describe("Eventos en el orden en que ocurrieron (los más viejos primero)."),
    nextCursor: z.string().nullable().describe("Pasalo como after para seguir; siempre presente cuando hubo eventos, así podés volver a consultar más tarde desde ahí. null si no hubo ninguno."),
  })
  .describe("Una página del registro de eventos.");
