/**
 * Sync-time validation of one function config, as the SDK registers it: known options only
 * (options.ts), CEL expressions that compile, durations that parse, crons and time zones that
 * parse, limits in Inngest's ranges. A refused function gets one specific reason; it never
 * reaches the registry, so it cannot affect any other function.
 */
import { parse } from "@marcbachmann/cel-js";
import { nextCronFire } from "./cron";
import { LIMITS, REFUSED_SUB_OPTIONS, type FUNCTION_OPTIONS } from "./options";
import { parseDuration } from "./time";
import type { FunctionConfig } from "./types";

export type Validation = { ok: true; fn: FunctionConfig } | { ok: false; id: string; name: string; reason: string };

class Refusal extends Error {}
const fail = (path: string, message: string): never => {
  throw new Refusal(`${path}: ${message}`);
};
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

function obj(v: unknown, path: string, allowed: string[]): Record<string, unknown> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return fail(path, `debe ser un objeto (recibido ${show(v)})`);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(`${path}.${k}`, "opción desconocida");
  return v as Record<string, unknown>;
}

function str(v: unknown, path: string, max = 10_000): string {
  if (typeof v !== "string" || v.trim() === "") return fail(path, `debe ser un texto no vacío (recibido ${show(v)})`);
  if (v.length > max) fail(path, `supera ${max} caracteres`);
  return v;
}

function int(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) fail(path, `debe ser un entero entre ${min} y ${max} (recibido ${show(v)})`);
  return v as number;
}

function cel(v: unknown, path: string): void {
  const source = str(v, path);
  try {
    parse(source);
  } catch (e) {
    fail(path, `expresión CEL inválida ${show(source)}: ${(e as Error).message.split("\n")[0]}`);
  }
}

function duration(v: unknown, path: string, range?: { min: number; max: number }): number {
  const ms = parseDuration(v);
  if (ms === null) return fail(path, `duración inválida ${show(v)} (se esperan p. ej. "30s", "5m", "1h30m", "2d")`);
  if (range && (ms < range.min || ms > range.max)) fail(path, `${show(v)} fuera de rango (entre ${range.min / 1000} s y ${range.max / 1000} s)`);
  return ms;
}

function cron(v: unknown, path: string): void {
  const text = str(v, path);
  const tz = /^(?:CRON_)?TZ=(\S+)\s/.exec(text.trim())?.[1];
  if (tz) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
    } catch {
      fail(path, `zona horaria desconocida ${show(tz)}`);
    }
  }
  try {
    nextCronFire(text, new Date());
  } catch (e) {
    fail(path, `cron inválido ${show(text)}: ${(e as Error).message.split("\n")[0]}`);
  }
}

function triggers(v: unknown): void {
  if (!Array.isArray(v)) return fail("triggers", "falta la lista de disparadores");
  if (v.length > LIMITS.maxTriggers) fail("triggers", `como máximo ${LIMITS.maxTriggers} disparadores (hay ${v.length})`);
  v.forEach((t, i) => {
    const path = `triggers[${i}]`;
    const o = obj(t, path, ["event", "expression", "cron", "jitter"]);
    if ("jitter" in o) fail(`${path}.jitter`, REFUSED_SUB_OPTIONS["triggers[].jitter"]!);
    if ("cron" in o) {
      if ("event" in o || "expression" in o) fail(path, "un disparador es por evento o por cron, no ambos");
      cron(o.cron, `${path}.cron`);
    } else {
      str(o.event, `${path}.event`, LIMITS.maxEventNameLength);
      if (o.expression !== undefined) cel(o.expression, `${path}.if`);
    }
  });
}

function steps(v: unknown): void {
  const s = obj(v, "steps", ["step"]);
  const step = obj(s.step, "steps.step", ["id", "name", "runtime", "retries"]);
  const runtime = obj(step.runtime, "steps.step.runtime", ["type", "url"]);
  if (runtime.type === "ws") fail("steps.step.runtime.type", REFUSED_SUB_OPTIONS["steps.step.runtime.type=ws"]!);
  if (runtime.type !== undefined && runtime.type !== "http") fail("steps.step.runtime.type", `desconocido ${show(runtime.type)}`);
  if (!URL.canParse(str(runtime.url, "steps.step.runtime.url"))) fail("steps.step.runtime.url", `URL inválida ${show(runtime.url)}`);
  if (step.retries !== undefined) int(obj(step.retries, "retries", ["attempts"]).attempts, "retries", 0, LIMITS.maxRetries);
}

