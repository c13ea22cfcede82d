import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError, throwIfFieldErrors, type FieldErrors } from "@/server/errors";
import { createId } from "@/server/ids";
import { checkOutboundUrl } from "@/server/net/ssrf";
import { assertWithinLimit } from "@/server/plans/usage";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { tenantTimeZone } from "@/server/tenants/time-zone";
import { AUTH_TYPES_WITH_SECRET, directionPulls, directionPushes, parseHeaderLines, type ConnectorInput, type UpdateConnectorInput } from "@/lib/schemas/connectors";
import { connectorView } from "./connector-view";
import { sealAuthSecret } from "./credentials";
import { expressionIssue, mappingIssue } from "./mapping";
import { invalidateOAuthToken } from "./oauth";
import { scheduleIssue } from "./schedule";

export async function findConnector(scope: Pick<TenantScope, "tenantId">, id: string) {
  const connector = await db().apiConnector.findFirst({ where: scoped(scope, { id }) });
  if (!connector) throw AppError.notFound("Conector");
  return connector;
}

export async function listConnectors(scope: TenantScope) {
  const rows = await db().apiConnector.findMany({ where: scoped(scope), orderBy: { createdAt: "desc" } });
  return rows.map(connectorView);
}

export async function getConnector(scope: TenantScope, id: string) {
  return connectorView(await findConnector(scope, id));
}

/**
 * Everything the zod schema cannot check without the server: SSRF (base URL and token URL),
 * mapping and expression syntax, cron schedules. All problems at once, each on its field.
 */
/** The input with its schedule zone decided: the one sent, else `fallback` (the organization's or the stored one). */
type ZonedInput = ConnectorInput & { scheduleTimezone: string };
const withZone = (input: ConnectorInput, fallback: string): ZonedInput => ({ ...input, scheduleTimezone: input.scheduleTimezone ?? fallback });

async function validate(input: ZonedInput): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const [base, token] = await Promise.all([
    checkOutboundUrl(input.baseUrl),
    input.authType === "OAUTH2_CLIENT_CREDENTIALS" && input.oauthTokenUrl ? checkOutboundUrl(input.oauthTokenUrl) : Promise.resolve(null),
  ]);
  if (!base.ok) add("baseUrl", base.message);
  if (token && !token.ok) add("oauthTokenUrl", token.message);
  const expressions: [keyof ConnectorInput, "mapping" | "expression", boolean][] = [
    ["pushMapping", "mapping", directionPushes(input.direction)],
    ["pushResponseIdPath", "expression", directionPushes(input.direction)],
    ["pullMapping", "mapping", directionPulls(input.direction)],
    ["pullRecordPath", "expression", directionPulls(input.direction)],
    ["pullIdField", "expression", directionPulls(input.direction)],
    ["pullCursorPath", "expression", directionPulls(input.direction)],
  ];
  for (const [field, kind, used] of expressions) {
    if (!used) continue;
    const text = String(input[field]);
    const issue = kind === "mapping" ? mappingIssue(text) : expressionIssue(text);
    if (issue) add(field, issue.message);
  }
  for (const field of ["pushSchedule", "pullSchedule"] as const) {
    const issue = scheduleIssue(input[field], input.scheduleTimezone);
    if (issue) add(field, issue);
  }
  return errors;
}

async function assertNameFree(scope: TenantScope, name: string, exceptId?: string) {
  const clash = await db().apiConnector.findFirst({ where: scoped(scope, { name: { equals: name, mode: "insensitive" as const }, ...(exceptId ? { id: { not: exceptId } } : {}) }), select: { id: true } });
  if (clash) throw AppError.field("name", "Ya existe un conector con ese nombre", "CONFLICT");
}

/** The columns of a connector from its form input; secrets are handled by the caller. */
function columns(input: ZonedInput) {
  const headers = parseHeaderLines(input.defaultHeaders);
  const pushes = directionPushes(input.direction);
  const pulls = directionPulls(input.direction);
  const auth = input.authType;
  return {
    name: input.name,
    description: input.description,
    direction: input.direction,
    baseUrl: new URL(input.baseUrl).toString(),
    enabled: input.enabled,
    timeoutMs: input.timeoutSeconds * 1000,
    concurrency: input.concurrency,
    defaultHeaders: (headers.ok ? headers.headers : {}) as Prisma.InputJsonValue,
    healthPath: input.healthPath,
    authType: auth,
    apiKeyHeader: auth === "API_KEY" ? input.apiKeyHeader : null,
    username: auth === "BASIC" ? input.username : null,
    oauthTokenUrl: auth === "OAUTH2_CLIENT_CREDENTIALS" ? new URL(input.oauthTokenUrl).toString() : null,
    oauthClientId: auth === "OAUTH2_CLIENT_CREDENTIALS" ? input.oauthClientId : null,
    oauthScope: auth === "OAUTH2_CLIENT_CREDENTIALS" ? input.oauthScope || null : null,
    oauthClientAuth: input.oauthClientAuth,
    pushPath: input.pushPath,
    pushMethod: input.pushMethod,
    pushMapping: input.pushMapping,
    pushResponseIdPath: input.pushResponseIdPath,
    pullPath: input.pullPath,
    pullPagination: input.pullPagination,
    pullPageSize: input.pullPageSize,
    pullPageParam: input.pullPageParam,
    pullSizeParam: input.pullSizeParam,
    pullCursorPath: input.pullCursorPath,
    pullRecordPath: input.pullRecordPath,
    pullIdField: input.pullIdField,
    pullMapping: input.pullMapping,
    pushSchedule: pushes && input.pushSchedule ? input.pushSchedule.replace(/\s+/g, " ") : null,
    pullSchedule: pulls && input.pullSchedule ? input.pullSchedule.replace(/\s+/g, " ") : null,
    scheduleTimezone: input.scheduleTimezone,
  };
}

