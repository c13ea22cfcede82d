/**
 * The domain event catalogue: the events webhooks deliver. Payloads keep the seed's field
 * names and meaning (docs/reference/webhooks-integration-session.md); we only add `type`, `version`
 * and `timestamp` (for document.failed `timestamp` was already a seed field, same meaning).
 * The admin catalogue page renders `description`, `emittedWhen`, the JSON Schema and the sample;
 * webhook fan-out uses `EVENT_TYPES` for subscriptions and `parseDomainEvent` for outbox rows.
 */
import { z } from "zod";
import { FAILURE_CODES } from "@/lib/documents/failure-codes";
import { AppError } from "@/server/errors";
import { SAMPLE_CORRECTED_DOCUMENT, SAMPLE_DOCUMENT, SAMPLE_FAILED_DOCUMENT } from "@/server/public-api/examples";
import { documentSchema } from "@/server/public-api/schemas";
import * as f from "./fields";

interface EventDefinition<T extends string, S extends z.ZodType> {
  type: T;
  /** The schema version every new event of this type carries; `changes` says what each one added. */
  version: number;
  changes?: { version: number; change: string }[];
  /** What happened, for the catalogue page. */
  description: string;
  /** Which code path emits it. */
  emittedWhen: string;
  schema: S;
  sample: z.output<S>;
}

function defineEvent<T extends string, S extends z.ZodType>(def: EventDefinition<T, S>) {
  return def;
}

const SAMPLE_TIME = "2025-01-20T13:30:00.000Z";

/** The API's document object (src/server/public-api/document-representation.ts), carried as is. */
const apiDocument = documentSchema
  .optional()
  .describe("El documento tal como lo devuelve GET /api/v1/documents/{id} en el momento del evento (mismas convenciones que la API). Presente en todo evento real; puede faltar en eventos de prueba.");

const documentProcessed = defineEvent({
  type: "document.processed",
  version: 3,
  changes: [
    { version: 1, change: "Campos de la semilla e importes." },
    { version: 2, change: "Agrega requiereRevision y motivosRevision: el estado de revisión del documento al terminar el procesamiento. Los campos de la versión 1 no cambian." },
    { version: 3, change: "Agrega document: el mismo objeto que devuelve GET /api/v1/documents/{id} en ese momento (mismas convenciones). Los campos de las versiones 1 y 2 no cambian." },
  ],
  description: "Un documento se procesó correctamente y sus datos quedaron extraídos.",
  emittedWhen: "Al terminar con éxito el procesamiento (parseo) de un comprobante subido.",
  schema: z.strictObject({
    ...f.envelope("document.processed", 3),
    documentoId: f.documentoId,
    tipo: f.tipoComprobante,
    numero: f.numeroComprobante,
    fecha: f.fechaComprobante,
    total: f.total,
    proveedor: z
      .strictObject({
        cuit: f.cuit.nullable().describe("CUIT del proveedor con guiones, p. ej. 30-12345678-9; null si no se leyó."),
        razonSocial: z.string().min(1).nullable().describe("Razón social del proveedor."),
      })
      .nullable()
      .describe("Emisor del comprobante. null si no se pudo identificar."),
    estado: z.string().min(1).describe("Estado del procesamiento según la semilla: completed. Si hace falta revisarlo lo dicen requiereRevision y motivosRevision."),
    importes: f.importes,
    requiereRevision: z.boolean().describe("true si el documento necesita que una persona lo revise antes de exportarlo (hay motivos abiertos)."),
    motivosRevision: z.array(f.motivoRevision).describe("Motivos abiertos de revisión; vacío si no hay ninguno."),
    document: apiDocument,
  }),
  sample: {
    type: "document.processed",
    version: 3,
    timestamp: SAMPLE_TIME,
    documentoId: "doc_123",
    tipo: "FACTURA_A",
    numero: "0001-00012345",
    fecha: "2025-01-20",
    total: 12500.5,
    proveedor: { cuit: "30-12345678-9", razonSocial: "Proveedor SA" },
    estado: "completed",
    importes: { neto: 10000, iva: 2100, noGravado: null, exento: null, percepcionesIva: 300, percepcionesIibb: [{ jurisdiccion: "Buenos Aires", amount: 100.5 }], impuestosInternos: null, otrosTributos: null, otrosImpuestos: 400.5 },
    requiereRevision: true,
    motivosRevision: [{ codigo: "LOW_CONFIDENCE", campo: "total", severidad: "error", mensaje: "Total: confianza baja (62 %)." }],
    document: SAMPLE_DOCUMENT,
  },
});