function concurrency(v: unknown): void {
  if (typeof v === "number") return void int(v, "concurrency", 0, LIMITS.maxConcurrency);
  const list = Array.isArray(v) ? v : [v];
  if (list.length > LIMITS.maxConcurrencyLimits) fail("concurrency", `como máximo ${LIMITS.maxConcurrencyLimits} límites (hay ${list.length})`);
  list.forEach((c, i) => {
    const path = Array.isArray(v) ? `concurrency[${i}]` : "concurrency";
    const o = obj(c, path, ["limit", "key", "scope"]);
    int(o.limit, `${path}.limit`, 0, LIMITS.maxConcurrency);
    if (o.key !== undefined) cel(o.key, `${path}.key`);
    if (o.scope !== undefined && !["fn", "env", "account"].includes(o.scope as string)) fail(`${path}.scope`, `debe ser "fn", "env" o "account" (recibido ${show(o.scope)})`);
    if ((o.scope === "env" || o.scope === "account") && o.key === undefined) fail(`${path}.key`, `con scope ${show(o.scope)} hace falta una clave`);
  });
}

const CHECKS: Record<keyof typeof FUNCTION_OPTIONS, (v: unknown) => void> = {
  id: (v) => str(v, "id", 256),
  name: (v) => str(v, "name", 256),
  triggers,
  steps,
  idempotency: (v) => cel(v, "idempotency"),
  concurrency,
  cancel: (v) => {
    if (!Array.isArray(v)) return fail("cancelOn", "debe ser una lista");
    if (v.length > LIMITS.maxCancellations) fail("cancelOn", `como máximo ${LIMITS.maxCancellations} reglas (hay ${v.length})`);
    v.forEach((c, i) => {
      const o = obj(c, `cancelOn[${i}]`, ["event", "if", "timeout"]);
      str(o.event, `cancelOn[${i}].event`, LIMITS.maxEventNameLength);
      if (o.if !== undefined) cel(o.if, `cancelOn[${i}].if`);
      if (o.timeout !== undefined) duration(o.timeout, `cancelOn[${i}].timeout`, { min: 1_000, max: LIMITS.cancelTimeoutMax });
    });
  },
  debounce: (v) => {
    const o = obj(v, "debounce", ["key", "period", "timeout"]);
    duration(o.period, "debounce.period", LIMITS.debouncePeriod);
    if (o.key !== undefined) cel(o.key, "debounce.key");
    if (o.timeout !== undefined) duration(o.timeout, "debounce.timeout", LIMITS.debouncePeriod);
  },
  throttle: (v) => {
    const o = obj(v, "throttle", ["limit", "period", "burst", "key"]);
    int(o.limit, "throttle.limit", 1, LIMITS.maxConcurrency);
    duration(o.period, "throttle.period", LIMITS.throttlePeriod);
    if (o.burst !== undefined) int(o.burst, "throttle.burst", 1, LIMITS.maxConcurrency);
    if (o.key !== undefined) cel(o.key, "throttle.key");
  },
  rateLimit: (v) => {
    const o = obj(v, "rateLimit", ["limit", "period", "key"]);
    int(o.limit, "rateLimit.limit", 1, LIMITS.maxConcurrency);
    duration(o.period, "rateLimit.period", LIMITS.rateLimitPeriod);
    if (o.key !== undefined) cel(o.key, "rateLimit.key");
  },
  batchEvents: (v) => {
    const o = obj(v, "batchEvents", ["maxSize", "timeout", "key", "if"]);
    int(o.maxSize, "batchEvents.maxSize", 1, LIMITS.maxBatchSize);
    duration(o.timeout, "batchEvents.timeout", LIMITS.batchTimeout);
    if (o.key !== undefined) cel(o.key, "batchEvents.key");
    if (o.if !== undefined) cel(o.if, "batchEvents.if");
  },
  priority: (v) => {
    const o = obj(v, "priority", ["run"]);
    if (o.run !== undefined) cel(o.run, "priority.run");
  },
  timeouts: (v) => {
    const o = obj(v, "timeouts", ["start", "finish"]);
    if (o.start === undefined && o.finish === undefined) fail("timeouts", "indicá start o finish");
    if (o.start !== undefined) duration(o.start, "timeouts.start", { min: 1_000, max: LIMITS.cancelTimeoutMax });
    if (o.finish !== undefined) duration(o.finish, "timeouts.finish", { min: 1_000, max: LIMITS.cancelTimeoutMax });
  },
  singleton: (v) => {
    const o = obj(v, "singleton", ["key", "mode"]);
    if (o.mode !== "skip" && o.mode !== "cancel") fail("singleton.mode", `debe ser "skip" o "cancel" (recibido ${show(o.mode)})`);
    if (o.key !== undefined) cel(o.key, "singleton.key");
  },
};

export function validateFunction(raw: unknown): Validation {
  const record = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const id = typeof record.id === "string" ? record.id : "(sin id)";
  const name = typeof record.name === "string" ? record.name : id;
  try {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail("función", "debe ser un objeto");
    for (const key of Object.keys(record)) {
      if (!(key in CHECKS)) fail(key, "opción desconocida para el motor embebido");
    }
    for (const required of ["id", "triggers", "steps"] as const) if (record[required] === undefined) fail(required, "falta (es obligatorio)");
    for (const [key, value] of Object.entries(record)) if (value !== undefined && value !== null) CHECKS[key as keyof typeof CHECKS](value);
    return { ok: true, fn: raw as FunctionConfig };
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return { ok: false, id, name, reason: e.message };
  }
}
