/**
 * Generating the files as a background run (Inngest function `libro-iva-generate`): the request
 * creates the run and sends the event; the function reads the month in pages (progress on the
 * run), checks it again (a document may have changed since the pre-flight) and stores either the
 * zip (DONE) or the blockers (BLOCKED). The download reads the zip of a DONE run.
 */
import "server-only";
import { inngest } from "~/inngest/client";
import { libroIvaRequested } from "~/inngest/events";
import { recordAudit } from "@/server/audit/audit-log";
import { visibleClient } from "@/server/clients/access";
import { dashedCuit } from "@/server/clients/edit-client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { countMonth, loadMonth, loadUnplaced } from "./load";
import { checkMonth, forMember, type PreflightIssue } from "./preflight";
import { libroZip } from "./zip";

export async function startLibroRun(scope: TenantScope, input: { clientId: string; period: string }) {
  const client = await visibleClient(scope, input.clientId);
  const totalDocs = await countMonth(scope, client.cuit, input.period);
  if (totalDocs === 0) throw new AppError("BAD_REQUEST", `No hay comprobantes de ${client.razonSocial} con fecha en ${input.period}`);
  const run = await db().libroIvaRun.create({ data: { tenantId: scope.tenantId, clientId: client.id, period: input.period, totalDocs, createdById: scope.userId } });
  try {
    await inngest.send(libroIvaRequested.create({ tenantId: scope.tenantId, runId: run.id }, { id: `libro-iva-${run.id}` }));
  } catch (err) {
    await db().libroIvaRun.update({ where: { id: run.id }, data: { status: "FAILED", error: "No se pudo iniciar la generación (motor de tareas no disponible).", finishedAt: new Date() } });
    throw new AppError("INTERNAL", "No se pudo iniciar la generación: el motor de tareas no responde. Probá de nuevo en un momento.", undefined, { cause: err });
  }
  return { runId: run.id, totalDocs };
}

/** The function's work. Idempotent: a re-run of the step rebuilds the same result. */
export async function executeLibroRun(runId: string): Promise<{ status: "DONE" | "BLOCKED"; blockers: number }> {
  const run = await db().libroIvaRun.findUniqueOrThrow({ where: { id: runId }, include: { client: true } });
  const scope = { tenantId: run.tenantId };
  await db().libroIvaRun.updateMany({ where: scoped(scope, { id: run.id }), data: { status: "RUNNING", processed: 0 } });
  const docs = await loadMonth(scope, run.client.cuit, run.period, async (read) => {
    await db().libroIvaRun.updateMany({ where: scoped(scope, { id: run.id }), data: { processed: read, totalDocs: Math.max(read, run.totalDocs) } });
  });
  const { book, blockers } = checkMonth(docs, await loadUnplaced(scope, run.client.cuit, run.period));
  if (blockers.length || docs.length === 0) {
    await db().libroIvaRun.updateMany({ where: scoped(scope, { id: run.id }), data: { status: "BLOCKED", blockers: blockers.slice(0, 500), summary: book.summary, totalDocs: docs.length, finishedAt: new Date() } });
    return { status: "BLOCKED", blockers: blockers.length };
  }
  const zip = new Uint8Array(libroZip(run.client, run.period, book));
  await db().$transaction(async (tx) => {
    await tx.libroIvaRun.updateMany({ where: scoped(scope, { id: run.id }), data: { status: "DONE", zip, summary: book.summary, blockers: [], totalDocs: docs.length, processed: docs.length, finishedAt: new Date() } });
    if (run.createdById) {
      await recordAudit(tx, { tenantId: run.tenantId, userId: run.createdById }, { action: "LIBRO_IVA_GENERATED", target: { name: `${run.client.razonSocial} (${dashedCuit(run.client.cuit)})` }, newValue: `período ${run.period}, ${book.summary.comprobantes} comprobantes` });
    }
  });
  return { status: "DONE", blockers: 0 };
}

export async function failLibroRun(runId: string, error: string) {
  await db().libroIvaRun.updateMany({ where: { id: runId, status: { in: ["PENDING", "RUNNING"] } }, data: { status: "FAILED", error, finishedAt: new Date() } });
}

/** A run of a client the member may see (progress, summary, blockers; not the bytes). */
export async function libroRunStatus(scope: TenantScope, runId: string) {
  const run = await db().libroIvaRun.findFirst({ where: scoped(scope, { id: runId }), omit: { zip: true } });
  if (!run) throw AppError.notFound("Generación");
  await visibleClient(scope, run.clientId);
  return { id: run.id, clientId: run.clientId, period: run.period, status: run.status, processed: run.processed, totalDocs: run.totalDocs, summary: run.summary, blockers: Array.isArray(run.blockers) ? forMember(scope, run.blockers as PreflightIssue[]) : run.blockers, error: run.error, createdAt: run.createdAt, finishedAt: run.finishedAt };
}

export async function libroRunZip(scope: TenantScope, runId: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  const run = await db().libroIvaRun.findFirst({ where: scoped(scope, { id: runId }), include: { client: { select: { id: true, cuit: true } } } });
  if (!run) throw AppError.notFound("Generación");
  await visibleClient(scope, run.clientId);
  if (run.status !== "DONE" || !run.zip) throw new AppError("CONFLICT", "Esta generación no tiene archivo para descargar");
  return { fileName: `libro-iva-compras-${run.client.cuit}-${run.period.replace("-", "")}.zip`, bytes: new Uint8Array(run.zip) };
}
