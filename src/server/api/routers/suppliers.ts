import { createSupplierInput, listSuppliersInput, updateSupplierInput } from "@/lib/schemas/suppliers";
import { idInput } from "@/lib/schemas/tenant";
import { createSupplier, deleteSupplier, updateSupplier } from "@/server/suppliers/edit-supplier";
import { listSuppliers } from "@/server/suppliers/list-suppliers";
import { createRouter, tenantProcedure, writerProcedure } from "../trpc";

/** "Proveedores": every member reads the directory; CONTADOR and above edit it. */
export const suppliersRouter = createRouter({
  list: tenantProcedure.input(listSuppliersInput).query(({ ctx, input }) => listSuppliers(ctx.scope, input)),
  create: writerProcedure.input(createSupplierInput).mutation(({ ctx, input }) => createSupplier(ctx.scope, input)),
  update: writerProcedure.input(updateSupplierInput).mutation(({ ctx, input }) => updateSupplier(ctx.scope, input)),
  delete: writerProcedure.input(idInput).mutation(({ ctx, input }) => deleteSupplier(ctx.scope, input.id)),
});
