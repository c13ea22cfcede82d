import "server-only";
import type { Document, Prisma } from "@/generated/prisma/client";
import type { ReviewReason } from "@/lib/documents/review";
import { recordAudit } from "@/server/audit/audit-log";
import { db, type Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { toDocumentView, type DocumentView } from "../document-view";
import { findDocument } from "../find-document";
import { twinsOf } from "./duplicates";
import { documentLabel } from "./label";
import { computeReview } from "./refresh";

/** Why a document cannot be marked reviewed now, or null. Reasons are computed fresh, not read from the row. */
export async function reviewBlocker(tx: Tx, row: Document): Promise<{ code: "DISCARDED" | "NOT_READY" | "ERRORS"; message: string; reasons: ReviewReason[] } | { code: null; reasons: ReviewReason[] }> {
  if (row.discardedAt) return { code: "DISCARDED", message: "El documento está descartado", reasons: [] };
  if (row.status !== "COMPLETED") return { code: "NOT_READY", message: row.status === "FAILED" ? "El documento no se pudo procesar" : "El documento todavía se está procesando", reasons: [] };
  const { reasons } = computeReview(row, await twinsOf(tx, row), "parse");
  const errors = reasons.filter((r) => r.severity === "error");
  if (errors.length) return { code: "ERRORS", message: `Quedan errores sin resolver: ${errors.map((r) => r.message).join("; ")}`, reasons };
  return { code: null, reasons };
}

/** Sets REVIEWED (who, when) with the reasons that remain (acknowledged warnings), audited in the same transaction. */
export async function setReviewed(tx: Tx, scope: TenantScope, row: Document, reasons: ReviewReason[]) {
  // Guarded by version and status: a parse or correction in between means the person reviewed something else.
  const { count } = await tx.document.updateMany({
    where: scoped(scope, { id: row.id, version: row.version, status: "COMPLETED" as const, discardedAt: null }),
    data: { reviewStatus: "REVIEWED", reviewedAt: new Date(), reviewedById: scope.userId, reviewReasons: reasons as unknown as Prisma.InputJsonValue },
  });
  if (count === 0) throw new AppError("CONFLICT", "El documento cambió mientras lo revisabas. Recargá la página.");
  const warnings = reasons.filter((r) => r.severity === "warning");
  await recordAudit(tx, scope, {
    action: "DOCUMENT_REVIEWED",
    target: { name: documentLabel(row) },
    oldValue: row.reviewStatus,
    newValue: warnings.length ? `REVIEWED (advertencias aceptadas: ${warnings.map((w) => w.message).join("; ")})` : "REVIEWED",
  });
  return tx.document.findFirstOrThrow({ where: scoped(scope, { id: row.id }) });
}

/**
 * "Marcar como revisado" (CONTADOR and above): refused while an error-severity reason remains;
 * warnings need `acknowledgeWarnings`. Marking a reviewed document again changes nothing.
 */
export async function markReviewed(scope: TenantScope, id: string, opts: { acknowledgeWarnings?: boolean } = {}): Promise<DocumentView> {
  const row = await findDocument(scope, id);
  if (row.reviewStatus === "REVIEWED") return toDocumentView(row);
  const updated = await db().$transaction(async (tx) => {
    const blocker = await reviewBlocker(tx, row);
    if (blocker.code) throw new AppError("CONFLICT", `No se puede marcar como revisado: ${blocker.message}`);
    const warnings = blocker.reasons.filter((r) => r.severity === "warning");
    if (warnings.length && !opts.acknowledgeWarnings) {
      const message = `Hay ${warnings.length === 1 ? "una advertencia" : `${warnings.length} advertencias`}: confirmá que las revisaste (${warnings.map((w) => w.message).join("; ")})`;
      throw AppError.field("acknowledgeWarnings", message, "CONFLICT");
    }
    return setReviewed(tx, scope, row, blocker.reasons);
  });
  return toDocumentView(updated);
}
