import { z } from "zod";
import { createEndpointInput, replayInput, rotateSecretInput, sendTestEventInput, setEndpointEnabledInput, updateEndpointInput } from "@/lib/schemas/webhooks";
import { idInput } from "@/lib/schemas/tenant";
import { listDeliveriesInput } from "@/lib/schemas/deliveries";
import { signatureCheckInput } from "@/lib/schemas/signature-check";
import { getDelivery, listDeliveries } from "@/server/webhooks/delivery/delivery-log";
import { createTestDelivery, resendDelivery } from "@/server/webhooks/delivery/redeliver";
import { requestDeliveries } from "@/server/events/dispatch";
import type { EventType } from "@/server/events/catalog";
import { eventCatalogView } from "@/server/events/catalog-view";
import { checkSignature } from "@/server/webhooks/verify";
import { listEndpoints } from "@/server/webhooks/endpoints/list-endpoints";
import { createEndpoint, deleteEndpoint, getEndpoint, setEndpointEnabled, updateEndpoint } from "@/server/webhooks/endpoints/manage-endpoints";
import { rotateEndpointSecret } from "@/server/webhooks/rotation/rotate";
import { deliverHeld, deliverWaitingNow, heldSummary, replayDeliveries, waitingSummary } from "@/server/webhooks/backlog/backlog";
import { serverText } from "@/server/i18n/server-text";
import type { Locale } from "@/i18n/config";
import { adminProcedure, createRouter } from "../trpc";

const withReason = <T extends { disabledReason: string | null }>(e: T, locale: Locale): T => ({ ...e, disabledReason: e.disabledReason && serverText(e.disabledReason, locale) });

export const webhooksRouter = createRouter({
  // Why an endpoint is disabled is stored in Spanish, with its instants: written in the reader's language.
  list: adminProcedure.query(async ({ ctx }) => (await listEndpoints(ctx.scope)).map((e) => withReason(e, ctx.locale))),
  get: adminProcedure.input(idInput).query(async ({ ctx, input }) => withReason(await getEndpoint(ctx.scope, input.id), ctx.locale)),
  create: adminProcedure.input(createEndpointInput).mutation(({ ctx, input }) => createEndpoint(ctx.scope, input)),
  update: adminProcedure.input(updateEndpointInput).mutation(({ ctx, input }) => updateEndpoint(ctx.scope, input)),
  setEnabled: adminProcedure.input(setEndpointEnabledInput).mutation(({ ctx, input }) => setEndpointEnabled(ctx.scope, input.id, input.enabled)),
  rotateSecret: adminProcedure.input(rotateSecretInput).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.scope, input)),
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
  /** The replay tool: held and/or failed deliveries within a time window. */
  replay: adminProcedure.input(replayInput).mutation(async ({ ctx, input }) => {
    const requests = await replayDeliveries(ctx.scope, { endpointId: input.id, from: input.from, to: input.to, statuses: input.statuses });
    await requestDeliveries(requests);
    return { count: requests.length };
  }),
  /** What the endpoint kept while disabled and what waits on the retry schedule. */
  backlog: adminProcedure.input(idInput).query(async ({ ctx, input }) => ({ held: await heldSummary(ctx.scope, input.id), waiting: await waitingSummary(ctx.scope, input.id) })),
  /** "entregar lo retenido (n eventos desde …)". */
  deliverHeld: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const requests = await deliverHeld(ctx.scope, input.id);
    await requestDeliveries(requests);
    return { count: requests.length };
  }),
  /** "entregar ahora": the deliveries waiting on the retry schedule, attempted at once. */
  deliverNow: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const requests = await deliverWaitingNow(ctx.scope, input.id);
    await requestDeliveries(requests);
    return { count: requests.length };
  }),
  eventCatalog: adminProcedure.input(z.void()).query(({ ctx }) => eventCatalogView(ctx.locale)),
  /** The receiver guide's checker: says exactly why a captured request does not verify. Stores nothing. */
  checkSignature: adminProcedure.input(signatureCheckInput).mutation(({ input }) => checkSignature({ ...input, token: input.token || undefined })),
});
