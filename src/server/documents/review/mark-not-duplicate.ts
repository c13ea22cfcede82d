import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { toDocumentView, type DocumentView } from "../document-view";
import { findDocument } from "../find-document";
import { duplicateReview, newerTwins, twinsOf } from "./duplicates";
import { documentLabel } from "./label";
import { refreshReview } from "./refresh";

/**
 * "No es duplicado": the document and the copies uploaded after it are not duplicates of each
 * other (`notDuplicate` on the newer side of each pair); the DUPLICATE reason leaves both. A
 * copy uploaded later is checked again. Audited.
 */
export async function markNotDuplicate(scope: TenantScope, id: string): Promise<DocumentView> {
  const row = await findDocument(scope, id);
  const updated = await db().$transaction(async (tx) => {
    const twins = await twinsOf(tx, row);
    const open = duplicateReview(row, twins).reasons;
    if (open.length === 0) throw new AppError("CONFLICT", "Este documento no tiene un posible duplicado pendiente");
    const ids = [row.id, ...newerTwins(row, twins).map((t) => t.id)];
    await tx.document.updateMany({ where: scoped(scope, { id: { in: ids } }), data: { notDuplicate: true } });
    await recordAudit(tx, scope, { action: "DOCUMENT_NOT_DUPLICATE", target: { name: documentLabel(row) }, newValue: open.map((r) => r.message).join("; ") });
    return refreshReview(tx, scope, row.id, "edit", { formerTwinIds: twins.map((t) => t.id) });
  });
  return toDocumentView(updated!);
}
