/**
 * The domain event catalogue: the seven events webhooks deliver. Payloads keep the seed's field
 * names and meaning (shared/seeds/webhooks-integration-session.md); we only add `type`, `version`
 * and `timestamp` (for document.failed `timestamp` was already a seed field, same meaning).
 * The admin catalogue page renders `description`, `emittedWhen`, the JSON Schema and the sample;
 * webhook fan-out uses `EVENT_TYPES` for subscriptions and `parseDomainEvent` for outbox rows.
 */
import { z } from "zod";
import { AppError } from "@/server/errors";
import * as f from "./fields";

interface EventDefinition<T extends string, S extends z.ZodType> {
  type: T;
  version: 1;
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

const documentProcessed = defineEvent({
  type: "document.processed",
  version: 1,
  description: "Un documento se procesó correctamente y sus datos quedaron extraídos.",
  emittedWhen: "Al terminar con éxito el procesamiento (parseo) de un comprobante subido.",
  schema: z.strictObject({
    ...f.envelope("document.processed"),
    documentoId: f.documentoId,
    tipo: f.tipoComprobante,
    numero: f.numeroComprobante,
    fecha: f.fechaComprobante,
    total: f.total,
    proveedor: z
      .strictObject({
        cuit: f.cuit.nullable(),
        razonSocial: z.string().min(1).nullable().describe("Razón social del proveedor."),
      })
      .nullable()
      .describe("Emisor del comprobante. null si no se pudo identificar."),
    estado: z.string().min(1).describe("Estado del documento tras el procesamiento, p. ej. completed."),
    importes: f.importes,
  }),
  sample: {
    type: "document.processed",
    version: 1,
    timestamp: SAMPLE_TIME,
    documentoId: "doc_123",
    tipo: "FACTURA_A",
    numero: "0001-00012345",
    fecha: "2025-01-20",
    total: 12500.5,
    proveedor: { cuit: "30-12345678-9", razonSocial: "Proveedor SA" },
    estado: "completed",
    importes: { neto: 10000, iva: 2100, noGravado: null, exento: null, percepcionesIva: 300, percepcionesIibb: [{ jurisdiccion: "Buenos Aires", amount: 100.5 }], impuestosInternos: null, otrosTributos: null, otrosImpuestos: 400.5 },
  },
});

const documentFailed = defineEvent({
  type: "document.failed",
  version: 1,
  description: "El procesamiento de un documento falló.",
  emittedWhen: "Cuando el procesamiento (parseo) de un comprobante termina con error.",
  schema: z.strictObject({
    ...f.envelope("document.failed"),
    documentoId: f.documentoId,
    error: f.errorMessage,
  }),
  sample: {
    type: "document.failed",
    version: 1,
    timestamp: SAMPLE_TIME,
    documentoId: "doc_123",
    error: "No se pudieron extraer datos suficientes del documento.",
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
