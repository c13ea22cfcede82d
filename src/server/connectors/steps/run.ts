/**
 * Runs a connector's extra steps: builds the expression bindings (parameters, secrets, session),
 * performs the login call, sends one step request, and checks a body-level success predicate.
 * A refusal inside a 2xx (Colppy `success: false`) becomes a `StepRefused` with the ERP's own
 * message, so callers record it FAILED instead of exported.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { ApiConnector } from "@/generated/prisma/client";
import { openAuthSecret, openExtraSecrets } from "../credentials";
import { connectorRequest, responseJson, type ConnectorResponse, type ConnectorTarget } from "../http-client";
import { evaluateExpression, type Bindings } from "../mapping";
import { classifyStatus } from "@/server/webhooks/error-class";
import { ConnectorCallError } from "../transport";
import { loginStepSchema, parseStep, type StepRequest } from "./config";

export type StepConnector = ConnectorTarget & Pick<ApiConnector, "parameters" | "extraSecretsEnc" | "loginStep">;

/** What expressions see, plus the headers the login step adds and the secret strings to mask in logs. */
export interface StepContext {
  bindings: Bindings;
  headers: Record<string, string>;
  secrets: string[];
  /** Every step call made (login, lookup, create, duplicate check), request bodies masked, for the export log. */
  calls: ConnectorResponse[];
}

const md5 = (value: unknown) => createHash("md5").update(String(value ?? ""), "utf8").digest("hex");

export function baseContext(connector: StepConnector): StepContext {
  const extra = openExtraSecrets(connector.id, connector.extraSecretsEnc);
  const password = connector.secretEnc ? openAuthSecret(connector.id, connector.secretEnc) : undefined;
  const secrets = { ...(password !== undefined ? { password } : {}), ...extra };
  const values = Object.values(secrets).filter((v) => v.length >= 4);
  return {
    bindings: { params: connector.parameters ?? {}, secrets, username: connector.username ?? "", md5, session: null },
    headers: {},
    secrets: [...values, ...values.map(md5)],
    calls: [],
  };
}

/** Secrets (and their MD5, which some ERPs want in the body) never reach a log excerpt. */
export function maskSecrets(text: string | null | undefined, ctx: StepContext): string | null {
  if (text === null || text === undefined) return null;
  return ctx.secrets.reduce((t, s) => t.split(s).join("••••"), text);
}

export class StepRefused extends Error {
  constructor(
    message: string,
    readonly response: ConnectorResponse,
  ) {
    super(message);
    this.name = "StepRefused";
  }
}

async function messageOf(errorPath: string | undefined, body: unknown, ctx: StepContext): Promise<string | null> {
  if (!errorPath?.trim()) return null;
  try {
    const m = await evaluateExpression(errorPath, body, ctx.bindings);
    if (m === undefined || m === null || m === "") return null;
    return typeof m === "string" ? m : JSON.stringify(m);
  } catch {
    return null;
  }
}

/** The ERP's message in a refused answer, by the connector's error path (null when none or not JSON). */
export async function errorMessage(errorPath: string | undefined, res: ConnectorResponse, ctx: StepContext): Promise<string | null> {
  if (!errorPath?.trim()) return null;
  try {
    return await messageOf(errorPath, responseJson(res), ctx);
  } catch {
    return null;
  }
}

/** A 2xx whose body fails the predicate: the ERP's message (or a generic one naming the rule). */
export async function bodyRefusal(successPath: string | undefined, errorPath: string | undefined, body: unknown, ctx: StepContext): Promise<string | null> {
  if (!successPath?.trim()) return null;
  let ok: unknown;
  try {
    ok = await evaluateExpression(successPath, body, ctx.bindings);
  } catch {
    ok = false;
  }
  if (ok === true) return null;
  const message = await messageOf(errorPath, body, ctx);
  return `El sistema externo rechazó el pedido (respondió 200 sin «${successPath}»)${message ? `: ${message}` : ""}`;
}

export async function buildStepRequest(req: StepRequest, input: unknown, ctx: StepContext) {
  const query = req.query ? ((await evaluateExpression(req.query, input, ctx.bindings)) as Record<string, string | number | null | undefined> | undefined) : undefined;
  const json = req.body ? await evaluateExpression(req.body, input, ctx.bindings) : undefined;
  return { method: req.method, path: req.path, query, json, headers: ctx.headers };
}

/** One step call: non-2xx and body-level refusals throw (ConnectorCallError / StepRefused). */
export async function runStep(connector: StepConnector, req: StepRequest, input: unknown, ctx: StepContext): Promise<{ res: ConnectorResponse; body: unknown }> {
  const sent = await connectorRequest(connector, await buildStepRequest(req, input, ctx));
  const res = { ...sent, requestBody: maskSecrets(sent.requestBody, ctx) };
  ctx.calls.push(res);
  if (!res.ok) {
    const message = await errorMessage(req.errorPath, res, ctx);
    throw new ConnectorCallError(classifyStatus(res.status) ?? "HTTP_OTHER", `${res.method} ${req.path}: el sistema externo respondió ${res.status}${message ? `: ${message}` : res.text ? ` (${res.text.trim().slice(0, 200)})` : ""}`, { url: res.url, status: res.status });
  }
  const body = responseJson(res);
  const refusal = await bodyRefusal(req.successPath, req.errorPath, body, ctx);
  if (refusal) throw new StepRefused(`${req.path || "/"}: ${refusal}`, res);
  return { res, body };
}

/** The context for one export item or PULL page: with a session from the login step when there is one. */
export async function stepContext(connector: StepConnector): Promise<StepContext> {
  const ctx = baseContext(connector);
  const login = parseStep(loginStepSchema, connector.loginStep, "inicio de sesión");
  if (!login) return ctx;
  const { body } = await runStep(connector, login.request, {}, ctx);
  const token = await evaluateExpression(login.tokenPath, body, ctx.bindings);
  if (token === undefined || token === null || token === "") throw new ConnectorCallError("AUTH_CONFIG", `El inicio de sesión no devolvió una sesión (${login.tokenPath}).`);
  const session = String(token);
  ctx.bindings.session = session;
  if (session.length >= 4) ctx.secrets.push(session);
  if (login.header) ctx.headers[login.header] = `${login.headerPrefix ?? ""}${session}`;
  return ctx;
}
