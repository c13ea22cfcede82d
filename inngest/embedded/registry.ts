import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { appServeUrl, isEmbedded } from "./config";
import type { FunctionConfig } from "./types";

type Registry = { functions: Map<string, FunctionConfig>; loadedAt: number };
const registry: Registry = ((globalThis as { __contaflowEngineRegistry?: Registry }).__contaflowEngineRegistry ??= { functions: new Map(), loadedAt: 0 });

/**
 * The registered URL is where the app saw itself; in embedded mode we always call it on
 * loopback (Next reports "localhost", which may resolve to ::1 where nothing listens).
 */
function callableUrl(url: string): string {
  if (!isEmbedded()) return url;
  const registered = new URL(url);
  const serve = new URL(appServeUrl());
  registered.protocol = serve.protocol;
  registered.host = serve.host;
  registered.searchParams.delete("deployId");
  return registered.toString();
}

/** POST /fn/register: replace the app's functions; answer whether anything changed. */
export async function registerApp(body: { appName?: string; functions?: FunctionConfig[] }): Promise<{ modified: boolean }> {
  const appId = body.appName ?? "app";
  const functions = (body.functions ?? []).map((f) => ({ ...f, steps: { step: { ...f.steps.step, runtime: { ...f.steps.step.runtime, url: callableUrl(f.steps.step.runtime.url) } } } }));
  const before = JSON.stringify([...(await loadFunctions(true)).values()].filter((f) => f.id.startsWith(`${appId}-`)));
  await db().$transaction([
    db().engineFunction.deleteMany({ where: { appId, id: { notIn: functions.map((f) => f.id) } } }),
    ...functions.map((f) =>
      db().engineFunction.upsert({
        where: { id: f.id },
        create: { id: f.id, appId, name: f.name, url: f.steps.step.runtime.url, config: f as unknown as Prisma.InputJsonValue },
        update: { appId, name: f.name, url: f.steps.step.runtime.url, config: f as unknown as Prisma.InputJsonValue },
      }),
    ),
  ]);
  const after = await loadFunctions(true);
  return { modified: before !== JSON.stringify([...after.values()].filter((f) => f.id.startsWith(`${appId}-`))) };
}

export async function loadFunctions(force = false): Promise<Map<string, FunctionConfig>> {
  if (!force && registry.loadedAt > Date.now() - 5_000) return registry.functions;
  const rows = await db().engineFunction.findMany({ orderBy: { id: "asc" } });
  registry.functions = new Map(rows.map((r) => [r.id, r.config as unknown as FunctionConfig]));
  registry.loadedAt = Date.now();
  return registry.functions;
}

export function maxAttempts(fn: FunctionConfig): number {
  return (fn.steps.step.retries?.attempts ?? 4) + 1;
}

export function concurrencyRules(fn: FunctionConfig): { limit: number; key?: string }[] {
  if (fn.concurrency === undefined) return [];
  if (typeof fn.concurrency === "number") return [{ limit: fn.concurrency }];
  return Array.isArray(fn.concurrency) ? fn.concurrency : [fn.concurrency];
}
