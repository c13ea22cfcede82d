import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { toDocumentView, type DocumentView } from "./document-view";
import { findDocument } from "./find-document";
import { requestParse } from "./request-parse";

/** How long a PENDING document waits before a reprocess may resend its (maybe lost) request. */
const STUCK_AFTER_MS = 60_000;

/** Parses the stored file again; fields a person corrected are kept (see the parse function). A reviewed document is reopened. */
export async function reprocessDocument(scope: TenantScope, id: string): Promise<DocumentView> {
  const row = await findDocument(scope, id);
  const recent = Date.now() - row.updatedAt.getTime() < STUCK_AFTER_MS;
  if ((row.status === "PROCESSING" || row.status === "PENDING") && recent) {
    throw new AppError("CONFLICT", "El documento ya se está procesando");
  }
  const updated = await db().document.update({ where: scoped(scope, { id: row.id }), data: { status: "PENDING", error: null, errorCode: null, reviewStatus: "NOT_READY", reviewReasons: [], reviewedAt: null, reviewedById: null } });
  await requestParse(scope.tenantId, row.id, `r${Date.now().toString(36)}`);
  return toDocumentView(updated);
}
