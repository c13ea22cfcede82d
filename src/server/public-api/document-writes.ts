import "server-only";
import type { z } from "zod";
import { correctDocument } from "@/server/documents/correct-document";
import { deleteDocument } from "@/server/documents/delete-document";
import { findDocument } from "@/server/documents/find-document";
import { reprocessDocument } from "@/server/documents/reprocess-document";
import { markReviewed } from "@/server/documents/review/mark-reviewed";
import type { TenantScope } from "@/server/tenants/scope";
import { getPublicDocument, type PublicDocument } from "./documents";
import { problem, problemResponse, type ProblemLang } from "./problem";
import type { correctionBodySchema } from "./schemas";

/** The ETag of a document: its version (strong; the version changes with every parse and correction). */
export const etagOf = (version: number) => `"${version}"`;

/** If-Match → the version it names; `*`, a list or garbage are not a version. */
function versionFromIfMatch(value: string): number | null {
  const m = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(value);
  return m ? Number(m[1]) : null;
}

/**
 * PATCH /api/v1/documents/{id}: optimistic concurrency by If-Match. Missing → 428; a version that
 * is not the current one → 412 (someone corrected or reprocessed in between). Otherwise the same
 * correction as the review screen (correctDocument), which emits document.updated.
 */
export async function patchDocument(scope: TenantScope, id: string, ifMatch: string | null, body: z.output<typeof correctionBodySchema>, instance: string, lang: ProblemLang = "es"): Promise<PublicDocument | Response> {
  const row = await findDocument(scope, id);
  if (ifMatch === null) {
    return problemResponse(problem("PRECONDITION_REQUIRED", { es: `Enviá If-Match con la versión del documento que corregís (su ETag, p. ej. If-Match: ${etagOf(row.version)})`, en: `Send If-Match with the version of the document you correct (its ETag, e.g. If-Match: ${etagOf(row.version)})` }, { instance, lang }));
  }
  const version = versionFromIfMatch(ifMatch);
  if (version !== row.version) {
    return problemResponse(problem("PRECONDITION_FAILED", { es: `El documento cambió: va por la versión ${row.version} y tu If-Match dice ${ifMatch}. Volvé a leerlo y aplicá tu corrección sobre la versión actual.`, en: `The document changed: it is at version ${row.version} and your If-Match says ${ifMatch}. Read it again and apply your correction to the current version.` }, { instance, lang }), { etag: etagOf(row.version) });
  }
  await correctDocument(scope, { id, version, fields: body.fields });
  // Read back what the caller just wrote even when a corrected receptor CUIT moved it to a client a
  // limited member does not see (as the review screen shows the saved document); the next GET is a 404.
  return getPublicDocument({ ...scope, clientCuits: null }, id);
}

export async function reviewDocument(scope: TenantScope, id: string, acknowledgeWarnings: boolean | undefined): Promise<PublicDocument> {
  await markReviewed(scope, id, { acknowledgeWarnings });
  return getPublicDocument(scope, id);
}

export async function reprocessPublicDocument(scope: TenantScope, id: string): Promise<PublicDocument> {
  await reprocessDocument(scope, id);
  return getPublicDocument(scope, id);
}

export async function deletePublicDocument(scope: TenantScope, id: string): Promise<{ id: string; deleted: true }> {
  await deleteDocument(scope, id);
  return { id, deleted: true };
}
