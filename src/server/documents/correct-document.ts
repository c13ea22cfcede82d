import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { comprobanteByCode, validateInvoice } from "@/server/parsing";
import { learnSupplier } from "@/server/suppliers/learn";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { INVOICE_FIELD_NAMES, type FieldMetaMap, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import type { CorrectDocumentInput } from "@/lib/schemas/documents";
import { extractFields, fieldsToColumns, toDocumentView, type DocumentView } from "./document-view";
import { findDocument } from "./find-document";
import { parseReportOf } from "./parse-report";
import { refreshReview } from "./review/refresh";
import { twinsBeforeAndAfter } from "./review/duplicates";
import { createDomainEvent } from "@/server/events/build";
import { dispatchAfterCommit } from "@/server/events/dispatch";
import { recordDomainEvent } from "@/server/events/outbox";
import { exportedEventFields } from "@/server/exports/mapping-input";
import { toPublicDocuments } from "@/server/public-api/document-representation";

/** JSON with sorted keys: IVA lines stored as {amount, base, rate} equal {rate, base, amount}. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);
const json = (v: unknown) => (v === null || v === undefined ? Prisma.JsonNull : (v as Prisma.InputJsonValue));

/**
 * A person corrects extracted fields. Each changed field becomes source USER with confidence 1
 * (kept as truth by every later reprocess) and one DocumentCorrection row (who, when, old, new);
 * the document's version goes up (exports see a new version). Changing the AFIP code without
 * the type name derives the name. `version` guards against saving over a newer parse. The review
 * reasons are recomputed; a reviewed document reopens only if the correction made a new problem.
 * A corrected razón social teaches the supplier directory (its CUIT → the new name).
 */
export async function correctDocument(scope: TenantScope, input: CorrectDocumentInput): Promise<{ document: DocumentView; changed: InvoiceFieldName[] }> {
  const row = await findDocument(scope, input.id);
  if (row.status === "PENDING" || row.status === "PROCESSING") {
    throw new AppError("CONFLICT", "El documento se está procesando: esperá a que termine para corregirlo");
  }
  if (input.version !== undefined && input.version !== row.version) {
    throw new AppError("CONFLICT", "El documento cambió mientras lo editabas (se volvió a procesar o alguien lo corrigió). Recargá la página y volvé a aplicar tu corrección.");
  }
  const patch: Partial<InvoiceFields> = { ...input.fields };
  if (patch.tipoCodigo != null && patch.tipo === undefined) patch.tipo = comprobanteByCode(patch.tipoCodigo).tipo;

  const current = extractFields(row);
  const changed = INVOICE_FIELD_NAMES.filter((name) => name in patch && !same(patch[name], current[name]));
  if (changed.length === 0) return { document: toDocumentView(row), changed };

  const fields = { ...current, ...Object.fromEntries(changed.map((n) => [n, patch[n]])) } as InvoiceFields;
  const meta: FieldMetaMap = { ...(row.fieldMeta as FieldMetaMap) };
  for (const name of changed) meta[name] = { source: "USER", confidence: 1 };
  const issues = validateInvoice(fields).issues;
  const report = parseReportOf(row.parseReport);

  const updated = await db().$transaction(async (tx) => {
    const [written] = await tx.document.updateManyAndReturn({
      where: scoped(scope, { id: row.id, version: row.version }),
      data: {
        ...fieldsToColumns(Object.fromEntries(changed.map((n) => [n, fields[n]])) as Partial<InvoiceFields>),
        fieldMeta: meta as Prisma.InputJsonValue,
        version: { increment: 1 },
        ...(report ? { parseReport: { ...report, issues } as unknown as Prisma.InputJsonValue } : {}),
      },
    });
    if (!written) throw new AppError("CONFLICT", "El documento cambió mientras lo editabas. Recargá la página y volvé a aplicar tu corrección.");
    // The pairs the old number had and the ones the new one has, in one query.
    const twins = await twinsBeforeAndAfter(tx, row, written);
    await tx.documentCorrection.createMany({
      data: changed.map((field) => ({ tenantId: scope.tenantId, documentId: row.id, userId: scope.userId, field, oldValue: json(current[field]), newValue: json(fields[field]) })),
    });
    if (changed.includes("proveedorRazonSocial")) await learnSupplier(tx, scope, fields);
    const refreshed = (await refreshReview(tx, scope, row.id, "edit", { formerTwinIds: twins.before.map((t) => t.id), current: written, twins: twins.after }))!;
    // Integrations that mirror documents (webhooks, GET /api/v1/events) learn of the correction.
    const { tipo, numero, total } = exportedEventFields(refreshed);
    const [document] = await toPublicDocuments(scope.tenantId, [refreshed], tx);
    const event = createDomainEvent("document.updated", { documentoId: row.id, documentVersion: refreshed.version, camposCorregidos: changed, tipo, numero, total, requiereRevision: refreshed.reviewStatus === "NEEDS_REVIEW", document });
    return { refreshed, events: [await recordDomainEvent(tx, scope.tenantId, event)] };
  });
  dispatchAfterCommit(updated.events);
  return { document: toDocumentView(updated.refreshed), changed };
}
