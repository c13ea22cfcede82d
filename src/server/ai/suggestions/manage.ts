/** Reading a document's suggestions and recording the accountant's decision (who, when). */
import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { generateSuggestions } from "./generate";

export type SuggestionView = {
  id: string;
  kind: "ACCOUNT" | "CATEGORY" | "ANOMALY";
  code: string;
  label: string;
  reason: string | null;
  source: "RULE" | "AI";
  confidence: number | null;
  status: "PENDING" | "ACCEPTED" | "REJECTED";
  documentVersion: number;
  decidedByName: string | null;
  decidedAt: Date | null;
  createdAt: Date;
};

const select = { id: true, kind: true, code: true, label: true, reason: true, source: true, confidence: true, status: true, documentVersion: true, decidedByName: true, decidedAt: true, createdAt: true } as const;

async function assertDocument(scope: TenantScope, documentId: string) {
  const doc = await db().document.findFirst({ where: scoped(scope, { id: documentId }), select: { id: true, status: true, version: true } });
  if (!doc) throw AppError.notFound("Documento");
  return doc;
}

export async function listSuggestions(scope: TenantScope, documentId: string) {
  const doc = await assertDocument(scope, documentId);
  const [items, provider] = await Promise.all([
    db().documentSuggestion.findMany({ where: scoped(scope, { documentId }), orderBy: [{ kind: "asc" }, { createdAt: "asc" }], select }),
    db().aiProviderConfig.findUnique({ where: { tenantId: scope.tenantId }, select: { classificationEnabled: true, suggestionsEnabled: true } }),
  ]);
  return {
    documentStatus: doc.status,
    documentVersion: doc.version,
    aiEnabled: Boolean(provider && (provider.classificationEnabled || provider.suggestionsEnabled)),
    items: items as SuggestionView[],
  };
}

/** "Generar sugerencias" on demand (the same parts the background function runs). */
export async function regenerateSuggestions(scope: TenantScope, documentId: string) {
  const doc = await assertDocument(scope, documentId);
  if (doc.status !== "COMPLETED") throw new AppError("BAD_REQUEST", "El documento todavía no terminó de procesarse");
  const results = await generateSuggestions(scope.tenantId, documentId);
  return { results, ...(await listSuggestions(scope, documentId)) };
}

/** Accept or reject one suggestion; the decision (who, when) stays on the row. A decision can be changed. */
export async function decideSuggestion(scope: TenantScope, input: { id: string; decision: "ACCEPTED" | "REJECTED" }): Promise<SuggestionView> {
  const existing = await db().documentSuggestion.findFirst({ where: scoped(scope, { id: input.id }), select: { id: true, kind: true, documentId: true } });
  if (!existing) throw AppError.notFound("Sugerencia");
  const user = await db().user.findUnique({ where: { id: scope.userId }, select: { name: true } });
  return db().$transaction(async (tx) => {
    // One accepted account (and one category) per document: accepting another rejects the previous one.
    if (input.decision === "ACCEPTED" && existing.kind !== "ANOMALY") {
      await tx.documentSuggestion.updateMany({
        where: scoped(scope, { documentId: existing.documentId, kind: existing.kind, status: "ACCEPTED" as const, id: { not: existing.id } }),
        data: { status: "REJECTED", decidedById: scope.userId, decidedByName: user?.name ?? null, decidedAt: new Date() },
      });
    }
    const row = await tx.documentSuggestion.update({
      where: { id: existing.id },
      data: { status: input.decision, decidedById: scope.userId, decidedByName: user?.name ?? null, decidedAt: new Date() },
      select,
    });
    return row as SuggestionView;
  });
}

export type SuggestionQueueItem = {
  id: string;
  fileName: string;
  status: "PENDING" | "PROCESSING" | "COMPLETED" | "FAILED";
  proveedorRazonSocial: string | null;
  total: number | null;
  createdAt: Date;
  pending: number;
  decided: number;
};

/** The "Sugerencias" page: recent documents with how many suggestions wait for a decision. */
export async function suggestionQueue(scope: TenantScope, input: { onlyPending?: boolean } = {}): Promise<SuggestionQueueItem[]> {
  const rows = await db().document.findMany({
    where: scoped(scope, input.onlyPending ? { suggestions: { some: { status: "PENDING" as const } } } : {}),
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      fileName: true,
      status: true,
      proveedorRazonSocial: true,
      total: true,
      createdAt: true,
      suggestions: { select: { status: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    status: r.status,
    proveedorRazonSocial: r.proveedorRazonSocial,
    total: r.total === null ? null : r.total.toNumber(),
    createdAt: r.createdAt,
    pending: r.suggestions.filter((s) => s.status === "PENDING").length,
    decided: r.suggestions.filter((s) => s.status !== "PENDING").length,
  }));
}
