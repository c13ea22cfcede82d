/**
 * The documents /exportar offers: parsed (COMPLETED), not discarded documents of the tenant,
 * reviewed ones by default (`review: "ALL"` shows the others, which need "exportar igual"),
 * filtered by text, export state, date and type. Used by the list, "seleccionar todos los que
 * coinciden", the JSON/CSV download and scheduled exports (state PENDING: never exported, or
 * changed since). Each row carries its review state and why it cannot be exported (export-guard.ts).
 */
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { ExportFilter, ExportSelection } from "@/lib/schemas/exports";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { toDocumentView } from "@/server/documents/document-view";
import { verdicts } from "./export-guard";
import { documentWhere } from "@/server/clients/access";
import type { TenantScope } from "@/server/tenants/scope";

export const MAX_EXPORT_SELECTION = 5000;

/** Not exported yet, or changed (new version) since the last export. */
export function pendingExportWhere(): Prisma.DocumentWhereInput {
  return { OR: [{ exportedVersion: null }, { exportedVersion: { lt: db().document.fields.version } }] };
}

export function exportFilterWhere(scope: Pick<TenantScope, "tenantId">, f: Partial<ExportFilter>): Prisma.DocumentWhereInput {
  const and: Prisma.DocumentWhereInput[] = [{ status: "COMPLETED", discardedAt: null }];
  if ((f.review ?? "REVIEWED") === "REVIEWED") and.push({ reviewStatus: "REVIEWED" });
  const q = f.q?.trim();
  if (q) {
    const digits = q.replace(/\D/g, "");
    and.push({
      OR: [
        { proveedorRazonSocial: { contains: q, mode: "insensitive" } },
        { fileName: { contains: q, mode: "insensitive" } },
        { externalSystemId: { contains: q } },
        ...(digits ? [{ proveedorCuit: { contains: digits.length === 11 ? `${digits.slice(0, 2)}-${digits.slice(2, 10)}-${digits.slice(10)}` : q } }, { proveedorCuit: { contains: digits } }] : []),
        ...(/^\d{1,12}$/.test(digits) && digits.length <= 12 ? [{ numero: BigInt(digits) }] : []),
      ],
    });
  }
  if (f.state === "PENDING") and.push(pendingExportWhere());
  if (f.state === "EXPORTED") and.push({ exportedVersion: { gte: db().document.fields.version } });
  if (f.from) and.push({ fecha: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ fecha: { lte: new Date(`${f.to}T00:00:00Z`) } });
  if (f.tipo) and.push({ tipo: f.tipo });
  if (f.cliente) and.push({ receptorCuit: f.cliente });
  return documentWhere(scope, { AND: and });
}

export async function listExportDocuments(scope: TenantScope, q: ExportFilter & { page: number; pageSize: number }) {
  const where = exportFilterWhere(scope, q);
  const [rows, total, tipos] = await Promise.all([
    db().document.findMany({ where, orderBy: [{ fecha: "desc" }, { createdAt: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
    db().document.count({ where }),
    db().document.findMany({ where: documentWhere(scope, { status: "COMPLETED" as const, discardedAt: null, tipo: { not: null } }), distinct: ["tipo"], select: { tipo: true }, take: 50 }),
  ]);
  const v = await verdicts(scope.tenantId, rows);
  const items = rows.map((r) => {
    const verdict = v.get(r.id)!;
    return { ...toDocumentView(r), review: { status: r.reviewStatus, blockedReason: verdict.ok ? null : verdict.block.reason, needsOverride: verdict.ok && verdict.needsOverride } };
  });
  return { items, total, tipos: tipos.map((t) => t.tipo!).sort() };
}

/**
 * The ids a selection stands for (explicit ids are checked against the tenant: NOT_FOUND). They
 * still go through the guard (export-guard.ts) before anything is exported.
 */
export async function resolveSelection(scope: Pick<TenantScope, "tenantId">, selection: ExportSelection): Promise<string[]> {
  if ("documentIds" in selection) {
    const ids = [...new Set(selection.documentIds)];
    const found = await db().document.findMany({ where: documentWhere(scope, { id: { in: ids } }), select: { id: true }, orderBy: { createdAt: "asc" } });
    if (found.length !== ids.length) throw AppError.notFound("Documento");
    return found.map((d) => d.id);
  }
  const where = exportFilterWhere(scope, selection.filter);
  const rows = await db().document.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" }, take: MAX_EXPORT_SELECTION + 1 });
  return rows.map((r) => r.id);
}

export async function selectedDocuments(scope: Pick<TenantScope, "tenantId">, selection: ExportSelection) {
  const ids = await resolveSelection(scope, selection);
  const rows = await db().document.findMany({ where: documentWhere(scope, { id: { in: ids } }), orderBy: [{ fecha: "desc" }, { createdAt: "desc" }] });
  return rows.map(toDocumentView);
}
