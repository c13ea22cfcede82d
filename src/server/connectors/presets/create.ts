/**
 * A connector from a preset: the user gives only credentials and parameters; everything else
 * comes from the preset. It is then an ordinary connector (editable in the normal form; the
 * preset's extra steps are kept). All missing fields are reported at once, each on its field.
 */
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError, throwIfFieldErrors, type FieldErrors } from "@/server/errors";
import { createId } from "@/server/ids";
import { checkOutboundUrl } from "@/server/net/ssrf";
import { assertWithinLimit } from "@/server/plans/usage";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { tenantTimeZone } from "@/server/tenants/time-zone";
import { connectorView } from "../connector-view";
import { sealAuthSecret, sealExtraSecrets } from "../credentials";
import { presetByKey } from "./index";
import type { ConnectorPreset } from "./types";

export const IVA_RATES = ["0", "2.5", "5", "10.5", "21", "27"] as const;

export const parameterValue = z.union([z.string().trim().max(500), z.record(z.string(), z.string().trim().max(500))]);
export const presetConnectorInput = z.object({
  presetKey: z.string().min(1).max(40),
  name: z.string().trim().min(1, "Poné un nombre").max(80),
  credentials: z.record(z.string(), z.string().max(2000)).default({}),
  parameters: z.record(z.string(), parameterValue).default({}),
});
export type PresetConnectorInput = z.input<typeof presetConnectorInput>;

export function requirePreset(key: string): ConnectorPreset {
  const preset = presetByKey(key);
  if (!preset) throw AppError.field("presetKey", `No hay un preset «${key}».`);
  return preset;
}

/** Parameters as stored: defaults applied, per-rate maps without empty entries; problems by field. */
export function presetParameters(preset: ConnectorPreset, given: Record<string, string | Record<string, string>>, errors: FieldErrors) {
  const out: Record<string, string | Record<string, string>> = {};
  const known = new Set(preset.parameters.map((p) => p.key));
  for (const key of Object.keys(given)) if (!known.has(key)) (errors[`parameters.${key}`] ??= []).push(`El preset ${preset.name} no usa el parámetro «${key}».`);
  for (const p of preset.parameters) {
    const value = given[p.key] ?? p.default;
    if (p.kind === "perRate" || p.kind === "perCode") {
      const map = Object.fromEntries(Object.entries(typeof value === "object" && value ? value : {}).filter(([, v]) => v.trim() !== ""));
      if (typeof value === "string") (errors[`parameters.${p.key}`] ??= []).push(`«${p.label}» es un valor por ${p.kind === "perRate" ? "alícuota" : "código"}.`);
      if (p.kind === "perRate") for (const rate of Object.keys(map)) if (!IVA_RATES.includes(rate as never)) (errors[`parameters.${p.key}`] ??= []).push(`Alícuota desconocida: ${rate}.`);
      if (p.required && Object.keys(map).length === 0) (errors[`parameters.${p.key}`] ??= []).push(`Completá «${p.label}» (al menos una ${p.kind === "perRate" ? "alícuota" : "fila"}).`);
      out[p.key] = map;
    } else {
      const text = typeof value === "string" ? value.trim() : "";
      if (typeof value === "object" && value) (errors[`parameters.${p.key}`] ??= []).push(`«${p.label}» es un solo valor.`);
      if (p.required && !text) (errors[`parameters.${p.key}`] ??= []).push(`Completá «${p.label}».`);
      if (text) out[p.key] = text;
    }
  }
  return out;
}

