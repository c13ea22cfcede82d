/**
 * A whole app in one process for the PUSH crash test: the embedded engine and the app's own
 * Inngest functions, plus three test routes:
 *   POST /setup {erpUrl, documents} → tenant, owner, PUSH connector to erpUrl, `documents` parsed documents
 *   POST /push {tenantId, userId, connectorId} → "Exportar a" every pending document (one run)
 *   GET  /status?runId= → the run, its items by status and its log rows
 * Env: APP_PORT, INNGEST_ENGINE_PORT, DATA_DIR, OUTBOUND_ALLOWLIST, DATABASE_URL.
 */
import { createServer, type IncomingMessage } from "node:http";

process.env.INNGEST_SERVE_URL = `http://127.0.0.1:${process.env.APP_PORT}/api/inngest`;

const [{ serve }, { inngest }, { functions }, { db }, { startEmbeddedEngine, syncApp }, { startExport }, { createId }, { createDocuments, pushConnector }] = await Promise.all([
  import("inngest/node"),
  import("~/inngest/client"),
  import("~/inngest/functions"),
  import("@/server/db/client"),
  import("~/inngest/embedded"),
  import("@/server/exports/start-export"),
  import("@/server/ids"),
  import("./fixtures"),
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
    void body(req).then(async ({ erpUrl, documents }) => {
      const userId = createId();
      await db().user.create({ data: { id: userId, name: "Dueña", email: `duena-${userId}@example.com` } });
      const tenant = await db().tenant.create({ data: { name: "Caída", slug: `caida-${Date.now()}`, planId: "empresa", memberships: { create: { userId, role: "OWNER" } } } });
      const connector = await pushConnector(tenant.id, String(erpUrl), { name: "ERP caída", concurrency: 5, timeoutMs: 5000 });
      await createDocuments(tenant.id, Number(documents));
      reply({ tenantId: tenant.id, userId, connectorId: connector.id });
    });
    return;
  }
  if (req.url === "/push") {
    void body(req).then(async ({ tenantId, userId, connectorId }) => {
      const scope = { tenantId: String(tenantId), userId: String(userId), role: "OWNER" as const };
      reply(await startExport(scope, { connectorId: String(connectorId), selection: { filter: { state: "PENDING" } }, force: false }));
    });
    return;
  }
  if (req.url?.startsWith("/status")) {
    const runId = new URL(req.url, "http://app").searchParams.get("runId") ?? "";
    void (async () => {
      const run = await db().exportRun.findUnique({ where: { id: runId } });
      const items = await db().exportRunItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
      const logs = await db().connectorExportLog.findMany({ where: { runId }, select: { documentId: true, status: true, externalId: true, idempotencyKey: true } });
      const docIds = (await db().exportRunItem.findMany({ where: { runId }, select: { documentId: true } })).map((i) => i.documentId);
      const docs = await db().document.findMany({ where: { id: { in: docIds } }, select: { id: true, externalSystemId: true, exportedVersion: true } });
      reply({ run, items: Object.fromEntries(items.map((i) => [i.status, i._count._all])), logs, docs });
    })();
    return;
  }
  void handler(req, res);
});
server.listen(Number(process.env.APP_PORT), "127.0.0.1", async () => {
  await startEmbeddedEngine({ sync: false });
  await syncApp(process.env.INNGEST_SERVE_URL, Date.now() + 20_000);
  console.log("READY");
});