const SECRET_LABEL: Record<string, string> = {
  API_KEY: "Ingresá la API key",
  BEARER: "Ingresá el token",
  BASIC: "Ingresá la contraseña",
  OAUTH2_CLIENT_CREDENTIALS: "Ingresá el client secret",
};

export async function createConnector(scope: TenantScope, raw: ConnectorInput) {
  await assertWithinLimit(scope, "connectors");
  // Sent without a zone (a script, an older client): the organization's, never a fixed one.
  const input = withZone(raw, raw.scheduleTimezone ?? (await tenantTimeZone(scope.tenantId)));
  const errors = await validate(input);
  const needsSecret = AUTH_TYPES_WITH_SECRET.includes(input.authType);
  if (needsSecret && !input.secret) (errors.secret ??= []).push(SECRET_LABEL[input.authType]!);
  throwIfFieldErrors(errors);
  await assertNameFree(scope, input.name);
  const id = createId();
  const created = await db().apiConnector.create({
    data: { id, tenantId: scope.tenantId, ...columns(input), ...(needsSecret ? sealAuthSecret(id, input.secret) : { secretEnc: null, secretHint: null }) },
  });
  return connectorView(created);
}

/**
 * Saves an edit. An empty secret keeps the stored one, unless the auth type changed (a key of
 * one kind is never silently reused as another) or there is none yet.
 */
export async function updateConnector(scope: TenantScope, { id, data: raw }: UpdateConnectorInput) {
  const current = await findConnector(scope, id);
  const data = withZone(raw, current.scheduleTimezone);
  const errors = await validate(data);
  const needsSecret = AUTH_TYPES_WITH_SECRET.includes(data.authType);
  const keepSecret = needsSecret && !data.secret && current.authType === data.authType && current.secretEnc !== null;
  if (needsSecret && !data.secret && !keepSecret) {
    (errors.secret ??= []).push(current.authType === data.authType ? SECRET_LABEL[data.authType]! : `${SECRET_LABEL[data.authType]!}: cambiaste el tipo de autenticación`);
  }
  throwIfFieldErrors(errors);
  await assertNameFree(scope, data.name, id);
  const secretColumns = !needsSecret ? { secretEnc: null, secretHint: null } : keepSecret ? {} : sealAuthSecret(id, data.secret);
  const next = columns(data);
  // A schedule changed now starts from now: its past fires were never asked for.
  const timezoneChanged = next.scheduleTimezone !== current.scheduleTimezone;
  const cursors = {
    ...(timezoneChanged || next.pushSchedule !== current.pushSchedule ? { pushScheduledThrough: new Date() } : {}),
    ...(timezoneChanged || next.pullSchedule !== current.pullSchedule ? { pullScheduledThrough: new Date() } : {}),
  };
  await db().apiConnector.updateMany({ where: scoped(scope, { id }), data: { ...next, ...secretColumns, ...cursors } });
  await invalidateOAuthToken(current);
  return getConnector(scope, id);
}

export async function setConnectorEnabled(scope: TenantScope, id: string, enabled: boolean) {
  await findConnector(scope, id);
  await db().apiConnector.updateMany({ where: scoped(scope, { id }), data: { enabled } });
  return getConnector(scope, id);
}

/** Deletes the connector and its history (runs, logs, staged records) — never in the middle of a run. */
export async function deleteConnector(scope: TenantScope, id: string) {
  await findConnector(scope, id);
  const active = { connectorId: id, tenantId: scope.tenantId, status: { in: ["QUEUED" as const, "RUNNING" as const] } };
  const [exporting, syncing] = await Promise.all([db().exportRun.count({ where: active }), db().syncRun.count({ where: active })]);
  if (exporting + syncing > 0) {
    throw new AppError("CONFLICT", `El conector tiene ${exporting > 0 ? "una exportación" : "una sincronización"} en curso: esperá a que termine para eliminarlo`);
  }
  await db().apiConnector.deleteMany({ where: scoped(scope, { id }) });
  return { id };
}
