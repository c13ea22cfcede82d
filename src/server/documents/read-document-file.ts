import "server-only";
import { storage } from "@/server/storage";
import type { TenantScope } from "@/server/tenants/scope";
import { findDocument } from "./find-document";

/** The stored file of one of the tenant's documents (preview and download). */
export async function readDocumentFile(scope: Pick<TenantScope, "tenantId">, id: string) {
  const row = await findDocument(scope, id);
  const bytes = await storage().get(row.storageKey);
  return { bytes, mimeType: row.mimeType, fileName: row.fileName };
}
