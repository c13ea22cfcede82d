/**
 * One realistic example per public schema. openapi.ts puts each on its component and on every
 * property (so each field of the served document shows an example), and the OpenAPI tests check
 * every example validates against its schema — examples cannot drift from the wire shapes.
 * The event samples live in the catalogue (src/server/events/catalog.ts) and embed these documents.
 */
import type { z } from "zod";
import type { PublicFields } from "./public-fields";
import type { documentSchema } from "./schemas";

type PublicDocument = z.output<typeof documentSchema>;

const SAMPLE_TIME = "2025-01-20T13:30:00.000Z";
const NOT_REVIEWED = "Sin revisar: marcalo como revisado o usá «exportar igual».";

export const SAMPLE_FIELDS: PublicFields = {
  tipoCodigo: 1,
  tipo: "FACTURA_A",
  puntoVenta: 1,
  numero: 12345,
  fecha: "2025-01-20",
  proveedorCuit: "30123456789",
  proveedorRazonSocial: "Proveedor SA",
  receptorCuit: "30712345678",
  receptorNombre: "Estudio Cliente SRL",
  neto: "10000.00",
  iva: [{ rate: "21", base: "10000.00", amount: "2100.00" }],
  otrosImpuestos: "400.50",
  total: "12500.50",
  moneda: "PES",
  cotizacion: "1",
  cae: "75123456789012",
  caeVencimiento: "2025-01-30",
  noGravado: "0.00",
  exento: "0.00",
  percepcionesIva: "300.00",
  percepcionesIibb: [{ jurisdiccion: "Buenos Aires", amount: "100.50" }],
  impuestosInternos: "0.00",
  otrosTributos: "0.00",
};

const NO_FIELDS = Object.fromEntries(Object.keys(SAMPLE_FIELDS).map((k) => [k, null])) as PublicFields;

export const SAMPLE_FAILED_DOCUMENT: PublicDocument = {
  id: "doc_123",
  status: "FAILED",
  error: "No se pudieron extraer datos suficientes del documento.",
  errorCode: "NOT_AN_INVOICE",
  needsReview: false,
  fileName: "factura.pdf",
  mimeType: "application/pdf",
  sizeBytes: 48213,
  sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  pageCount: 1,
  numeroCompleto: null,
  fields: NO_FIELDS,
  fieldMeta: {},
  version: 2,
  exportState: "NOT_EXPORTED",
  corrections: 0,
  createdAt: "2025-01-20T13:29:40.000Z",
  updatedAt: SAMPLE_TIME,
  processedAt: SAMPLE_TIME,
  review: { status: "NOT_READY", reviewedAt: null, exportable: false, blockedReason: NOT_REVIEWED },
};

export const SAMPLE_DOCUMENT: PublicDocument = {
  ...SAMPLE_FAILED_DOCUMENT,
  status: "COMPLETED",
  error: null,
  errorCode: null,
  needsReview: true,
  numeroCompleto: "00001-00012345",
  fields: SAMPLE_FIELDS,
  fieldMeta: { total: { source: "TEXT", confidence: 0.62, flag: "Confianza baja" }, proveedorCuit: { source: "QR", confidence: 1 } },
  review: { status: "NEEDS_REVIEW", reviewedAt: null, exportable: false, blockedReason: NOT_REVIEWED },
};

/** After a correction of `total` and a review (document.updated's sample). */
export const SAMPLE_CORRECTED_DOCUMENT: PublicDocument = {
  ...SAMPLE_DOCUMENT,
  needsReview: false,
  version: 3,
  corrections: 1,
  fieldMeta: { total: { source: "USER", confidence: 1 }, proveedorCuit: { source: "QR", confidence: 1 } },
  review: { status: "REVIEWED", reviewedAt: "2025-01-20T14:02:11.000Z", exportable: true, blockedReason: null },
};

const SAMPLE_ENDPOINT = {
  id: "whe_123",
  url: "https://erp.example.com/webhooks/contaflow",
  description: "ERP de producción",
  eventTypes: ["document.processed", "document.updated"],
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  timeoutSeconds: 15,
  customHeaders: { "X-Cliente": "estudio-demo" },
  rateLimitPerSecond: 10,
  filter: [{ field: "tipo", op: "eq", values: ["FACTURA_A", "FACTURA_B"] }],
  secretHint: "whsec_…3f9a",
  rotationEndsAt: "2025-01-13T09:15:00.000Z",
  contractSwitchAt: "2025-01-13T09:15:00.000Z",
  createdAt: "2025-01-10T12:00:00.000Z",
  updatedAt: "2025-01-12T09:15:00.000Z",
};

