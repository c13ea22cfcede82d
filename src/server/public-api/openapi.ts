import "server-only";
import { z } from "zod";
import { API_SCOPES, API_SCOPE_LABELS } from "@/lib/schemas/api-clients";
import { eventCatalog } from "@/server/events/catalog";
import { ACCESS_TOKEN_TTL_S } from "@/server/oauth/tokens";
import { COMPONENT_EXAMPLES, PROPERTY_EXAMPLES } from "./examples";
import { publicFieldsSchema, publicIvaLineSchema, publicPercepcionIibbSchema } from "./public-fields";
import {
  createWebhookBody,
  rotateWebhookBody,
  updateWebhookBody,
  webhookEndpointCredentialsSchema,
  webhookEndpointDeletedSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
} from "./webhook-endpoints";
import {
  documentReviewSchema,
  eventItemSchema,
  publicFieldMetaSchema,
  eventListSchema,
  listEventsQuery,
  correctionBodySchema,
  deletedSchema,
  reviewBodySchema,
  documentListSchema,
  documentSchema,
  listDocumentsQuery,
  oauthErrorSchema,
  parseAcceptedSchema,
  parseStatusSchema,
  parseUploadSchema,
  problemSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from "./schemas";

type Json = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const jsonBody = (id: string, description: string, headers?: Json) => ({ description, ...(headers ? { headers } : {}), content: { "application/json": { schema: ref(id) } } });
const problemRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
const rateHeaders = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
  "RateLimit-Policy": { $ref: "#/components/headers/RateLimit-Policy" },
};
const common = { "401": problemRef("Unauthorized"), "403": problemRef("Forbidden"), "429": problemRef("TooManyRequests"), "500": problemRef("Internal"), "503": problemRef("Unavailable") };
const idempotencyKey = { $ref: "#/components/parameters/Idempotency-Key" };
const etagHeader = { ETag: { description: "Versión del documento entre comillas, p. ej. \"3\": mandala en If-Match para corregirlo.", schema: { type: "string" } } };
const webhookIdPath = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Identificador del endpoint de webhooks.", example: "whe_123" };
const idPath = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Identificador del documento.", example: "doc_123" };

/** What the API answers (and the webhooks send): the output side of the zod schemas. */
const OUTPUT_SCHEMAS: Record<string, z.ZodType> = {
  Problem: problemSchema,
  InvoiceFields: publicFieldsSchema,
  IvaLine: publicIvaLineSchema,
  PercepcionIibb: publicPercepcionIibbSchema,
  FieldMeta: publicFieldMetaSchema,
  DocumentReview: documentReviewSchema,
  Document: documentSchema,
  DocumentList: documentListSchema,
  ParseAccepted: parseAcceptedSchema,
  ParseStatus: parseStatusSchema,
  TokenResponse: tokenResponseSchema,
  OAuthError: oauthErrorSchema,
  DocumentProcessedEvent: eventCatalog["document.processed"].schema,
  DocumentFailedEvent: eventCatalog["document.failed"].schema,
  DocumentUpdatedEvent: eventCatalog["document.updated"].schema,
  DocumentDeleted: deletedSchema,
  EventItem: eventItemSchema,
  EventList: eventListSchema,
  WebhookEndpoint: webhookEndpointSchema,
  WebhookEndpointList: webhookEndpointListSchema,
  WebhookEndpointCredentials: webhookEndpointCredentialsSchema,
  WebhookEndpointDeleted: webhookEndpointDeletedSchema,
};

/** What clients send: the input side (defaults optional, text fields before their transforms). */
const INPUT_SCHEMAS: Record<string, z.ZodType> = {
  ParseUpload: parseUploadSchema,
  TokenRequest: tokenRequestSchema,
  DocumentCorrection: correctionBodySchema,
  ReviewRequest: reviewBodySchema,
  WebhookEndpointCreate: createWebhookBody,
  WebhookEndpointUpdate: updateWebhookBody,
  WebhookSecretRotation: rotateWebhookBody,
};

/** Examples: the component's own (examples.ts, or the catalogue's sample for an event). */
function exampleOf(id: string): unknown {
  const event = Object.values(eventCatalog).find((e) => e.schema === OUTPUT_SCHEMAS[id]);
  return event ? event.sample : COMPONENT_EXAMPLES[id];
}

