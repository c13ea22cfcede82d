import "server-only";
import { db } from "@/server/db/client";
import { logger } from "@/server/log/logger";
import { storage } from "@/server/storage";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { findDocument } from "./find-document";
import { refreshReview, twinIds } from "./review/refresh";

const log = logger.child({ module: "documents" });

/**
 * Deletes the document, its corrections (cascade) and its stored file. The row goes first: a
 * file left behind by a storage error is only garbage, a row without its file would be broken.
 */
export async function deleteDocument(scope: TenantScope, id: string): Promise<{ id: string }> {
  const row = await findDocument(scope, id);
  await db().$transaction(async (tx) => {
    const twins = await twinIds(tx, row);
    await tx.document.delete({ where: scoped(scope, { id: row.id }) });
    // Its duplicate twins lose the reason it gave them.
    for (const twin of twins) await refreshReview(tx, scope, twin, "edit");
  });
  try {
    await storage().delete(row.storageKey);
  } catch (err) {
    log.warn({ err, key: row.storageKey }, "document deleted but its file could not be removed from storage");
  }
  return { id: row.id };
}