/** The connector's columns from the preset plus what the user typed (secrets sealed with the new id). */
export async function presetColumns(preset: ConnectorPreset, input: z.output<typeof presetConnectorInput>, id: string) {
  const errors: FieldErrors = {};
  const cred = (target: string) => input.credentials[target]?.trim() ?? "";
  for (const c of preset.credentials) if (c.required && !cred(c.target)) (errors[`credentials.${c.target}`] ??= []).push(`Completá «${c.label}».`);
  // Every preset's URLs may be overridden (a vendor's staging host, a test double).
  const known = new Set<string>([...preset.credentials.map((c) => c.target), "baseUrl", "oauthTokenUrl"]);
  for (const key of Object.keys(input.credentials)) if (!known.has(key)) (errors[`credentials.${key}`] ??= []).push(`El preset ${preset.name} no usa «${key}».`);
  const parameters = presetParameters(preset, input.parameters, errors);
  const c = preset.connector;
  const baseUrl = cred("baseUrl") || c.baseUrl || "";
  const tokenUrl = cred("oauthTokenUrl") || c.oauthTokenUrl || null;
  const urls = [baseUrl, ...(tokenUrl ? [tokenUrl] : [])];
  for (const [i, url] of urls.entries()) {
    if (!url) continue;
    const check = await checkOutboundUrl(url);
    if (!check.ok) (errors[i === 0 ? "credentials.baseUrl" : "oauthTokenUrl"] ??= []).push(check.message);
  }
  throwIfFieldErrors(errors);

  const headers: Record<string, string> = { ...(c.defaultHeaders ?? {}) };
  for (const t of preset.credentials) if (t.target.startsWith("header:") && cred(t.target)) headers[t.target.slice(7)] = cred(t.target);
  const extra = Object.fromEntries(preset.credentials.filter((t) => t.target.startsWith("extra:") && cred(t.target)).map((t) => [t.target.slice(6), cred(t.target)]));
  const secret = cred("secret");
  // A preset without auth whose optional token was given sends it as a bearer (CSV/Libro relay).
  const authType = c.authType === "NONE" && secret && !c.loginStep ? "BEARER" : c.authType;
  const json = (v: unknown) => (v === undefined ? undefined : (v as Prisma.InputJsonValue));
  return {
    presetKey: preset.key,
    description: preset.description,
    direction: c.direction,
    baseUrl: new URL(baseUrl).toString(),
    defaultHeaders: headers,
    healthPath: c.healthPath ?? "",
    concurrency: c.concurrency ?? 2,
    authType,
    apiKeyHeader: c.apiKeyHeader ?? null,
    username: cred("username") || null,
    oauthTokenUrl: tokenUrl,
    oauthClientId: cred("oauthClientId") || null,
    oauthClientAuth: c.oauthClientAuth ?? "CLIENT_SECRET_BASIC",
    ...(secret ? sealAuthSecret(id, secret) : { secretEnc: null, secretHint: null }),
    ...sealExtraSecrets(id, extra),
    parameters,
    pushPath: c.pushPath,
    pushMethod: c.pushMethod ?? "POST",
    pushMapping: c.pushMapping,
    pushResponseIdPath: c.pushResponseIdPath,
    pushSuccessPath: c.pushSuccessPath ?? "",
    pushErrorPath: c.pushErrorPath ?? "",
    loginStep: json(c.loginStep),
    supplierResolution: json(c.supplierResolution),
    duplicateCheck: json(c.duplicateCheck),
    ...(c.pull
      ? {
          pullMethod: c.pull.method,
          pullPath: c.pull.path,
          pullBody: c.pull.body ?? "",
          pullPagination: c.pull.pagination,
          pullPageSize: c.pull.pageSize ?? 100,
          pullPageParam: c.pull.pageParam ?? "page",
          pullSizeParam: c.pull.sizeParam ?? "per_page",
          pullFirstPage: c.pull.firstPage ?? 1,
          pullRecordPath: c.pull.recordPath ?? "",
          pullIdField: c.pull.idField,
          pullMapping: c.pull.mapping,
        }
      : {}),
  } satisfies Omit<Prisma.ApiConnectorUncheckedCreateInput, "id" | "tenantId" | "name">;
}

export async function createConnectorFromPreset(scope: TenantScope, raw: PresetConnectorInput) {
  const input = presetConnectorInput.parse(raw);
  const preset = requirePreset(input.presetKey);
  await assertWithinLimit(scope, "connectors");
  const clash = await db().apiConnector.findFirst({ where: scoped(scope, { name: { equals: input.name, mode: "insensitive" as const } }), select: { id: true } });
  if (clash) throw AppError.field("name", "Ya existe un conector con ese nombre", "CONFLICT");
  const id = createId();
  const columns = await presetColumns(preset, input, id);
  // Schedules added later on the form run in the organization's zone, not the column's default.
  const scheduleTimezone = await tenantTimeZone(scope.tenantId);
  const created = await db().apiConnector.create({ data: { id, tenantId: scope.tenantId, name: input.name, ...columns, scheduleTimezone } });
  return connectorView(created);
}
