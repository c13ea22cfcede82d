import { z } from "zod";
import { stripUnsafeChars } from "@/lib/safe-text";

export const CONNECTOR_DIRECTIONS = ["PUSH", "PULL", "BIDIRECTIONAL"] as const;
export const CONNECTOR_AUTH_TYPES = ["NONE", "API_KEY", "BEARER", "BASIC", "OAUTH2_CLIENT_CREDENTIALS"] as const;
export const CONNECTOR_PUSH_METHODS = ["POST", "PUT", "PATCH"] as const;
export const CONNECTOR_PAGINATIONS = ["NONE", "PAGE", "OFFSET", "CURSOR", "LINK_HEADER"] as const;
export const CONNECTOR_OAUTH_CLIENT_AUTHS = ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"] as const;
export type ConnectorDirectionName = (typeof CONNECTOR_DIRECTIONS)[number];
export type ConnectorAuthTypeName = (typeof CONNECTOR_AUTH_TYPES)[number];

export const DEFAULT_SCHEDULE_TIMEZONE = "America/Argentina/Buenos_Aires";
/** Auth types that carry a secret (API key, token, password, client secret). */
export const AUTH_TYPES_WITH_SECRET: readonly ConnectorAuthTypeName[] = ["API_KEY", "BEARER", "BASIC", "OAUTH2_CLIENT_CREDENTIALS"];

export function directionPushes(direction: ConnectorDirectionName) {
  return direction === "PUSH" || direction === "BIDIRECTIONAL";
}
export function directionPulls(direction: ConnectorDirectionName) {
  return direction === "PULL" || direction === "BIDIRECTIONAL";
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** Headers the client sets itself or that would let a default header impersonate auth. */
const RESERVED_HEADERS = new Set(["host", "content-length", "content-type", "authorization", "connection", "transfer-encoding", "idempotency-key"]);

/**
 * Default headers as typed in the form: one `Nombre: valor` per line. Returns the parsed
 * record or the es-AR problem of the first bad line.
 */
export function parseHeaderLines(text: string): { ok: true; headers: Record<string, string> } | { ok: false; message: string } {
  const headers: Record<string, string> = {};
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    const value = colon > 0 ? line.slice(colon + 1).trim() : "";
    if (!name || !HEADER_NAME.test(name)) return { ok: false, message: `Línea ${i + 1}: usá el formato «Nombre: valor»` };
    if (RESERVED_HEADERS.has(name.toLowerCase())) return { ok: false, message: `Línea ${i + 1}: el encabezado ${name} lo maneja Contaflow; configurá la autenticación abajo` };
    if (/[\r\n]/.test(value) || value.length > 1000) return { ok: false, message: `Línea ${i + 1}: valor inválido` };
    headers[name] = value;
  }
  if (Object.keys(headers).length > 20) return { ok: false, message: "Máximo 20 encabezados" };
  return { ok: true, headers };
}

export function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

/** A path under the base URL: `/api/v1/facturas`, `/items?tipo=A`, or empty for the base URL itself. */
const pathField = z
  .string()
  .trim()
  .max(500, "Máximo 500 caracteres")
  .refine((p) => p === "" || p.startsWith("/"), "Empezá la ruta con /")
  .refine((p) => !p.startsWith("//") && !p.includes("://") && !/\s/.test(p), "Ingresá solo la ruta, sin dominio ni espacios");

const expressionField = (max = 20_000) => z.string().max(max, `Máximo ${max} caracteres`).default("");
const queryParamName = z
  .string()
  .trim()
  .max(60, "Máximo 60 caracteres")
  .regex(/^[A-Za-z0-9_.[\]-]*$/, "Solo letras, números, _ . - [ ]");

