/**
 * A whole app in one process for the PUSH crash test: the embedded engine and the app's own
 * Inngest functions, plus test routes:
 *   POST /setup {erpUrl, documents} → tenant, owner, PUSH connector to erpUrl, `documents` parsed documents
 *   POST /push {tenantId, userId, connectorId} → "Exportar a" every pending document (one run)
 *   GET  /status?runId= → the run, its items by status and its log rows
 */
const [{ serveApp }, { inngest }, { functions }, { db }, { startExport }, { createId }, { createDocuments, pushConnector }] = await Promise.all([
  import("../../engine/support/app-server"),
  import("~/inngest/client"),
  import("~/inngest/functions"),
  import("@/server/db/client"),
  import("@/server/exports/start-export"),
  import("@/server/ids"),
  import("./fixtures"),
]);

serveApp(inngest, functions, {
  "/setup": async ({ body: { erpUrl, documents } }) => {
    const userId = createId();
    await db().user.create({ data: { id: userId, name: "Dueña", email: `duena-${userId}@example.com` } });
    const tenant = await db().tenant.create({ data: { name: "Caída", slug: `caida-${Date.now()}`, planId: "empresa", memberships: { create: { userId, role: "OWNER" } } } });
    const connector = await pushConnector(tenant.id, String(erpUrl), { name: "ERP caída", concurrency: 5, timeoutMs: 5000 });
    await createDocuments(tenant.id, Number(documents));
    return { tenantId: tenant.id, userId, connectorId: connector.id };
  },
  "/push": async ({ body: { tenantId, userId, connectorId } }) => {
    const scope = { tenantId: String(tenantId), userId: String(userId), role: "OWNER" as const };
    return startExport(scope, { connectorId: String(connectorId), selection: { filter: { state: "PENDING", review: "REVIEWED" } }, force: false });
  },
  "/status": async ({ query }) => {
    const runId = query.get("runId") ?? "";
    const run = await db().exportRun.findUnique({ where: { id: runId } });
    const items = await db().exportRunItem.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
    const logs = await db().connectorExportLog.findMany({ where: { runId }, select: { documentId: true, status: true, externalId: true, idempotencyKey: true } });
    const docIds = (await db().exportRunItem.findMany({ where: { runId }, select: { documentId: true } })).map((i) => i.documentId);
    const docs = await db().document.findMany({ where: { id: { in: docIds } }, select: { id: true, externalSystemId: true, exportedVersion: true } });
    return { run, items: Object.fromEntries(items.map((i) => [i.status, i._count._all])), logs, docs };
  },
});

export {};
