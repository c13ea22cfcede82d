import { z } from "zod";
import { createEndpointInput, replayFailedInput, rotateSecretInput, sendTestEventInput, setEndpointEnabledInput, updateEndpointInput } from "@/lib/schemas/webhooks";
import { idInput } from "@/lib/schemas/tenant";
import { listDeliveriesInput } from "@/lib/schemas/deliveries";
import { signatureCheckInput } from "@/lib/schemas/signature-check";
import { getDelivery, listDeliveries } from "@/server/webhooks/delivery/delivery-log";
import { createTestDelivery, replayFailedSince, resendDelivery } from "@/server/webhooks/delivery/redeliver";
import { requestDeliveries } from "@/server/events/dispatch";
import type { EventType } from "@/server/events/catalog";
import { eventCatalogView } from "@/server/events/catalog-view";
import { checkSignature } from "@/server/webhooks/verify";
import { listEndpoints } from "@/server/webhooks/endpoints/list-endpoints";
import { createEndpoint, deleteEndpoint, getEndpoint, rotateEndpointSecret, setEndpointEnabled, updateEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";
import { adminProcedure, createRouter } from "../trpc";

export const webhooksRouter = createRouter({
  list: adminProcedure.query(({ ctx }) => listEndpoints(ctx.scope)),
  get: adminProcedure.input(idInput).query(({ ctx, input }) => getEndpoint(ctx.scope, input.id)),
  create: adminProcedure.input(createEndpointInput).mutation(({ ctx, input }) => createEndpoint(ctx.scope, input)),
  update: adminProcedure.input(updateEndpointInput).mutation(({ ctx, input }) => updateEndpoint(ctx.scope, input)),
  setEnabled: adminProcedure.input(setEndpointEnabledInput).mutation(({ ctx, input }) => setEndpointEnabled(ctx.scope, input.id, input.enabled)),
  rotateSecret: adminProcedure.input(rotateSecretInput).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.scope, input.id, input.graceHours)),
  delete: adminProcedure.input(idInput).mutation(({ ctx, input }) => deleteEndpoint(ctx.scope, input.id)),
  deliveries: adminProcedure.input(listDeliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.scope, input)),
  delivery: adminProcedure.input(idInput).query(({ ctx, input }) => getDelivery(ctx.scope, input.id)),
  sendTest: adminProcedure.input(sendTestEventInput).mutation(async ({ ctx, input }) => {
    const request = await createTestDelivery(ctx.scope, input.id, input.type as EventType);
    await requestDeliveries([request]);
    return request;
  }),
  resend: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const request = await resendDelivery(ctx.scope, input.id);
    await requestDeliveries([request]);
    return request;
  }),
  replayFailed: adminProcedure.input(replayFailedInput).mutation(async ({ ctx, input }) => {
    const requests = await replayFailedSince(ctx.scope, input.id, input.since);
    await requestDeliveries(requests);
    return { count: requests.length };
  }),
  eventCatalog: adminProcedure.input(z.void()).query(() => eventCatalogView()),
  /** The receiver guide's checker: says exactly why a captured request does not verify. Stores nothing. */
  checkSignature: adminProcedure.input(signatureCheckInput).mutation(({ input }) => checkSignature({ ...input, token: input.token || undefined })),
});