function isTimezone(tz: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const cronField = z
  .string()
  .trim()
  .max(120, "Máximo 120 caracteres")
  .default("")
  .refine((c) => c === "" || c.split(/\s+/).length === 5, "Usá 5 campos: minuto hora día-del-mes mes día-de-la-semana");

export const connectorFields = z.object({
  name: z.string().overwrite(stripUnsafeChars).trim().min(2, "Ingresá al menos 2 caracteres").max(80, "Máximo 80 caracteres"),
  description: z.string().trim().max(200, "Máximo 200 caracteres").default(""),
  direction: z.enum(CONNECTOR_DIRECTIONS, { message: "Elegí la dirección" }),
  baseUrl: z.string().trim().min(1, "Ingresá la URL base").max(2048, "La URL es demasiado larga").url("Ingresá una URL completa (https://…)"),
  enabled: z.boolean().default(true),
  timeoutSeconds: z.coerce.number().int("Número entero").min(1, "Mínimo 1 segundo").max(60, "Máximo 60 segundos").default(15),
  concurrency: z.coerce.number().int("Número entero").min(1, "Mínimo 1").max(10, "Máximo 10").default(2),
  defaultHeaders: z
    .string()
    .max(10_000, "Demasiado largo")
    .default("")
    .superRefine((text, ctx) => {
      const parsed = parseHeaderLines(text);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    }),
  healthPath: pathField.default(""),

  authType: z.enum(CONNECTOR_AUTH_TYPES, { message: "Elegí el tipo de autenticación" }).default("NONE"),
  apiKeyHeader: z.string().trim().max(100, "Máximo 100 caracteres").default(""),
  username: z.string().trim().max(200, "Máximo 200 caracteres").default(""),
  oauthTokenUrl: z.string().trim().max(2048, "La URL es demasiado larga").default(""),
  oauthClientId: z.string().trim().max(300, "Máximo 300 caracteres").default(""),
  oauthScope: z.string().trim().max(500, "Máximo 500 caracteres").default(""),
  oauthClientAuth: z.enum(CONNECTOR_OAUTH_CLIENT_AUTHS).default("CLIENT_SECRET_BASIC"),
  /** The auth type's secret. Empty on edit keeps the stored one. Never sent back. */
  secret: z.string().max(4000, "Máximo 4000 caracteres").default(""),

  pushPath: pathField.default(""),
  pushMethod: z.enum(CONNECTOR_PUSH_METHODS).default("POST"),
  pushMapping: expressionField(),
  pushResponseIdPath: expressionField(500),

  pullPath: pathField.default(""),
  pullPagination: z.enum(CONNECTOR_PAGINATIONS).default("NONE"),
  pullPageSize: z.coerce.number().int("Número entero").min(1, "Mínimo 1").max(1000, "Máximo 1000").default(100),
  pullPageParam: queryParamName.default("page"),
  pullSizeParam: queryParamName.default("per_page"),
  pullCursorPath: expressionField(500),
  pullRecordPath: expressionField(500),
  pullIdField: expressionField(500),
  pullMapping: expressionField(),

  pushSchedule: cronField,
  pullSchedule: cronField,
  /** Absent: the organization's zone on create (Tenant.timeZone), the stored one on edit. */
  scheduleTimezone: z.string().trim().refine(isTimezone, "Zona horaria desconocida (ej.: America/Argentina/Buenos_Aires)").optional(),
});

/** Cross-field rules that need no server: what each auth type and direction requires. */
function checkConnector(v: z.output<typeof connectorFields>, ctx: z.RefinementCtx) {
  const need = (field: keyof typeof v, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  if (v.authType === "API_KEY") {
    if (!v.apiKeyHeader) need("apiKeyHeader", "Indicá en qué encabezado va la API key (ej.: X-API-Key)");
    else if (!HEADER_NAME.test(v.apiKeyHeader) || RESERVED_HEADERS.has(v.apiKeyHeader.toLowerCase())) need("apiKeyHeader", "Nombre de encabezado inválido");
  }
  if (v.authType === "BASIC" && !v.username) need("username", "Ingresá el usuario");
  if (v.authType === "BASIC" && v.username.includes(":")) need("username", "El usuario no puede contener «:»");
  if (v.authType === "OAUTH2_CLIENT_CREDENTIALS") {
    if (!v.oauthTokenUrl) need("oauthTokenUrl", "Ingresá la URL del endpoint de tokens");
    else if (!z.url().safeParse(v.oauthTokenUrl).success) need("oauthTokenUrl", "Ingresá una URL completa (https://…)");
    if (!v.oauthClientId) need("oauthClientId", "Ingresá el client ID");
  }
  if (!directionPushes(v.direction) && v.pushSchedule) need("pushSchedule", "Solo los conectores PUSH o bidireccionales exportan");
  if (!directionPulls(v.direction) && v.pullSchedule) need("pullSchedule", "Solo los conectores PULL o bidireccionales sincronizan");
  if (directionPulls(v.direction) && ["PAGE", "OFFSET", "CURSOR"].includes(v.pullPagination) && !v.pullPageParam) {
    need("pullPageParam", "Indicá el parámetro de la página, el offset o el cursor");
  }
  if (directionPulls(v.direction) && v.pullPagination === "CURSOR" && !v.pullCursorPath.trim()) need("pullCursorPath", "Indicá dónde viene el próximo cursor en la respuesta");
}

export const connectorInput = connectorFields.superRefine(checkConnector);
export type ConnectorInput = z.output<typeof connectorInput>;
export type ConnectorFormValues = z.input<typeof connectorInput>;

export const createConnectorInput = connectorInput;
export const updateConnectorInput = z.object({ id: z.string().min(1), data: connectorInput });
export type UpdateConnectorInput = z.infer<typeof updateConnectorInput>;

export const setConnectorEnabledInput = z.object({ id: z.string().min(1), enabled: z.boolean() });

export const previewMappingInput = z.object({
  mapping: z.string().max(20_000, "Máximo 20000 caracteres"),
  /** The sample document as JSON text, as typed in the preview. */
  sample: z.string().max(100_000, "El ejemplo es demasiado grande (máximo 100 KB)"),
});

export const previewMappingOnDocumentInput = z.object({
  mapping: z.string().max(20_000, "Máximo 20000 caracteres"),
  documentId: z.string().trim().min(1, "Elegí un documento").max(100),
  /** A saved connector: the preview then sees its parameters (`$params`) and the supplier's ERP id. */
  connectorId: z.string().trim().min(1).max(100).optional(),
});

export const previewScheduleInput = z.object({
  cron: z.string().trim().max(120, "Máximo 120 caracteres"),
  timezone: z.string().trim().max(80).default(DEFAULT_SCHEDULE_TIMEZONE),
});
