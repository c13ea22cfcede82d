import "server-only";
import { recordAudit } from "@/server/audit/audit-log";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { toDocumentView, type DocumentView } from "../document-view";
import { findDocument } from "../find-document";
import { twinsOf } from "./duplicates";
import { documentLabel } from "./label";
import { refreshReview } from "./refresh";

/**
 * Discards a document (typically the extra copy of a duplicate pair): it is kept, hidden from the
 * lists and never exported; its twins lose the duplicate reason. Audited; discarding twice is a no-op.
 */
export async function discardDocument(scope: TenantScope, id: string): Promise<DocumentView> {
  const row = await findDocument(scope, id);
  if (row.discardedAt) return toDocumentView(row);
  const updated = await db().$transaction(async (tx) => {
    const twins = (await twinsOf(tx, row)).map((t) => t.id);
    await tx.document.update({ where: scoped(scope, { id: row.id }), data: { discardedAt: new Date() } });
    await recordAudit(tx, scope, { action: "DOCUMENT_DISCARDED", target: { name: documentLabel(row) }, oldValue: row.reviewStatus });
    return refreshReview(tx, scope, row.id, "edit", { formerTwinIds: twins });
  });
  return toDocumentView(updated!);
}