function toComponents(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io, unrepresentable: "any" }).schemas;
  return Object.fromEntries(
    Object.entries(out).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s as Json;
      const example = exampleOf(id);
      // Test events carry `test: true`; show it on that property without putting it in the sample.
      const forProperties = id.endsWith("Event") ? { ...(example as Json), test: true } : (PROPERTY_EXAMPLES[id] ?? example);
      const withProps = example === undefined ? rest : (withExamples(rest, forProperties) as Json);
      return [id, { ...(openForExtension(withProps) as Json), ...(example === undefined ? {} : { examples: [example] }) }];
    }),
  );
}

/** Every schema in components, generated from the zod schemas the handlers use. */
function componentSchemas(): Record<string, Json> {
  return { ...toComponents(OUTPUT_SCHEMAS, "output"), ...toComponents(INPUT_SCHEMAS, "input") };
}

/**
 * Gives every property of a schema an example taken from the component's example value, so each
 * field of the document shows one (the component keeps the whole value as its own example).
 */
function withExamples(node: unknown, sample: unknown): unknown {
  if (!node || typeof node !== "object" || Array.isArray(node) || sample === undefined || sample === null) return node;
  const schema = { ...(node as Json) };
  if (schema.properties && typeof sample === "object" && !Array.isArray(sample)) {
    schema.properties = Object.fromEntries(
      Object.entries(schema.properties as Json).map(([key, prop]) => {
        const value = (sample as Json)[key];
        if (value === undefined) return [key, prop];
        const filled = withExamples(prop, value) as Json;
        return [key, "examples" in filled ? filled : { ...filled, examples: [value] }];
      }),
    );
  }
  if (schema.items && Array.isArray(sample) && sample.length > 0) schema.items = withExamples(schema.items, sample[0]);
  if (Array.isArray(schema.anyOf)) schema.anyOf = schema.anyOf.map((branch) => withExamples(branch, sample));
  if (schema.additionalProperties && typeof schema.additionalProperties === "object" && typeof sample === "object") {
    const first = Object.values(sample as Json)[0];
    if (first !== undefined) schema.additionalProperties = withExamples(schema.additionalProperties, first);
  }
  return schema;
}

/**
 * v1 grows additively: an answer (or event) may carry fields a client does not know yet, so no
 * schema closes its objects (zod's output side says additionalProperties: false).
 */
function openForExtension(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openForExtension);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === "additionalProperties" && v === false)).map(([k, v]) => [k, openForExtension(v)]));
}

/** An example for every query parameter of the list endpoints. */
const QUERY_EXAMPLES: Record<string, unknown> = {
  limit: 50,
  cursor: "eyJ0IjoiMjAyNS0wMS0yMFQxMzozMDowMC4wMDBaIiwiaWQiOiJkb2NfMTIzIn0",
  status: "COMPLETED",
  proveedorCuit: "30-12345678-9",
  tipo: "FACTURA_A",
  fechaDesde: "2025-01-01",
  fechaHasta: "2025-01-31",
  creadoDesde: "2025-01-20T10:30:00-03:00",
  exportable: "true",
  reviewStatus: "REVIEWED",
  exportState: "OUTDATED",
  updatedSince: "2025-01-20T13:30:00Z",
  after: "evt_01JH8Z",
};

/** Query parameters of a list endpoint from its zod schema (input side: what callers send). */
function listParameters(query: z.ZodType = listDocumentsQuery): Json[] {
  const schema = z.toJSONSchema(query, { io: "input" }) as { properties: Record<string, Json> };
  return Object.entries(schema.properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: "query", required: false, ...(description ? { description } : {}), schema: rest, ...(name in QUERY_EXAMPLES ? { example: QUERY_EXAMPLES[name] } : {}) };
  });
}

