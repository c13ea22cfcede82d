/**
 * The real webhook pipeline in one process for fault tests: the embedded engine and the app's
 * own Inngest functions (fan-out, delivery), plus three test routes:
 *   POST /setup {url, eventTypes?} → a tenant with one endpoint at `url` (default: document.failed)
 *   POST /emit {count} → record `count` document.failed events in the outbox and dispatch them
 *   POST /emit-samples {tenantId} → record one event of every catalogue type (the sample's data)
 *   GET  /status?tenantId= → deliveries by status, and attempts that failed at the network level
 * Env: APP_PORT, INNGEST_ENGINE_PORT, DATA_DIR, OUTBOUND_ALLOWLIST, DATABASE_URL (else PGlite).
 */
import { createServer, type IncomingMessage } from "node:http";

process.env.INNGEST_SERVE_URL = `http://127.0.0.1:${process.env.APP_PORT}/api/inngest`;

const [{ serve }, { inngest }, { functions }, { db }, { startEmbeddedEngine, syncApp }, { recordDomainEvent }, { createDomainEvent }, { dispatchDomainEvents }, { createId }, { newCredentials }, { eventCatalog, EVENT_TYPES }] =
  await Promise.all([
    import("inngest/node"),
    import("~/inngest/client"),
    import("~/inngest/functions"),
    import("@/server/db/client"),
    import("~/inngest/embedded"),
    import("@/server/events/outbox"),
    import("@/server/events/build"),
    import("@/server/events/dispatch"),
    import("@/server/ids"),
    import("@/server/webhooks/endpoints/credentials"),
    import("@/server/events/catalog"),
  ]);

async function body(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, unknown>;
}

const handler = serve({ client: inngest, functions });
const server = createServer((req, res) => {
  const reply = (value: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  if (req.url === "/setup") {
    void body(req).then(async ({ url, eventTypes }) => {
      const tenant = await db().tenant.create({ data: { name: "Fallas", slug: `fallas-${Date.now()}`, planId: "empresa" } });
      const id = createId();
      const { plain, columns } = newCredentials(id);
      await db().webhookEndpoint.create({ data: { id, tenantId: tenant.id, url: String(url), eventTypes: Array.isArray(eventTypes) ? eventTypes.map(String) : ["document.failed"], ...columns } });
      reply({ tenantId: tenant.id, secret: plain.secret });
    });
    return;
  }
  if (req.url === "/emit") {
    void body(req).then(async ({ count, tenantId }) => {
      const events = await db().$transaction(async (tx) => {
        const recorded = [];
        for (let i = 0; i < Number(count); i++) {
          recorded.push(await recordDomainEvent(tx, String(tenantId), createDomainEvent("document.failed", { documentoId: `doc_${i}`, error: "ilegible" })));
        }
        return recorded;
      }, { timeout: 120_000 });
      await dispatchDomainEvents(events);
      reply({ recorded: events.length });
    });
    return;
  }
  if (req.url === "/emit-samples") {
    void body(req).then(async ({ tenantId }) => {
      const events = await db().$transaction(async (tx) =>
        Promise.all(
          EVENT_TYPES.map((type) => {
            const { type: _t, version: _v, timestamp: _ts, ...data } = eventCatalog[type].sample;
            return recordDomainEvent(tx, String(tenantId), createDomainEvent(type, data as never));
          }),
        ),
      );
      await dispatchDomainEvents(events);
      reply({ recorded: events.map((e) => ({ id: e.id, type: e.type })) });
    });
    return;
  }
  if (req.url?.startsWith("/status")) {
    const tenantId = new URL(req.url, "http://app").searchParams.get("tenantId") ?? undefined;
    void Promise.all([
      db().webhookDelivery.groupBy({ by: ["status"], where: { tenantId }, _count: { _all: true } }),
      db().webhookAttempt.count({ where: { tenantId, status: null } }),
    ]).then(([rows, failedAttempts]) =>
      reply({ ...Object.fromEntries(rows.map((r) => [r.status, r._count._all])), failedAttempts }),
    );
    return;
  }
  void handler(req, res);
});
server.listen(Number(process.env.APP_PORT), "127.0.0.1", async () => {
  await startEmbeddedEngine({ sync: false });
  await syncApp(process.env.INNGEST_SERVE_URL, Date.now() + 20_000);
  console.log("READY");
});
