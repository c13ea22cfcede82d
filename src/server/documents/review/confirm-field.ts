import "server-only";
import { type Prisma } from "@/generated/prisma/client";
import type { FieldMetaMap, InvoiceFieldName } from "@/lib/documents/fields";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { extractFields, toDocumentView, type DocumentView } from "../document-view";
import { findDocument } from "../find-document";
import { refreshReview } from "./refresh";

/**
 * A person says the extracted value is right: the field becomes source USER with confidence 1
 * (kept by every reprocess) and its low-confidence or flag reason goes away. The value does not
 * change, so neither does the version; one CONFIRMATION row records who and when (old = new).
 */
export async function confirmField(scope: TenantScope, id: string, field: InvoiceFieldName): Promise<DocumentView> {
  const row = await findDocument(scope, id);
  if (row.status !== "COMPLETED") throw new AppError("CONFLICT", "Solo se pueden confirmar datos de un documento ya procesado");
  const value = extractFields(row)[field];
  if (value == null) throw AppError.field(field, "No hay un valor para confirmar: completá el campo y guardá", "CONFLICT");
  const meta = row.fieldMeta as FieldMetaMap;
  const updated = await db().$transaction(async (tx) => {
    const { count } = await tx.document.updateMany({
      where: scoped(scope, { id: row.id, version: row.version, status: "COMPLETED" as const }),
      data: { fieldMeta: { ...meta, [field]: { source: "USER", confidence: 1 } } as Prisma.InputJsonValue },
    });
    if (count === 0) throw new AppError("CONFLICT", "El documento cambió mientras lo revisabas. Recargá la página.");
    await tx.documentCorrection.create({
      data: { tenantId: scope.tenantId, documentId: row.id, userId: scope.userId, field, kind: "CONFIRMATION", oldValue: value as Prisma.InputJsonValue, newValue: value as Prisma.InputJsonValue },
    });
    return refreshReview(tx, scope, row.id, "edit");
  });
  return toDocumentView(updated!);
}