/** The OpenAPI 3.1 document of the public API. `origin` becomes the server URL. */
export function openApiDocument(origin: string): Json {
  const scopes = Object.fromEntries(API_SCOPES.map((s) => [s, API_SCOPE_LABELS[s].description]));
  const problem = (description: string, headers?: Json) => ({ description, ...(headers ? { headers } : {}), content: { "application/problem+json": { schema: ref("Problem") } } });
  return {
    openapi: "3.1.0",
    info: {
      title: "Contaflow API",
      version: "1.0.0",
      description:
        "API pública de Contaflow para integraciones: subí comprobantes para procesar, consultá su estado y los datos extraídos, y listá los documentos de tu organización.\n\n" +
        `Autenticación OAuth 2.0: *client credentials* para integraciones de servidor, o *authorization code* con PKCE (S256) para aplicaciones que actúan en nombre de un usuario. Los access tokens duran ${ACCESS_TOKEN_TTL_S / 60} minutos; los refresh tokens se rotan en cada uso. El token actúa como su usuario (o, con client credentials, como quien creó el cliente): si ese usuario está limitado a algunos clientes de la organización, solo ve y cambia los documentos de esos clientes (por CUIT del receptor) y los demás responden 404, igual que en la aplicación.\n\n` +
        "Límite de llamadas por minuto según el plan, informado en los encabezados RateLimit-*. Los errores usan problem details (RFC 9457), en inglés con `Accept-Language: en`; cada respuesta lleva `X-Request-Id` (se repite el tuyo si lo enviás).\n\n" +
        "Convenciones (las mismas en la API y en el objeto `document` de los webhooks, que sale de la misma función): importes como texto decimal con dos decimales (`\"1234.50\"`, nunca números de coma flotante); alícuotas y tipo de cambio como texto decimal (`\"10.5\"`, `\"1050.25\"`); CUITs de 11 dígitos sin guiones (los filtros aceptan también `30-12345678-9`, la forma de los campos de la semilla en los webhooks); punto de venta y número como enteros y `numeroCompleto` PPPPP-NNNNNNNN; fechas `AAAA-MM-DD`; momentos RFC 3339 en UTC (`2025-01-20T13:30:00.000Z`; los filtros aceptan desplazamientos como `-03:00`); estados en MAYÚSCULAS (`COMPLETED`, `NEEDS_REVIEW`, `OUTDATED`). Los campos de la semilla de los webhooks (`documentoId`, `estado`, `total` numérico, CUIT con guiones) quedan como estaban.\n\n" +
        "Compatibilidad: dentro de v1 los cambios son solo aditivos (campos, valores de enums, códigos nuevos). Los clientes deben ignorar los campos desconocidos (clients must ignore unknown fields; additive changes within v1) y tratar un valor de enum o un código de error desconocido como genérico. Un cambio incompatible sería una v2 con su propio prefijo (/api/v2) y convivencia. Los webhooks versionan cada tipo de evento (`version`): una versión nueva solo agrega campos.",
    },
    servers: [{ url: origin }],
    security: [{ oauth2: [] }],
    tags: [
      { name: "Procesamiento", description: "Subir comprobantes y seguir su procesamiento." },
      { name: "Documentos", description: "Consultar los documentos de la organización." },
      { name: "Eventos", description: "El registro de eventos de la organización (lo mismo que envían los webhooks)." },
      { name: "Webhooks", description: "Administrar los endpoints de webhooks (scope webhooks:manage, usuario administrador)." },
      { name: "OAuth", description: "Obtener y revocar tokens." },
    ],
    paths: {
      "/api/v1/parse": {
        post: {
          tags: ["Procesamiento"],
          operationId: "parseDocument",
          summary: "Subir un comprobante para procesar",
          description:
            "Recibe el archivo (PDF o imagen) y lo encola para extraer sus datos. Responde 202 con la URL de estado. Si el mismo archivo ya se había subido, responde 200 con ese documento (`duplicate: true`). Al terminar, los endpoints de webhooks de la organización suscriptos a document.processed / document.failed reciben el aviso (ver `webhooks`).",
          security: [{ oauth2: ["parse"] }],
          parameters: [idempotencyKey],
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: ref("ParseUpload"), encoding: { file: { contentType: "application/pdf, image/png, image/jpeg" } } } },
          },
          responses: {
            "202": jsonBody("ParseAccepted", "Aceptado: el documento quedó en cola.", { ...rateHeaders, Location: { description: "URL de estado.", schema: { type: "string" } } }),
            "200": jsonBody("ParseAccepted", "El archivo ya existía: se devuelve ese documento.", rateHeaders),
            "400": problemRef("BadRequest"),
            "409": problem("El mismo archivo ya está en la organización para un cliente que quien llama no tiene asignado (no se muestra), o dos subidas iguales a la vez no se completaron (volver a subirlo)."),
            "413": problem("El archivo supera el tamaño máximo."),
            "422": problemRef("IdempotencyMismatch"),
            ...common,
          },
        },
      },
      "/api/v1/parse/{id}": {
        get: {
          tags: ["Procesamiento"],
          operationId: "getParseStatus",
          summary: "Estado del procesamiento y datos extraídos",
          description: "Consultalo hasta que `done` sea true (mientras tanto la respuesta trae Retry-After con los segundos sugeridos). Con COMPLETED trae los datos extraídos; con FAILED, `error` y `errorCode`.",
          security: [{ oauth2: ["parse"] }, { oauth2: ["documents:read"] }],
          parameters: [idPath],
          responses: { "200": jsonBody("ParseStatus", "Estado actual. Mientras no termina incluye Retry-After.", rateHeaders), "400": problemRef("BadRequest"), "404": problemRef("NotFound"), ...common },
        },
      },
      "/api/v1/documents": {
        get: {
          tags: ["Documentos"],
          operationId: "listDocuments",
          summary: "Listar documentos",
          description: "Más nuevos primero. Paginación por cursor: pasá `nextCursor` como `cursor` hasta que sea null. Para sincronizar con otro sistema usá `updatedSince`: devuelve los cambios del más viejo al más nuevo y el `nextCursor` de la última página sirve para pedir los cambios siguientes más tarde.",
          security: [{ oauth2: ["documents:read"] }],
          parameters: listParameters(),
          responses: { "200": jsonBody("DocumentList", "Una página de documentos.", rateHeaders), "400": problemRef("BadRequest"), ...common },
        },
      },
      "/api/v1/documents/{id}": {
        get: {
          tags: ["Documentos"],
          operationId: "getDocument",
          summary: "Un documento",
          description: "El documento con sus datos extraídos, su revisión y su estado de sincronización. El ETag es su versión: mandalo en If-Match para corregirlo.",
          security: [{ oauth2: ["documents:read"] }],
          parameters: [idPath],
          responses: { "200": jsonBody("Document", "El documento.", { ...rateHeaders, ...etagHeader }), "400": problemRef("BadRequest"), "404": problemRef("NotFound"), ...common },
        },
        patch: {
          tags: ["Documentos"],
          operationId: "correctDocument",
          summary: "Corregir campos de un documento",
          description: "Concurrencia optimista: mandá en If-Match el ETag que recibiste. Si el documento cambió (otra corrección o un reprocesamiento) responde 412; sin If-Match, 428. Cada campo cambiado queda con origen USER, se registra la corrección, sube la versión y se emite document.updated.",
          security: [{ oauth2: ["documents:write"] }],
          parameters: [idPath, { name: "If-Match", in: "header", required: true, description: "ETag del documento que estás corrigiendo, p. ej. \"3\".", schema: { type: "string" }, example: '"3"' }],
          requestBody: { required: true, content: { "application/json": { schema: ref("DocumentCorrection"), example: { fields: { total: "1210.50" } } } } },
          responses: {
            "200": jsonBody("Document", "El documento corregido, con su versión nueva.", { ...rateHeaders, ...etagHeader }),
            "400": problemRef("BadRequest"),
            "404": problemRef("NotFound"),
            "409": problem("El documento se está procesando."),
            "412": problem("If-Match no es la versión actual: volvé a leer el documento.", etagHeader),
            "428": problem("Falta If-Match."),
            ...common,
          },
        },
        delete: {
          tags: ["Documentos"],
          operationId: "deleteDocument",
          summary: "Borrar un documento",
          description: "Borra el documento, sus correcciones y su archivo. No se puede deshacer.",
          security: [{ oauth2: ["documents:write"] }],
          parameters: [idPath],
          responses: { "200": jsonBody("DocumentDeleted", "Borrado.", rateHeaders), "404": problemRef("NotFound"), ...common },
        },
      },
      "/api/v1/documents/{id}/review": {
        post: {
          tags: ["Documentos"],
          operationId: "reviewDocument",
          summary: "Marcar un documento como revisado",
          description: "Las mismas reglas que la pantalla de revisión: un error abierto lo impide (409) y las advertencias abiertas necesitan `acknowledgeWarnings: true` (409 si falta). Marcar uno ya revisado no cambia nada. Queda en la auditoría.",
          security: [{ oauth2: ["documents:write"] }],
          parameters: [idPath, idempotencyKey],
          requestBody: { required: false, content: { "application/json": { schema: ref("ReviewRequest") } } },
          responses: { "200": jsonBody("Document", "El documento revisado.", { ...rateHeaders, ...etagHeader }), "400": problemRef("BadRequest"), "404": problemRef("NotFound"), "409": problem("Hay errores sin resolver, advertencias sin confirmar, o el documento no está procesado."), "422": problemRef("IdempotencyMismatch"), ...common },
        },
      },
      "/api/v1/documents/{id}/reprocess": {
        post: {
          tags: ["Documentos"],
          operationId: "reprocessDocument",
          summary: "Volver a procesar un documento",
          description: "Procesa otra vez el archivo guardado; los campos corregidos por una persona se conservan. Un documento revisado vuelve a revisión. Al terminar llega document.processed o document.failed.",
          security: [{ oauth2: ["documents:write"] }],
          parameters: [idPath, idempotencyKey],
          responses: { "202": jsonBody("Document", "En cola: el documento quedó PENDING.", { ...rateHeaders, ...etagHeader, Location: { description: "URL de estado (/api/v1/parse/{id}).", schema: { type: "string" } } }), "404": problemRef("NotFound"), "409": problem("El documento ya se está procesando."), "422": problemRef("IdempotencyMismatch"), ...common },
        },
      },
      "/api/v1/events": {
        get: {
          tags: ["Eventos"],
          operationId: "listEvents",
          summary: "Listar eventos de la organización",
          description:
            "Los mismos eventos (y los mismos cuerpos) que reciben los webhooks, del más viejo al más nuevo, para integraciones que consultan en lugar de recibir webhooks o que se pusieron al día después de una caída. Guardá `nextCursor` y volvé a consultar con `after`: nunca se saltea un evento. Un evento aparece unos 5 segundos después de ocurrir y se conserva durante el período de retención del registro de webhooks (30 días por defecto). Es el registro de toda la organización: a un usuario limitado a algunos clientes (o a un cliente de API creado por uno) le responde 403; para sincronizar sus documentos usá GET /api/v1/documents con `updatedSince`.",
          security: [{ oauth2: ["documents:read"] }],
          parameters: listParameters(listEventsQuery),
          responses: { "200": jsonBody("EventList", "Una página de eventos.", rateHeaders), "400": problemRef("BadRequest"), ...common },
        },
      },
      "/api/v1/webhooks": {
        get: {
          tags: ["Webhooks"],
          operationId: "listWebhookEndpoints",
          summary: "Listar endpoints de webhooks",
          description: "Los endpoints de la organización con su salud de los últimos 7 días, como en la pantalla Webhooks. Nunca incluye secretos (solo `secretHint`). Requiere que el usuario del cliente sea administrador.",
          security: [{ oauth2: ["webhooks:manage"] }],
          responses: { "200": jsonBody("WebhookEndpointList", "Los endpoints (`data`).", rateHeaders), ...common },
        },
        post: {
          tags: ["Webhooks"],
          operationId: "createWebhookEndpoint",
          summary: "Crear un endpoint de webhooks",
          description: "Mismas reglas que la pantalla: límite del plan, URL pública (control SSRF). La respuesta es la única vez que se ven `secret` y `token`.",
          security: [{ oauth2: ["webhooks:manage"] }],
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { "application/json": { schema: ref("WebhookEndpointCreate"), example: { url: "https://erp.example.com/webhooks/contaflow", eventTypes: ["document.processed", "document.updated"] } } } },
          responses: { "201": jsonBody("WebhookEndpointCredentials", "Creado, con `endpoint`, `secret` y `token` (que no se vuelven a mostrar).", { ...rateHeaders, Location: { description: "URL del endpoint creado (absoluta, con APP_URL).", schema: { type: "string" } } }), "400": problemRef("BadRequest"), "422": problemRef("IdempotencyMismatch"), ...common },
        },
      },
      "/api/v1/webhooks/{id}": {
        get: {
          tags: ["Webhooks"],
          operationId: "getWebhookEndpoint",
          summary: "Un endpoint de webhooks",
          description: "El endpoint con su configuración y el estado de la rotación de su secreto. Nunca incluye el secreto (solo `secretHint`).",
          security: [{ oauth2: ["webhooks:manage"] }],
          parameters: [webhookIdPath],
          responses: { "200": jsonBody("WebhookEndpoint", "El endpoint.", rateHeaders), "404": problemRef("NotFound"), ...common },
        },
        patch: {
          tags: ["Webhooks"],
          operationId: "updateWebhookEndpoint",
          summary: "Editar un endpoint de webhooks",
          description: "Reemplaza URL, descripción, eventos y timeout; la URL pasa otra vez por el control SSRF.",
          security: [{ oauth2: ["webhooks:manage"] }],
          parameters: [webhookIdPath],
          requestBody: { required: true, content: { "application/json": { schema: ref("WebhookEndpointUpdate") } } },
          responses: { "200": jsonBody("WebhookEndpoint", "El endpoint editado.", rateHeaders), "400": problemRef("BadRequest"), "404": problemRef("NotFound"), ...common },
        },
        delete: {
          tags: ["Webhooks"],
          operationId: "deleteWebhookEndpoint",
          summary: "Borrar un endpoint de webhooks",
          description: "Borra el endpoint y deja de entregarle eventos; sus entregas pendientes no se envían. No se puede deshacer.",
          security: [{ oauth2: ["webhooks:manage"] }],
          parameters: [webhookIdPath],
          responses: { "200": jsonBody("WebhookEndpointDeleted", "Borrado.", rateHeaders), "404": problemRef("NotFound"), ...common },
        },
      },
      "/api/v1/webhooks/{id}/rotate": {
        post: {
          tags: ["Webhooks"],
          operationId: "rotateWebhookSecret",
          summary: "Rotar el secreto de un endpoint",
          description: "Un secreto y un token nuevos (se ven solo en esta respuesta). El secreto anterior sigue firmando `webhook-signature` durante el período de gracia elegido; `contractHeaders` dice qué llevan X-Signature y X-Webhook-Token mientras tanto.",
          security: [{ oauth2: ["webhooks:manage"] }],
          parameters: [webhookIdPath, idempotencyKey],
          requestBody: { required: true, content: { "application/json": { schema: ref("WebhookSecretRotation"), example: { graceHours: 24, contractHeaders: "keep-previous" } } } },
          responses: { "200": jsonBody("WebhookEndpointCredentials", "El endpoint con el secreto y el token nuevos.", rateHeaders), "400": problemRef("BadRequest"), "404": problemRef("NotFound"), "422": problemRef("IdempotencyMismatch"), ...common },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          tags: ["Documentos"],
          operationId: "getOpenApi",
          summary: "Este documento OpenAPI",
          description: "La descripción OpenAPI 3.1 de la API (sin autenticación), para generar clientes. Las URLs que contiene salen de APP_URL.",
          security: [],
          responses: { "200": { description: "Documento OpenAPI 3.1.", content: { "application/json": { schema: { type: "object", description: "Un documento OpenAPI 3.1." } } } } },
        },
      },
      "/api/oauth/token": {
        post: {
          tags: ["OAuth"],
          operationId: "token",
          summary: "Obtener tokens (RFC 6749)",
          description: "Autenticación del cliente con HTTP Basic (client_secret_basic) o client_id/client_secret en el cuerpo (client_secret_post).",
          security: [{ clientBasic: [] }, {}],
          requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: ref("TokenRequest") } } },
          responses: {
            "200": jsonBody("TokenResponse", "Tokens emitidos."),
            "400": { description: "Solicitud inválida (invalid_request, invalid_grant, invalid_scope, unsupported_grant_type).", content: { "application/json": { schema: ref("OAuthError") } } },
            "401": { description: "Cliente inválido o revocado (invalid_client).", content: { "application/json": { schema: ref("OAuthError") } } },
          },
        },
      },
      "/api/oauth/revoke": {
        post: {
          tags: ["OAuth"],
          operationId: "revoke",
          summary: "Revocar un token (RFC 7009)",
          description: "Revocar un refresh token revoca también los access tokens de esa autorización.",
          security: [{ clientBasic: [] }, {}],
          requestBody: {
            required: true,
            content: {
              "application/x-www-form-urlencoded": {
                schema: {
                  type: "object",
                  description: "El token a revocar (RFC 7009).",
                  required: ["token"],
                  properties: {
                    token: { type: "string", description: "El access token o refresh token.", examples: ["cfrt_7d6e5f"] },
                    token_type_hint: { type: "string", enum: ["access_token", "refresh_token"], description: "Qué tipo de token es (opcional).", examples: ["refresh_token"] },
                  },
                },
              },
            },
          },
          responses: {
            "200": { description: "Revocado (o el token no existía)." },
            "400": { description: "Solicitud inválida.", content: { "application/json": { schema: ref("OAuthError") } } },
            "401": { description: "Cliente inválido.", content: { "application/json": { schema: ref("OAuthError") } } },
          },
        },
      },
    },
    webhooks: {
      "document.processed": {
        post: {
          operationId: "onDocumentProcessed",
          summary: "Documento procesado",
          description: "Lo envía Contaflow a los endpoints de webhooks de la organización (configurados en Webhooks) al terminar el procesamiento. Los campos de la semilla (documentoId, total, proveedor, …) no cambian; `document` es el objeto de GET /api/v1/documents/{id} con las convenciones de la API.",
          requestBody: { content: { "application/json": { schema: ref("DocumentProcessedEvent") } } },
          responses: { "200": { description: "Recibido." } },
        },
      },
      "document.failed": {
        post: {
          operationId: "onDocumentFailed",
          summary: "Falló el procesamiento",
          description: "Lo envía Contaflow cuando el procesamiento de un comprobante termina con error: `codigoError` es el código estable y `document` el objeto de la API con status FAILED.",
          requestBody: { content: { "application/json": { schema: ref("DocumentFailedEvent") } } },
          responses: { "200": { description: "Recibido." } },
        },
      },
      "document.updated": {
        post: {
          operationId: "onDocumentUpdated",
          summary: "Documento corregido",
          description: "Lo envía Contaflow cuando una persona o una integración (PATCH /api/v1/documents/{id}) corrige campos de un documento. `documentVersion` es la versión nueva y `document` el objeto de GET /api/v1/documents/{id} después de la corrección.",
          requestBody: { content: { "application/json": { schema: ref("DocumentUpdatedEvent") } } },
          responses: { "200": { description: "Recibido." } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        oauth2: {
          type: "oauth2",
          description: "Tokens de /api/oauth/token. Enviá `Authorization: Bearer <access_token>`.",
          flows: {
            clientCredentials: { tokenUrl: `${origin}/api/oauth/token`, scopes },
            authorizationCode: { authorizationUrl: `${origin}/oauth/autorizar`, tokenUrl: `${origin}/api/oauth/token`, refreshUrl: `${origin}/api/oauth/token`, scopes },
          },
        },
        clientBasic: { type: "http", scheme: "basic", description: "client_id y client_secret." },
      },
      parameters: {
        "Idempotency-Key": {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "Clave única por operación (p. ej. un UUID). Repetir la misma solicitud con la misma clave dentro de 24 h devuelve la respuesta guardada (con Idempotent-Replayed: true) sin repetir la operación; la misma clave con otra solicitud responde 422.",
          schema: { type: "string", minLength: 1, maxLength: 255 },
          example: "5f0c7a3e-2b1d-4c9e-9a57-0d2f6b8e1c44",
        },
      },
      headers: {
        "RateLimit-Limit": { description: "Llamadas permitidas por minuto (plan).", schema: { type: "integer" } },
        "RateLimit-Remaining": { description: "Llamadas que quedan en la ventana actual.", schema: { type: "integer" } },
        "RateLimit-Reset": { description: "Segundos hasta que se renueva la ventana.", schema: { type: "integer" } },
        "RateLimit-Policy": { description: "Política: `<límite>;w=60`.", schema: { type: "string" } },
        "Retry-After": { description: "Segundos a esperar antes de reintentar.", schema: { type: "integer" } },
      },
      responses: {
        BadRequest: problem("Parámetros o datos inválidos (code VALIDATION o BAD_REQUEST), con `errors` por campo.", rateHeaders),
        Unauthorized: problem("Falta el token o es inválido, venció o fue revocado.", { "WWW-Authenticate": { schema: { type: "string" } } }),
        Forbidden: problem("El token no tiene el permiso (scope) necesario, o el rol no lo permite.", { "WWW-Authenticate": { schema: { type: "string" } } }),
        NotFound: problem("No existe (o es de otra organización)."),
        TooManyRequests: problem("Se superó el límite de llamadas por minuto del plan.", { ...rateHeaders, "Retry-After": { $ref: "#/components/headers/Retry-After" } }),
        Internal: problem("Error interno."),
        IdempotencyMismatch: problem("La Idempotency-Key ya se usó con otra solicitud."),
        Unavailable: problem("La base de datos no está disponible por un momento; reintentá después de Retry-After segundos.", { "Retry-After": { $ref: "#/components/headers/Retry-After" } }),
      },
    },
  };
}
