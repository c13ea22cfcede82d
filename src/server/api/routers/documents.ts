import { correctDocumentInput, listDocumentsInput } from "@/lib/schemas/documents";
import { idInput } from "@/lib/schemas/tenant";
import { correctDocument } from "@/server/documents/correct-document";
import { deleteDocument } from "@/server/documents/delete-document";
import { getDocumentDetail } from "@/server/documents/get-document";
import { documentTypes, listDocuments } from "@/server/documents/list-documents";
import { reprocessDocument } from "@/server/documents/reprocess-document";
import { createRouter, tenantProcedure, writerProcedure } from "../trpc";

/** Documentos (uploads go through POST /api/documents/upload: tRPC does not carry files). */
export const documentsRouter = createRouter({
  list: tenantProcedure.input(listDocumentsInput).query(({ ctx, input }) => listDocuments(ctx.scope, input)),
  types: tenantProcedure.query(({ ctx }) => documentTypes(ctx.scope)),
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getDocumentDetail(ctx.scope, input.id)),
  correct: writerProcedure.input(correctDocumentInput).mutation(({ ctx, input }) => correctDocument(ctx.scope, input)),
  reprocess: writerProcedure.input(idInput).mutation(({ ctx, input }) => reprocessDocument(ctx.scope, input.id)),
  delete: writerProcedure.input(idInput).mutation(({ ctx, input }) => deleteDocument(ctx.scope, input.id)),
});
