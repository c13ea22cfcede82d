import { createConnectorInput, previewMappingInput, previewMappingOnDocumentInput, previewScheduleInput, setConnectorEnabledInput, updateConnectorInput } from "@/lib/schemas/connectors";
import { idInput } from "@/lib/schemas/tenant";
import { createConnector, deleteConnector, getConnector, listConnectors, setConnectorEnabled, updateConnector } from "@/server/connectors/manage-connectors";
import { previewDocuments, previewMappingOnDocument } from "@/server/connectors/document-preview";
import { connectorHealth } from "@/server/connectors/health";
import { previewMapping } from "@/server/connectors/mapping";
import { createConnectorFromPreset, presetConnectorInput } from "@/server/connectors/presets/create";
import { presetOptions, presetOptionsInput } from "@/server/connectors/presets/options";
import { presetParametersInput, updatePresetParameters } from "@/server/connectors/presets/update-parameters";
import { listPresets } from "@/server/connectors/presets/view";
import { previewSchedule } from "@/server/connectors/schedule";
import { tenantTimeZone } from "@/server/tenants/time-zone";
import { testConnection } from "@/server/connectors/test-connection";
import { adminProcedure, createRouter } from "../trpc";

export const connectorsRouter = createRouter({
  list: adminProcedure.query(({ ctx }) => listConnectors(ctx.scope)),
  /** Health badge per connector, from its recent calls. */
  health: adminProcedure.query(({ ctx }) => connectorHealth(ctx.scope)),
  get: adminProcedure.input(idInput).query(({ ctx, input }) => getConnector(ctx.scope, input.id)),
  create: adminProcedure.input(createConnectorInput).mutation(({ ctx, input }) => createConnector(ctx.scope, input)),
  /** The «Nuevo conector» gallery: Alegra, Xubio, Odoo, Colppy, REST JSON, CSV/Libro. */
  presets: adminProcedure.query(() => listPresets()),
  createFromPreset: adminProcedure.input(presetConnectorInput).mutation(({ ctx, input }) => createConnectorFromPreset(ctx.scope, input)),
  /** A parameter's choices fetched from the ERP (SSRF-guarded) with the credentials being typed. */
  presetOptions: adminProcedure.input(presetOptionsInput).mutation(({ ctx, input }) => presetOptions(ctx.scope, input)),
  update: adminProcedure.input(updateConnectorInput).mutation(({ ctx, input }) => updateConnector(ctx.scope, input)),
  /** A preset connector's account data (ids, accounts per IVA rate), checked as at creation. */
  updateParameters: adminProcedure.input(presetParametersInput).mutation(({ ctx, input }) => updatePresetParameters(ctx.scope, input)),
  setEnabled: adminProcedure.input(setConnectorEnabledInput).mutation(({ ctx, input }) => setConnectorEnabled(ctx.scope, input.id, input.enabled)),
  delete: adminProcedure.input(idInput).mutation(({ ctx, input }) => deleteConnector(ctx.scope, input.id)),
  /** "Probar conexión": one authenticated call; the result is stored on the connector. */
  testConnection: adminProcedure.input(idInput).mutation(({ ctx, input }) => testConnection(ctx.scope, input.id)),
  /** Evaluates a mapping against a sample document. Stores nothing. */
  previewMapping: adminProcedure.input(previewMappingInput).mutation(({ input }) => previewMapping(input.mapping, input.sample)),
  /** Recent documents of the organization for the mapper's live preview. */
  previewDocuments: adminProcedure.query(({ ctx }) => previewDocuments(ctx.scope)),
  /** The request body a mapping would send for one real document. Stores nothing. */
  previewMappingOnDocument: adminProcedure.input(previewMappingOnDocumentInput).mutation(({ ctx, input }) => previewMappingOnDocument(ctx.scope, input.mapping, input.documentId, input.connectorId)),
  /** Spanish description and next run times of a cron expression. Stores nothing. */
  previewSchedule: adminProcedure
    .input(previewScheduleInput)
    .query(async ({ ctx, input }) => previewSchedule(input.cron, input.timezone, 3, new Date(), { locale: ctx.locale, timeZone: await tenantTimeZone(ctx.scope.tenantId) })),
});
