/**
 * The typed catalogue of Inngest events the app sends and its functions listen to: one zod
 * schema per event. (Webhook payloads — document.processed, … — are the domain catalogue in
 * src/server/events/catalog.ts; these are the internal events that move work along.)
 */
import { eventType } from "inngest";
import { z } from "zod";

/**
 * Domain events of one tenant were committed to the outbox: fan them out to webhook endpoints.
 * Dispatch coalesces the commits of a few milliseconds into one Inngest event (see
 * src/server/events/dispatch.ts), so a burst costs a few runs, not one per event. Sent only for
 * events some endpoint subscribes to: a new consumer of other events must change that filter.
 */
export const domainEventRecorded = eventType("domain/event.recorded", {
  schema: z.object({
    tenantId: z.string().min(1),
    events: z.array(z.object({ id: z.string().min(1), type: z.string().min(1) })).min(1),
    types: z.array(z.string().min(1)),
  }),
});

/** Deliver (or continue delivering) one webhook delivery, starting at `fromAttempt`. */
export const webhookDeliveryRequested = eventType("webhook/delivery.requested", {
  schema: z.object({
    deliveryId: z.string().min(1),
    endpointId: z.string().min(1),
    tenantId: z.string().min(1),
    fromAttempt: z.number().int().positive(),
    /** Wait this long before the attempt (a retry scheduled by the batched first attempt). */
    delayMs: z.number().int().nonnegative().optional(),
    /** The delivery's generation this run belongs to (0 unless an admin restarted it). */
    generation: z.number().int().nonnegative().optional(),
  }),
});

// ── Movimientos / n8n (src/server/movements, inngest/functions/n8n) ──────────────────────────

/** A bank e-mail was stored: parse it with n8n (parse-email) into a transaction. */
export const bankEmailReceived = eventType("movements/email.received", {
  schema: z.object({ tenantId: z.string().min(1), emailId: z.string().min(1) }),
});

/** A transaction was created (from an e-mail or by hand): classify it (classify-transaction). */
export const bankTransactionCreated = eventType("movements/transaction.created", {
  schema: z.object({ tenantId: z.string().min(1), transactionId: z.string().min(1) }),
});

/** A transaction has its category: evaluate alerts (evaluate-alerts). */
export const bankTransactionClassified = eventType("movements/transaction.classified", {
  schema: z.object({ tenantId: z.string().min(1), transactionId: z.string().min(1) }),
});

/** A projection row was created (on demand or by the weekly cron): ask n8n (financial-projection). */
export const projectionRequested = eventType("movements/projection.requested", {
  schema: z.object({ tenantId: z.string().min(1), projectionId: z.string().min(1) }),
});

/** Finance settings changed: sync them to n8n (sync-user), debounced per tenant. */
export const financeSyncRequested = eventType("movements/sync.requested", {
  schema: z.object({ tenantId: z.string().min(1), requestedAt: z.string().min(1) }),
});

// ── Documents (src/server/documents, inngest/functions/documents) ──────────────────────────────

/** Parse (or re-parse) one uploaded document; fields corrected by a person are kept. */
export const documentParseRequested = eventType("document/parse.requested", {
  schema: z.object({ tenantId: z.string().min(1), documentId: z.string().min(1) }),
});

/**
 * A parsed document's AI suggestions (account/category, review notes): sent by parse-document
 * only when the tenant's provider has one of those tasks on, so a tenant without AI runs nothing
 * (the rule suggestions are stored by the parse's save step).
 */
export const documentSuggestionsRequested = eventType("ai/document.suggestions-requested", {
  schema: z.object({ tenantId: z.string().min(1), documentId: z.string().min(1) }),
});

/** Export documents to a PUSH connector: the run (and its items) exists already. */
export const exportPushRequested = eventType("export/push.requested", {
  schema: z.object({ tenantId: z.string().min(1), connectorId: z.string().min(1), runId: z.string().min(1) }),
});

/**
 * Export documents of a run, one after the other: one lane of the connector (executePush
 * splits a run's documents over `connector.concurrency` lanes; "forzar" sends one document).
 */
export const exportDocumentRequested = eventType("export/document.requested", {
  schema: z.object({ tenantId: z.string().min(1), connectorId: z.string().min(1), runId: z.string().min(1), documentIds: z.array(z.string().min(1)).min(1), lane: z.number().int().min(0) }),
});

/** Pull records from a connector into staging (the SyncRun exists; a resumed run continues from its checkpoint). */
export const syncRunRequested = eventType("sync/run.requested", {
  schema: z.object({ tenantId: z.string().min(1), connectorId: z.string().min(1), runId: z.string().min(1) }),
});

// ── Libro IVA Digital (src/server/libro-iva, inngest/functions/libro-iva) ──────────────────────

/** Generate the Libro IVA Digital de compras of one run (client + month): the run row exists. */
export const libroIvaRequested = eventType("libro-iva/generate.requested", {
  schema: z.object({ tenantId: z.string().min(1), runId: z.string().min(1) }),
});