const documentFailed = defineEvent({
  type: "document.failed",
  version: 2,
  changes: [
    { version: 1, change: "Campos de la semilla." },
    { version: 2, change: "Agrega codigoError (código estable del motivo, el errorCode de la API) y document (el objeto de GET /api/v1/documents/{id}). Los campos de la versión 1 no cambian." },
  ],
  description: "El procesamiento de un documento falló.",
  emittedWhen: "Cuando el procesamiento (parseo) de un comprobante termina con error.",
  schema: z.strictObject({
    ...f.envelope("document.failed", 2),
    documentoId: f.documentoId,
    error: f.errorMessage,
    codigoError: z.enum(FAILURE_CODES).optional().describe("Código estable de por qué falló (el mismo errorCode de la API). Pueden agregarse códigos: tratá uno desconocido como un fallo genérico. Presente en todo evento que emite el procesamiento."),
    document: apiDocument,
  }),
  sample: {
    type: "document.failed",
    version: 2,
    timestamp: SAMPLE_TIME,
    documentoId: "doc_123",
    error: "No se pudieron extraer datos suficientes del documento.",
    codigoError: "NOT_AN_INVOICE",
    document: SAMPLE_FAILED_DOCUMENT,
  },
});

const documentExported = defineEvent({
  type: "document.exported",
  version: 1,
  description: "Un documento se exportó a un sistema externo.",
  emittedWhen: "Cuando la exportación PUSH de un documento individual a un conector responde con éxito.",
  schema: z.strictObject({
    ...f.envelope("document.exported"),
    documentoId: f.documentoId,
    tipo: f.tipoComprobante,
    numero: f.numeroComprobante,
    total: f.total,
    externalId: z.string().min(1).describe("Identificador que el sistema externo asignó al documento (\"unknown\" si no devolvió uno)."),
    exportedAt: z.iso.datetime().describe("Momento de la exportación (ISO 8601, UTC)."),
  }),
  sample: {
    type: "document.exported",
    version: 1,
    timestamp: SAMPLE_TIME,
    documentoId: "doc_123",
    tipo: "FACTURA_A",
    numero: "0001-00012345",
    total: 12500.5,
    externalId: "ext_789",
    exportedAt: SAMPLE_TIME,
  },
});

const documentUpdated = defineEvent({
  type: "document.updated",
  version: 2,
  changes: [
    { version: 1, change: "documentoId, documentVersion, camposCorregidos, tipo, numero, total y requiereRevision." },
    { version: 2, change: "Agrega document: el mismo objeto que devuelve GET /api/v1/documents/{id} después de la corrección. Los campos de la versión 1 no cambian." },
  ],
  description: "Una persona o una integración corrigió datos de un documento ya procesado.",
  emittedWhen: "Al guardar una corrección de campos (pantalla de revisión o PATCH /api/v1/documents/{id}) que cambia al menos un campo.",
  schema: z.strictObject({
    ...f.envelope("document.updated", 2),
    documentoId: f.documentoId,
    documentVersion: z.number().int().positive().describe("Versión del documento después de la corrección (la que va en If-Match para la próxima)."),
    camposCorregidos: z.array(z.string().min(1)).min(1).describe("Nombres de los campos que cambiaron, p. ej. total, proveedorCuit."),
    tipo: f.tipoComprobante,
    numero: f.numeroComprobante,
    total: f.total,
    requiereRevision: z.boolean().describe("true si después de la corrección el documento sigue necesitando revisión."),
    document: apiDocument,
  }),
  sample: {
    type: "document.updated",
    version: 2,
    timestamp: SAMPLE_TIME,
    documentoId: "doc_123",
    documentVersion: 3,
    camposCorregidos: ["total"],
    tipo: "FACTURA_A",
    numero: "0001-00012345",
    total: 12500.5,
    requiereRevision: false,
    document: SAMPLE_CORRECTED_DOCUMENT,
  },
});

