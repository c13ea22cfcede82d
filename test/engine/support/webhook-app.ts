/**
 * The real webhook pipeline in one process for fault tests: the embedded engine and the app's
 * own Inngest functions (fan-out, delivery), plus test routes:
 *   POST /setup {url, eventTypes?} → a tenant with one endpoint at `url` (default: document.failed)
 *   POST /emit {count} → record `count` document.failed events in the outbox and dispatch them
 *   POST /emit-singles {count, tenantId} → `count` actions as the app's producers are: one event
 *        per transaction, dispatched after commit without waiting (answers once all committed)
 *   POST /emit-samples {tenantId} → record one event of every catalogue type (the sample's data)
 *   GET  /status?tenantId= → deliveries by status, attempts that failed at the network level, and
 *        outbox events not handed to Inngest yet
 *   GET  /recovered → how many events the startup recovery handed over (as the app's register() does)
 */
const [{ serveApp }, { inngest }, { functions }, { db }, { recordDomainEvent }, { createDomainEvent }, { dispatchDomainEvents, dispatchAfterCommit }, { createId }, { newCredentials }, { eventCatalog, EVENT_TYPES }, { recoverOutboxAtStartup }] =
  await Promise.all([
    import("./app-server"),
    import("~/inngest/client"),
    import("~/inngest/functions"),
    import("@/server/db/client"),
    import("@/server/events/outbox"),
    import("@/server/events/build"),
    import("@/server/events/dispatch"),
    import("@/server/ids"),
    import("@/server/webhooks/endpoints/credentials"),
    import("@/server/events/catalog"),
    import("@/server/events/outbox-recovery"),
  ]);

let recovered = 0;

serveApp(inngest, functions, {
  "/setup": async ({ body: { url, eventTypes } }) => {
    const tenant = await db().tenant.create({ data: { name: "Fallas", slug: `fallas-${Date.now()}`, planId: "empresa" } });
    const id = createId();
    const { plain, columns } = newCredentials(id);
    await db().webhookEndpoint.create({ data: { id, tenantId: tenant.id, url: String(url), eventTypes: Array.isArray(eventTypes) ? eventTypes.map(String) : ["document.failed"], ...columns } });
    return { tenantId: tenant.id, secret: plain.secret };
  },
  "/emit": async ({ body: { count, tenantId } }) => {
    const events = await db().$transaction(async (tx) => {
      const recorded = [];
      for (let i = 0; i < Number(count); i++) {
        recorded.push(await recordDomainEvent(tx, String(tenantId), createDomainEvent("document.failed", { documentoId: `doc_${i}`, error: "ilegible" })));
      }
      return recorded;
    }, { timeout: 120_000 });
    await dispatchDomainEvents(events);
    return { recorded: events.length };
  },
  "/emit-singles": async ({ body: { count, tenantId } }) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < Number(count)) {
          const i = next++;
          const event = await db().$transaction((tx) => recordDomainEvent(tx, String(tenantId), createDomainEvent("document.failed", { documentoId: `doc_${i}`, error: "ilegible" })));
          dispatchAfterCommit([event]);
        }
      }),
    );
    return { recorded: Number(count) };
  },
  "/emit-samples": async ({ body: { tenantId } }) => {
    const events = await db().$transaction(async (tx) =>
      Promise.all(
        EVENT_TYPES.map((type) => {
          const { type: _t, version: _v, timestamp: _ts, ...data } = eventCatalog[type].sample;
          return recordDomainEvent(tx, String(tenantId), createDomainEvent(type, data as never));
        }),
      ),
    );
    await dispatchDomainEvents(events);
    return { recorded: events.map((e) => ({ id: e.id, type: e.type })) };
  },
  "/recovered": async () => ({ recovered }),
  "/status": async ({ query }) => {
    const tenantId = query.get("tenantId") ?? undefined;
    const [rows, failedAttempts, undispatched] = await Promise.all([
      db().webhookDelivery.groupBy({ by: ["status"], where: { tenantId }, _count: { _all: true } }),
      db().webhookAttempt.count({ where: { tenantId, status: null } }),
      db().domainEvent.count({ where: { tenantId, dispatchedAt: null } }),
    ]);
    return { ...Object.fromEntries(rows.map((r) => [r.status, r._count._all])), failedAttempts, undispatched };
  },
}, async () => {
  recovered = await recoverOutboxAtStartup();
});

export {};
