import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { appServeUrl, isEmbedded } from "./config";
import type { FunctionConfig } from "./types";
import { validateFunction } from "./validate";

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

export type Refused = { id: string; name: string; reason: string };

/**
 * POST /fn/register: replace the app's functions; answer whether anything changed and which
 * functions were refused. A refused function is dropped (with its reason kept for the runs
 * page); every valid one is registered as usual.
 */
export async function registerApp(body: { appName?: string; functions?: unknown[] }): Promise<{ modified: boolean; refused: Refused[] }> {
  const appId = body.appName ?? "app";
  const checked = (Array.isArray(body.functions) ? body.functions : []).map(validateFunction);
  const refused = checked.flatMap((c) => (c.ok ? [] : [{ id: c.id, name: c.name, reason: c.reason }]));
  const functions = checked.flatMap((c) => (c.ok ? [c.fn] : [])).map((f) => ({ ...f, steps: { step: { ...f.steps.step, runtime: { ...f.steps.step.runtime, url: callableUrl(f.steps.step.runtime.url) } } } }));
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
    db().engineRefusedFunction.deleteMany({ where: { appId } }),
    db().engineRefusedFunction.createMany({ data: refused.map((r) => ({ ...r, appId })), skipDuplicates: true }),
  ]);
  const after = await loadFunctions(true);
  return { modified: before !== JSON.stringify([...after.values()].filter((f) => f.id.startsWith(`${appId}-`))), refused };
}

export async function loadFunctions(force = false): Promise<Map<string, FunctionConfig>> {
  if (!force && registry.loadedAt > Date.now() - 5_000) return registry.functions;
  const rows = await db().engineFunction.findMany({ orderBy: { id: "asc" } });
  // Rows stored before sync-time validation existed are checked too: an invalid one is skipped.
  registry.functions = new Map(rows.flatMap((r) => {
    const checked = validateFunction(r.config);
    return checked.ok ? [[r.id, checked.fn] as const] : [];
  }));
  registry.loadedAt = Date.now();
  return registry.functions;
}

export function maxAttempts(fn: FunctionConfig): number {
  return (fn.steps.step.retries?.attempts ?? 4) + 1;
}
