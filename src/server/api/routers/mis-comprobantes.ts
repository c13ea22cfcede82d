import { getMisComprobantesInput, listMisComprobantesInput } from "@/lib/schemas/mis-comprobantes";
import { getImport, listImports, receptorCuits } from "@/server/mis-comprobantes/queries";
import { createRouter, writerProcedure } from "../trpc";

/**
 * "Mis Comprobantes" (CONTADOR and above): the receptor CUITs to pick from, the imports of a CUIT
 * and month, one import's result. The upload itself is POST /api/mis-comprobantes (a file).
 */
export const misComprobantesRouter = createRouter({
  receptors: writerProcedure.query(({ ctx }) => receptorCuits(ctx.scope)),
  list: writerProcedure.input(listMisComprobantesInput).query(({ ctx, input }) => listImports(ctx.scope, input)),
  get: writerProcedure.input(getMisComprobantesInput).query(({ ctx, input }) => getImport(ctx.scope, input.id)),
});
