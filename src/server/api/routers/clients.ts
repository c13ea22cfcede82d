import { z } from "zod";
import { createClientInput, libroInput, setMemberClientsInput, updateClientInput } from "@/lib/schemas/clients";
import { idInput } from "@/lib/schemas/tenant";
import { createClient, deleteClient, updateClient } from "@/server/clients/edit-client";
import { listClients } from "@/server/clients/list-clients";
import { memberClientLimits, setMemberClients } from "@/server/clients/member-clients";
import { suggestedClients } from "@/server/clients/suggestions";
import { libroPreflight } from "@/server/libro-iva/preflight";
import { libroRunStatus, startLibroRun } from "@/server/libro-iva/runs";
import { adminProcedure, createRouter, tenantProcedure, writerProcedure } from "../trpc";

/** "Clientes": every member reads the clients they may see; CONTADOR and above add and edit; admins remove and limit members. */
export const clientsRouter = createRouter({
  list: tenantProcedure.query(({ ctx }) => listClients(ctx.scope)),
  suggestions: tenantProcedure.query(({ ctx }) => suggestedClients(ctx.scope)),
  create: writerProcedure.input(createClientInput).mutation(({ ctx, input }) => createClient(ctx.scope, input)),
  update: writerProcedure.input(updateClientInput).mutation(({ ctx, input }) => updateClient(ctx.scope, input)),
  delete: adminProcedure.input(idInput).mutation(({ ctx, input }) => deleteClient(ctx.scope, input.id)),
  memberLimits: adminProcedure.query(({ ctx }) => memberClientLimits(ctx.scope)),
  setMemberClients: adminProcedure.input(setMemberClientsInput).mutation(({ ctx, input }) => setMemberClients(ctx.scope, input)),
});

/** "Libro IVA Digital": the pre-flight, the background generation and its progress. */
export const libroIvaRouter = createRouter({
  preflight: tenantProcedure.input(libroInput).query(({ ctx, input }) => libroPreflight(ctx.scope, input)),
  generate: writerProcedure.input(libroInput).mutation(({ ctx, input }) => startLibroRun(ctx.scope, input)),
  run: tenantProcedure.input(z.object({ runId: z.string().min(1) })).query(({ ctx, input }) => libroRunStatus(ctx.scope, input.runId)),
});
