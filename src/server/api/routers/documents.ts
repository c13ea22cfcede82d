import { confirmFieldInput, correctDocumentInput, documentStatesInput, listDocumentsInput, markReviewedBulkInput, markReviewedInput, nextInQueueInput } from "@/lib/schemas/documents";
import { idInput } from "@/lib/schemas/tenant";
import { correctDocument } from "@/server/documents/correct-document";
import { deleteDocument } from "@/server/documents/delete-document";
import { documentStates } from "@/server/documents/document-states";
import { getDocumentDetail } from "@/server/documents/get-document";
import { documentTypes, listDocuments } from "@/server/documents/list-documents";
import { reprocessDocument } from "@/server/documents/reprocess-document";
import { confirmField } from "@/server/documents/review/confirm-field";
import { countToReview } from "@/server/documents/review/count";
import { discardDocument } from "@/server/documents/review/discard";
import { markNotDuplicate } from "@/server/documents/review/mark-not-duplicate";
import { markReviewed } from "@/server/documents/review/mark-reviewed";
import { markReviewedBulk } from "@/server/documents/review/mark-reviewed-bulk";
import { nextInQueue } from "@/server/documents/review/next-in-queue";
import { createRouter, tenantProcedure, writerProcedure } from "../trpc";

/**
 * Documentos (uploads go through POST /api/documents/upload: tRPC does not carry files).
 * Reviewing (confirm, mark reviewed, discard, not-a-duplicate) is for CONTADOR and above: the writer roles.
 */
export const documentsRouter = createRouter({
  list: tenantProcedure.input(listDocumentsInput).query(({ ctx, input }) => listDocuments(ctx.scope, input)),
  types: tenantProcedure.query(({ ctx }) => documentTypes(ctx.scope)),
  states: tenantProcedure.input(documentStatesInput).query(({ ctx, input }) => documentStates(ctx.scope, input.ids)),
  toReviewCount: tenantProcedure.query(({ ctx }) => countToReview(ctx.scope)),
  nextInQueue: tenantProcedure.input(nextInQueueInput).query(({ ctx, input }) => nextInQueue(ctx.scope, input)),
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getDocumentDetail(ctx.scope, input.id)),
  correct: writerProcedure.input(correctDocumentInput).mutation(({ ctx, input }) => correctDocument(ctx.scope, input)),
  reprocess: writerProcedure.input(idInput).mutation(({ ctx, input }) => reprocessDocument(ctx.scope, input.id)),
  delete: writerProcedure.input(idInput).mutation(({ ctx, input }) => deleteDocument(ctx.scope, input.id)),
  confirmField: writerProcedure.input(confirmFieldInput).mutation(({ ctx, input }) => confirmField(ctx.scope, input.id, input.field)),
  markReviewed: writerProcedure.input(markReviewedInput).mutation(({ ctx, input }) => markReviewed(ctx.scope, input.id, { acknowledgeWarnings: input.acknowledgeWarnings })),
  markReviewedBulk: writerProcedure.input(markReviewedBulkInput).mutation(({ ctx, input }) => markReviewedBulk(ctx.scope, input.ids)),
  discard: writerProcedure.input(idInput).mutation(({ ctx, input }) => discardDocument(ctx.scope, input.id)),
  markNotDuplicate: writerProcedure.input(idInput).mutation(({ ctx, input }) => markNotDuplicate(ctx.scope, input.id)),
});
