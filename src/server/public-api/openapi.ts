import "server-only";
import { z } from "zod";
import { invoiceFieldsSchema } from "@/lib/documents/fields";
import { API_SCOPES, API_SCOPE_LABELS } from "@/lib/schemas/api-clients";
import { eventCatalog } from "@/server/events/catalog";
import { ACCESS_TOKEN_TTL_S } from "@/server/oauth/tokens";
import {
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
const common = { "401": problemRef("Unauthorized"), "403": problemRef("Forbidden"), "429": problemRef("TooManyRequests"), "500": problemRef("Internal") };
const idPath = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "Identificador del documento." };

/** Every schema in components, generated from the zod schemas the handlers use. */
function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  registry.add(problemSchema, { id: "Problem" });
  registry.add(invoiceFieldsSchema, { id: "InvoiceFields" });
  registry.add(documentSchema, { id: "Document" });
  registry.add(documentListSchema, { id: "DocumentList" });
  registry.add(parseAcceptedSchema, { id: "ParseAccepted" });
  registry.add(parseStatusSchema, { id: "ParseStatus" });
  registry.add(parseUploadSchema, { id: "ParseUpload" });
  registry.add(tokenRequestSchema, { id: "TokenRequest" });
  registry.add(tokenResponseSchema, { id: "TokenResponse" });
  registry.add(oauthErrorSchema, { id: "OAuthError" });
  registry.add(eventCatalog["document.processed"].schema, { id: "DocumentProcessedEvent" });
  registry.add(eventCatalog["document.failed"].schema, { id: "DocumentFailedEvent" });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: "output", unrepresentable: "any" });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const { $schema: _s, $id: _i, ...rest } = s as Json;
      return [id, rest];
    }),
  );
}

/** Query parameters of GET /api/v1/documents from its zod schema (input side: what callers send). */
function listParameters(): Json[] {
  const schema = z.toJSONSchema(listDocumentsQuery, { io: "input" }) as { properties: Record<string, Json> };
  return Object.entries(schema.properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: "query", required: false, ...(description ? { description } : {}), schema: rest };
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
        `Autenticación OAuth 2.0: *client credentials* para integraciones de servidor, o *authorization code* con PKCE (S256) para aplicaciones que actúan en nombre de un usuario. Los access tokens duran ${ACCESS_TOKEN_TTL_S / 60} minutos; los refresh tokens se rotan en cada uso.\n\n` +
        "Límite de llamadas por minuto según el plan, informado en los encabezados RateLimit-*. Los errores usan problem details (RFC 9457).",
    },
    servers: [{ url: origin }],
    security: [{ oauth2: [] }],
    tags: [
      { name: "Procesamiento", description: "Subir comprobantes y seguir su procesamiento." },
      { name: "Documentos", description: "Consultar los documentos de la organización." },
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
          requestBody: {
            required: true,
            content: { "multipart/form-data": { schema: ref("ParseUpload"), encoding: { file: { contentType: "application/pdf, image/png, image/jpeg" } } } },
          },
          responses: {
            "202": jsonBody("ParseAccepted", "Aceptado: el documento quedó en cola.", { ...rateHeaders, Location: { description: "URL de estado.", schema: { type: "string" } } }),
            "200": jsonBody("ParseAccepted", "El archivo ya existía: se devuelve ese documento.", rateHeaders),
            "400": problemRef("BadRequest"),
            "413": problem("El archivo supera el tamaño máximo."),
            ...common,
          },
        },
      },
      "/api/v1/parse/{id}": {
        get: {
          tags: ["Procesamiento"],
          operationId: "getParseStatus",
          summary: "Estado del procesamiento y datos extraídos",
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
          description: "Más nuevos primero. Paginación por cursor: pasá `nextCursor` como `cursor` hasta que sea null.",
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
          security: [{ oauth2: ["documents:read"] }],
          parameters: [idPath],
          responses: { "200": jsonBody("Document", "El documento.", rateHeaders), "400": problemRef("BadRequest"), "404": problemRef("NotFound"), ...common },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          tags: ["Documentos"],
          operationId: "getOpenApi",
          summary: "Este documento OpenAPI",
          security: [],
          responses: { "200": { description: "Documento OpenAPI 3.1.", content: { "application/json": { schema: { type: "object" } } } } },
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
                schema: { type: "object", required: ["token"], properties: { token: { type: "string" }, token_type_hint: { type: "string", enum: ["access_token", "refresh_token"] } } },
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
          summary: "Documento procesado",
          description: "Lo envía Contaflow a los endpoints de webhooks de la organización (configurados en Webhooks) al terminar el procesamiento.",
          requestBody: { content: { "application/json": { schema: ref("DocumentProcessedEvent") } } },
          responses: { "200": { description: "Recibido." } },
        },
      },
      "document.failed": {
        post: {
          summary: "Falló el procesamiento",
          requestBody: { content: { "application/json": { schema: ref("DocumentFailedEvent") } } },
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
      },
    },
  };
}
