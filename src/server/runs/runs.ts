import "server-only";
import { isEmbedded } from "~/inngest/embedded/config";
import { ingestEvents } from "~/inngest/embedded/event-router";
import { loadFunctions } from "~/inngest/embedded/registry";
import type { EngineEventPayload } from "~/inngest/embedded/types";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import type { ListRunsInput } from "@/lib/schemas/runs";

/** The tenant's background runs (embedded engine), newest first. */
export async function listRuns(scope: TenantScope, input: ListRunsInput) {
  const rows = await db().engineRun.findMany({
    where: scoped(scope, { functionId: input.functionId, status: input.status }),
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
    select: { id: true, functionId: true, status: true, startedAt: true, endedAt: true, _count: { select: { history: true } } },
  });
  const functions = await db().engineFunction.findMany({ select: { id: true, name: true } });
  // App-level, like the function list: functions the last sync refused, with the reason.
  const refused = await db().engineRefusedFunction.findMany({ select: { id: true, name: true, reason: true, refusedAt: true }, orderBy: { id: "asc" } });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({ id: r.id, functionId: r.functionId, functionName: functions.find((f) => f.id === r.functionId)?.name ?? r.functionId, status: r.status, startedAt: r.startedAt, endedAt: r.endedAt, steps: r._count.history })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
    functions,
    refused,
  };
}

export async function getRun(scope: TenantScope, id: string) {
  const run = await db().engineRun.findFirst({ where: scoped(scope, { id }), include: { history: { orderBy: { at: "asc" } } } });
  if (!run) throw AppError.notFound("Ejecución");
  const event = run.event as unknown as EngineEventPayload;
  return {
    id: run.id,
    functionId: run.functionId,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    event: { name: event.name, data: event.data },
    output: run.output,
    error: run.error,
    steps: run.history.map((h) => ({ name: h.name, attempt: h.attempt + 1, status: h.status, at: h.at, output: h.output, error: h.error })),
  };
}

/** "Reintentar": a new run of the same function with the same event data. */
export async function retryRun(scope: TenantScope, id: string) {
  if (!isEmbedded()) throw new AppError("CONFLICT", "Con un servidor Inngest externo, reintentá desde su panel");
  const run = await db().engineRun.findFirst({ where: scoped(scope, { id }) });
  if (!run) throw AppError.notFound("Ejecución");
  if (run.status !== "FAILED" && run.status !== "CANCELLED") throw new AppError("CONFLICT", "Solo se reintentan ejecuciones fallidas o canceladas");
  const fn = (await loadFunctions(true)).get(run.functionId);
  if (!fn) throw new AppError("CONFLICT", "La función ya no existe en la aplicación");
  const event = run.event as unknown as EngineEventPayload;
  const [eventId] = await ingestEvents([{ name: event.name, data: event.data, user: event.user }], { onlyFunction: fn });
  const created = await db().engineRun.findFirst({ where: { functionId: fn.id, event: { path: ["id"], equals: eventId! } }, select: { id: true } });
  return { runId: created?.id ?? null };
}
