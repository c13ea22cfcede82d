import "server-only";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { toDocumentView, type DocumentView } from "./document-view";
import { findDocument } from "./find-document";
import { parseReportOf, type ParseReport } from "./parse-report";

export async function getDocument(scope: TenantScope, id: string): Promise<DocumentView> {
  return toDocumentView(await findDocument(scope, id));
}

export type CorrectionView = { id: string; field: string; kind: "CORRECTION" | "CONFIRMATION"; oldValue: unknown; newValue: unknown; createdAt: Date; userName: string | null; userEmail: string | null };
export type DocumentDetail = DocumentView & { parseReport: ParseReport | null; corrections: CorrectionView[]; uploadedBy: string | null; reviewedBy: string | null };

/** The document page: the view, what the pipeline did, and who corrected what (newest first). */
export async function getDocumentDetail(scope: TenantScope, id: string): Promise<DocumentDetail> {
  const row = await findDocument(scope, id);
  const corrections = await db().documentCorrection.findMany({ where: scoped(scope, { documentId: id }), orderBy: { createdAt: "desc" }, take: 200 });
  const userIds = [...new Set([...corrections.map((c) => c.userId), row.uploadedById, row.reviewedById].filter((u): u is string => u !== null))];
  const users = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } });
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    ...toDocumentView(row),
    parseReport: parseReportOf(row.parseReport),
    uploadedBy: row.uploadedById ? (byId.get(row.uploadedById)?.name ?? null) : null,
    reviewedBy: row.reviewedById ? (byId.get(row.reviewedById)?.name ?? "Usuario eliminado") : null,
    corrections: corrections.map((c) => ({
      id: c.id,
      field: c.field,
      kind: c.kind,
      oldValue: c.oldValue,
      newValue: c.newValue,
      createdAt: c.createdAt,
      userName: c.userId ? (byId.get(c.userId)?.name ?? "Usuario eliminado") : null,
      userEmail: c.userId ? (byId.get(c.userId)?.email ?? null) : null,
    })),
  };
}
