/**
 * The lists a preset's form picks ids from (Alegra's categories and taxes, Xubio's products…),
 * fetched from the ERP through the SSRF-guarded connector client with the credentials being
 * typed (nothing is saved; an OAuth preset gets an uncached token for them) or with a saved
 * connector.
 */
import "server-only";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { createId } from "@/server/ids";
import type { TenantScope } from "@/server/tenants/scope";
import { connectorRequest, responseJson, type ConnectorTarget } from "../http-client";
import { sealAuthSecret } from "../credentials";
import { findConnector } from "../manage-connectors";
import { uncachedOAuthToken } from "../oauth";
import { evaluateExpression } from "../mapping";
import { ConnectorCallError } from "../transport";
import { presetColumns, requirePreset } from "./create";

export const presetOptionsInput = z.object({
  presetKey: z.string().min(1).max(40),
  parameterKey: z.string().min(1).max(60),
  /** A saved connector (needed for OAuth presets)… */
  connectorId: z.string().min(1).optional(),
  /** …or the credentials being typed in the gallery. */
  credentials: z.record(z.string(), z.string().max(2000)).default({}),
});
export type PresetOption = { value: string; label: string };
const MAX_OPTIONS = 500;

async function draftTarget(presetKey: string, credentials: Record<string, string>): Promise<ConnectorTarget> {
  const preset = requirePreset(presetKey);
  const id = createId();
  // Parameters are not needed to list options: fill required ones with placeholders so only the credentials are checked.
  const placeholders = Object.fromEntries(preset.parameters.map((p) => [p.key, p.kind === "perRate" || p.kind === "perCode" ? { "21": "-" } : "-"]));
  const cols = await presetColumns(preset, { presetKey, name: "borrador", credentials, parameters: placeholders }, id);
  const target: ConnectorTarget = { id, tenantId: "", baseUrl: cols.baseUrl, timeoutMs: 15_000, defaultHeaders: cols.defaultHeaders, authType: cols.authType, apiKeyHeader: cols.apiKeyHeader, username: cols.username, oauthTokenUrl: null, oauthClientId: null, oauthScope: null, oauthClientAuth: "CLIENT_SECRET_BASIC", secretEnc: cols.secretEnc };
  if (cols.authType !== "OAUTH2_CLIENT_CREDENTIALS") return target;
  // OAuth (Xubio): a token for the typed client id and secret, not cached (nothing is saved), used as a bearer.
  const token = await uncachedOAuthToken({ id, tenantId: "", timeoutMs: 15_000, oauthTokenUrl: cols.oauthTokenUrl, oauthClientId: cols.oauthClientId, oauthScope: null, oauthClientAuth: cols.oauthClientAuth, secretEnc: cols.secretEnc });
  return { ...target, authType: "BEARER", secretEnc: sealAuthSecret(id, token.accessToken).secretEnc };
}

export async function presetOptions(scope: TenantScope, raw: z.input<typeof presetOptionsInput>): Promise<PresetOption[]> {
  const input = presetOptionsInput.parse(raw);
  const preset = requirePreset(input.presetKey);
  const parameter = preset.parameters.find((p) => p.key === input.parameterKey);
  if (!parameter?.options) throw AppError.field("parameterKey", `«${parameter?.label ?? input.parameterKey}» no se puede elegir de una lista de ${preset.name}: escribí el id.`);
  let items: unknown;
  try {
    const target = input.connectorId ? await findConnector(scope, input.connectorId) : await draftTarget(preset.key, input.credentials);
    const { method = "GET", path, body: json } = parameter.options;
    const res = await connectorRequest(target, { method, path, ...(method === "POST" ? { json } : {}) });
    if (!res.ok) throw new AppError("BAD_REQUEST", `${preset.name} respondió ${res.status} al pedir ${parameter.options.path}${res.status === 401 || res.status === 403 ? ": revisá las credenciales" : ""}.`);
    const body = responseJson(res);
    items = parameter.options.recordPath ? await evaluateExpression(parameter.options.recordPath, body) : body;
  } catch (e) {
    if (e instanceof ConnectorCallError) throw new AppError("BAD_REQUEST", `No pudimos traer la lista de ${preset.name}: ${e.message}`);
    throw e;
  }
  const list = Array.isArray(items) ? items : items === undefined || items === null ? [] : [items];
  const out: PresetOption[] = [];
  for (const item of list.slice(0, MAX_OPTIONS)) {
    const value = await evaluateExpression(parameter.options.value, item);
    const label = await evaluateExpression(parameter.options.label, item);
    if (value === undefined || value === null || value === "") continue;
    out.push({ value: String(value), label: label === undefined || label === null ? String(value) : String(label) });
  }
  return out;
}