const exportCompleted = defineEvent({
  type: "export.completed",
  version: 1,
  description: "Una exportación PUSH completa terminó sin fallos.",
  emittedWhen: "Al terminar una exportación PUSH con al menos un documento exportado y ninguno fallido.",
  schema: z.strictObject({
    ...f.envelope("export.completed"),
    connectorId: f.connectorId,
    success: f.count("Cantidad de documentos exportados."),
    failed: f.count("Cantidad de documentos cuya exportación falló (0 en este evento)."),
    skipped: f.count("Cantidad de documentos omitidos (por ejemplo, ya exportados)."),
  }),
  sample: { type: "export.completed", version: 1, timestamp: SAMPLE_TIME, connectorId: "con_456", success: 12, failed: 0, skipped: 3 },
});

const exportFailed = defineEvent({
  type: "export.failed",
  version: 1,
  description: "Una exportación PUSH terminó con fallos.",
  emittedWhen: "Al terminar una exportación PUSH en la que falló al menos un documento.",
  schema: z.strictObject({
    ...f.envelope("export.failed"),
    connectorId: f.connectorId,
    error: f.errorMessage.describe("Errores de la exportación, separados por \"; \"."),
  }),
  sample: {
    type: "export.failed",
    version: 1,
    timestamp: SAMPLE_TIME,
    connectorId: "con_456",
    error: "Documento doc_124: el sistema externo respondió 422; 2 exportaciones fallidas",
  },
});

const syncCompleted = defineEvent({
  type: "sync.completed",
  version: 1,
  description: "Una sincronización PULL terminó con éxito (total o parcial).",
  emittedWhen: "Al terminar una sincronización PULL con estado SUCCESS o PARTIAL.",
  schema: z.strictObject({
    ...f.envelope("sync.completed"),
    connectorId: f.connectorId,
    success: f.count("Cantidad de registros importados."),
    failed: f.count("Cantidad de registros que no se pudieron importar."),
    staged: f.count("Cantidad de registros que quedaron pendientes de revisión."),
  }),
  sample: { type: "sync.completed", version: 1, timestamp: SAMPLE_TIME, connectorId: "con_456", success: 40, failed: 1, staged: 5 },
});

const syncFailed = defineEvent({
  type: "sync.failed",
  version: 1,
  description: "Una sincronización PULL falló.",
  emittedWhen: "Al terminar una sincronización PULL con estado fallido.",
  schema: z.strictObject({
    ...f.envelope("sync.failed"),
    connectorId: f.connectorId,
    error: f.errorMessage.describe("Errores de la sincronización, separados por \"; \"."),
  }),
  sample: { type: "sync.failed", version: 1, timestamp: SAMPLE_TIME, connectorId: "con_456", error: "Fallo en la sincronización" },
});

export const eventCatalog = {
  "document.processed": documentProcessed,
  "document.failed": documentFailed,
  "document.exported": documentExported,
  "document.updated": documentUpdated,
  "export.completed": exportCompleted,
  "export.failed": exportFailed,
  "sync.completed": syncCompleted,
  "sync.failed": syncFailed,
} as const;

export type EventType = keyof typeof eventCatalog;
export const EVENT_TYPES = Object.keys(eventCatalog) as EventType[];

export const domainEventSchema = z.discriminatedUnion("type", [
  documentProcessed.schema,
  documentFailed.schema,
  documentExported.schema,
  documentUpdated.schema,
  exportCompleted.schema,
  exportFailed.schema,
  syncCompleted.schema,
  syncFailed.schema,
]);

export type DomainEvent = z.output<typeof domainEventSchema>;
export type DomainEventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export function isEventType(value: unknown): value is EventType {
  return typeof value === "string" && Object.hasOwn(eventCatalog, value);
}

/** Validates an event (an outbox row, a test-event request). Throws AppError with the zod issues. */
export function parseDomainEvent(input: unknown): DomainEvent {
  const parsed = domainEventSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(evento)"}: ${i.message}`).join("; ");
  throw new AppError("BAD_REQUEST", `Evento inválido: ${detail}`, undefined, { cause: parsed.error });
}

/** JSON Schema of one event type, for the catalogue page. */
export function eventJsonSchema(type: EventType) {
  return z.toJSONSchema(eventCatalog[type].schema);
}
