import { createConnectorInput, previewMappingInput, previewScheduleInput, setConnectorEnabledInput, updateConnectorInput } from "@/lib/schemas/connectors";
import { idInput } from "@/lib/schemas/tenant";
import { createConnector, deleteConnector, getConnector, listConnectors, setConnectorEnabled, updateConnector } from "@/server/connectors/manage-connectors";
import { previewMapping } from "@/server/connectors/mapping";
import { previewSchedule } from "@/server/connectors/schedule";
import { testConnection } from "@/server/connectors/test-connection";
import { adminProcedure, createRouter } from "../trpc";

export const connectorsRouter = createRouter({
  list: adminProcedure.query(({ ctx }) => listConnectors(ctx.scope)),
  get: adminProcedure.input(idInput).query(({ ctx, input }) => getConnector(ctx.scope, input.id)),
  create: adminProcedure.input(createConnectorInput).mutation(({ ctx, input }) => createConnector(ctx.scope, input)),
  update: adminProcedure.input(updateConnectorInput).mutation(({ ctx, input }) => updateConnector(ctx.scope, input)),
  setEnabled: adminProcedure.input(setConnectorEnabledInput).mutation(({ ctx, input }) => setConnectorEnabled(ctx.scope, input.id, input.enabled)),
  delete: adminProcedure.input(idInput).mutation(({ ctx, input }) => deleteConnector(ctx.scope, input.id)),
  /** "Probar conexión": one authenticated call; the result is stored on the connector. */
  testConnection: adminProcedure.input(idInput).mutation(({ ctx, input }) => testConnection(ctx.scope, input.id)),
  /** Evaluates a mapping against a sample document. Stores nothing. */
  previewMapping: adminProcedure.input(previewMappingInput).mutation(({ input }) => previewMapping(input.mapping, input.sample)),
  /** Spanish description and next run times of a cron expression. Stores nothing. */
  previewSchedule: adminProcedure.input(previewScheduleInput).query(({ input }) => previewSchedule(input.cron, input.timezone)),
});