const SAMPLE_CREDENTIALS = { endpoint: SAMPLE_ENDPOINT, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", token: "wht_2b7e151628aed2a6abf7158809cf4f3c" };

/** By component id (the ids openapi.ts registers). */
export const COMPONENT_EXAMPLES: Record<string, unknown> = {
  Problem: { type: "https://contaflow.ar/problems/validation", title: "Datos inválidos", status: 400, detail: "Revisá los parámetros marcados.", code: "VALIDATION", instance: "/api/v1/documents", errors: { limit: ["Máximo 100"] } },
  InvoiceFields: SAMPLE_FIELDS,
  FieldMeta: { source: "TEXT", confidence: 0.62, flag: "Confianza baja" },
  IvaLine: SAMPLE_FIELDS.iva![0],
  PercepcionIibb: SAMPLE_FIELDS.percepcionesIibb![0],
  DocumentReview: SAMPLE_CORRECTED_DOCUMENT.review,
  Document: SAMPLE_DOCUMENT,
  DocumentList: { data: [SAMPLE_DOCUMENT], nextCursor: "eyJ0IjoiMjAyNS0wMS0yMFQxMzozMDowMC4wMDBaIiwiaWQiOiJkb2NfMTIzIn0" },
  ParseAccepted: { id: "doc_123", status: "PENDING", duplicate: false, error: null, errorCode: null, statusUrl: "https://contaflow.example.com/api/v1/parse/doc_123", documentUrl: "https://contaflow.example.com/api/v1/documents/doc_123" },
  ParseStatus: { id: "doc_123", status: "COMPLETED", done: true, error: null, errorCode: null, needsReview: true, fields: SAMPLE_FIELDS, fieldMeta: SAMPLE_DOCUMENT.fieldMeta, createdAt: SAMPLE_DOCUMENT.createdAt, processedAt: SAMPLE_TIME },
  ParseUpload: { file: "factura.pdf" },
  TokenRequest: { grant_type: "client_credentials", scope: "documents:read parse", code: "c0d3", redirect_uri: "https://erp.example.com/callback", code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", refresh_token: "rt_9a8b7c", client_id: "cf_abc123", client_secret: "cfs_…" },
  TokenResponse: { access_token: "cfat_3f9a0c1b2d", token_type: "Bearer", expires_in: 900, scope: "documents:read parse", refresh_token: "cfrt_7d6e5f" },
  OAuthError: { error: "invalid_client", error_description: "Cliente inválido o revocado" },
  DocumentCorrection: { fields: { total: "12600.50", proveedorCuit: "30123456789" } },
  ReviewRequest: { acknowledgeWarnings: true },
  DocumentDeleted: { id: "doc_123", deleted: true },
  EventList: { data: [{ id: "evt_01JH8Z", type: "document.updated", occurredAt: SAMPLE_TIME, payload: { type: "document.updated", version: 2, timestamp: SAMPLE_TIME, documentoId: "doc_123" } }], nextCursor: "evt_01JH8Z" },
  EventItem: { id: "evt_01JH8Z", type: "document.updated", occurredAt: SAMPLE_TIME, payload: { type: "document.updated", version: 2, timestamp: SAMPLE_TIME, documentoId: "doc_123" } },
  WebhookEndpointCreate: { url: SAMPLE_ENDPOINT.url, description: SAMPLE_ENDPOINT.description, eventTypes: SAMPLE_ENDPOINT.eventTypes, timeoutSeconds: 15, customHeaders: "X-Cliente: estudio-demo", rateLimitPerSecond: 10, filter: "tipo = FACTURA_A, FACTURA_B", enabled: true },
  WebhookEndpointUpdate: { url: SAMPLE_ENDPOINT.url, description: SAMPLE_ENDPOINT.description, eventTypes: SAMPLE_ENDPOINT.eventTypes, timeoutSeconds: 20, customHeaders: "X-Cliente: estudio-demo", rateLimitPerSecond: null, filter: "" },
  WebhookSecretRotation: { graceHours: 24, contractHeaders: "keep-previous" },
  WebhookEndpoint: SAMPLE_ENDPOINT,
  WebhookEndpointList: { data: [{ ...SAMPLE_ENDPOINT, health: { succeeded: 120, failed: 2, pending: 0, successRate: 0.9836, lastDeliveryAt: SAMPLE_TIME } }] },
  WebhookEndpointCredentials: SAMPLE_CREDENTIALS,
  WebhookEndpointDeleted: { id: "whe_123" },
};

/** Where the component's example leaves properties out (a correction names few fields): a fuller value for the per-property examples. */
export const PROPERTY_EXAMPLES: Record<string, unknown> = {
  DocumentCorrection: { fields: SAMPLE_FIELDS },
};
