/**
 * Every tenant-scoped procedure must answer NOT_FOUND to a member of another tenant.
 * Table-driven: a new procedure joins `tenantScoped` (or, if it is not tenant-scoped,
 * `notTenantScoped`); the coverage test fails until it does.
 */
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvent } from "@/server/events/outbox";
import { addMember, callerFor, createConnectorRow, createEndpointRow, createTenantWith, createUser } from "../support/factories";

type Caller = ReturnType<typeof callerFor>;
type Victim = { tenantId: string; bankEmailId: string; transactionId: string; alertId: string; ownerMembershipId: string; accountantMembershipId: string; endpointId: string; deliveryId: string; notificationId: string; invitationId: string; runId: string; connectorId: string; documentId: string; suggestionId: string; apiClientId: string };
type Case = (caller: Caller, victim: Victim) => Promise<unknown>;

const tenantScoped: Record<string, Case> = {
  "tenant.current": (c) => c.tenant.current(),
  "tenant.switch": (c, v) => c.tenant.switch({ tenantId: v.tenantId }),
  "tenant.rename": (c) => c.tenant.rename({ name: "Robado" }),
  "tenant.setTimeZone": (c) => c.tenant.setTimeZone({ timeZone: "Asia/Tokyo" }),
  "members.list": (c) => c.members.list(),
  "members.changeRole": (c, v) => c.members.changeRole({ membershipId: v.accountantMembershipId, role: "VIEWER" }),
  "members.remove": (c, v) => c.members.remove({ id: v.accountantMembershipId }),
  "webhooks.list": (c) => c.webhooks.list(),
  "webhooks.eventCatalog": (c) => c.webhooks.eventCatalog(),
  "webhooks.create": (c) => c.webhooks.create({ url: "https://example.com/hook", eventTypes: ["document.processed"] }),
  "webhooks.get": (c, v) => c.webhooks.get({ id: v.endpointId }),
  "webhooks.update": (c, v) => c.webhooks.update({ id: v.endpointId, data: { url: "https://example.com/x", description: "", eventTypes: ["sync.failed"], timeoutSeconds: 10 } }),
  "webhooks.setEnabled": (c, v) => c.webhooks.setEnabled({ id: v.endpointId, enabled: false }),
  "webhooks.rotateSecret": (c, v) => c.webhooks.rotateSecret({ id: v.endpointId, graceHours: 1, contractHeaders: "switch-now" }),
  "webhooks.delete": (c, v) => c.webhooks.delete({ id: v.endpointId }),
  "webhooks.deliveries": (c) => c.webhooks.deliveries({}),
  "webhooks.delivery": (c, v) => c.webhooks.delivery({ id: v.deliveryId }),
  "stats.webhooks": (c) => c.stats.webhooks(),
  "stats.activity": (c) => c.stats.activity(),
  "runs.list": (c) => c.runs.list({}),
  "runs.get": (c, v) => c.runs.get({ id: v.runId }),
  "runs.retry": (c, v) => c.runs.retry({ id: v.runId }),
  "runs.health": (c) => c.runs.health(),
  "notifications.list": (c) => c.notifications.list(),
  "invitations.list": (c) => c.invitations.list(),
  "invitations.create": (c) => c.invitations.create({ email: "nueva@example.com", role: "VIEWER" }),
  "invitations.resend": (c, v) => c.invitations.resend({ id: v.invitationId }),
  "invitations.revoke": (c, v) => c.invitations.revoke({ id: v.invitationId }),
  "audit.list": (c) => c.audit.list(),
  "plans.overview": (c) => c.plans.overview(),
  "plans.change": (c) => c.plans.change({ planId: "empresa" }),
  "notifications.dismiss": (c, v) => c.notifications.dismiss({ id: v.notificationId }),
  "webhooks.sendTest": (c, v) => c.webhooks.sendTest({ id: v.endpointId, type: "sync.failed" }),
  "webhooks.resend": (c, v) => c.webhooks.resend({ id: v.deliveryId }),
  "webhooks.replay": (c, v) => c.webhooks.replay({ id: v.endpointId, from: new Date(0) }),
  "webhooks.backlog": (c, v) => c.webhooks.backlog({ id: v.endpointId }),
  "webhooks.deliverHeld": (c, v) => c.webhooks.deliverHeld({ id: v.endpointId }),
  "webhooks.deliverNow": (c, v) => c.webhooks.deliverNow({ id: v.endpointId }),
  "webhooks.checkSignature": (c) => c.webhooks.checkSignature({ headers: "webhook-id: x", body: "{}", secret: "whsec_x" }),
  "connectors.list": (c) => c.connectors.list(),
  "connectors.get": (c, v) => c.connectors.get({ id: v.connectorId }),
  "connectors.create": (c) => c.connectors.create({ name: "Robado", direction: "PUSH", baseUrl: "https://example.com/api" }),
  "connectors.update": (c, v) => c.connectors.update({ id: v.connectorId, data: { name: "Robado", direction: "PULL", baseUrl: "https://example.com/x" } }),
  "connectors.setEnabled": (c, v) => c.connectors.setEnabled({ id: v.connectorId, enabled: false }),
  "connectors.updateParameters": (c, v) => c.connectors.updateParameters({ id: v.connectorId, parameters: { categoriaId: "robado" } }),
  "connectors.delete": (c, v) => c.connectors.delete({ id: v.connectorId }),
  "connectors.testConnection": (c, v) => c.connectors.testConnection({ id: v.connectorId }),
  "connectors.previewMapping": (c) => c.connectors.previewMapping({ mapping: "total", sample: "{}" }),
  "connectors.previewSchedule": (c) => c.connectors.previewSchedule({ cron: "0 8 * * 1-5" }),
  "ai.provider": (c) => c.ai.provider(),
  "ai.saveProvider": (c) => c.ai.saveProvider({ baseUrl: "https://api.example.com/v1", model: "x", apiKey: "sk-robado", extractionEnabled: true, classificationEnabled: true, suggestionsEnabled: true }),
  "ai.deleteProvider": (c) => c.ai.deleteProvider(),
  "ai.testProvider": (c) => c.ai.testProvider(),
  "ai.promptHistory": (c) => c.ai.promptHistory({ task: "classification" }),
  "ai.savePrompt": (c) => c.ai.savePrompt({ task: "classification", content: "Prompt robado por el atacante" }),
  "ai.restorePrompt": (c) => c.ai.restorePrompt({ task: "classification", version: 0 }),
  "ai.promptDiff": (c) => c.ai.promptDiff({ task: "classification", from: 0, to: 0 }),
  "documents.list": (c) => c.documents.list({}),
  "documents.types": (c) => c.documents.types(),
  "documents.get": (c, v) => c.documents.get({ id: v.documentId }),
  "documents.correct": (c, v) => c.documents.correct({ id: v.documentId, fields: { total: 1 } }),
  "documents.reprocess": (c, v) => c.documents.reprocess({ id: v.documentId }),
  "documents.delete": (c, v) => c.documents.delete({ id: v.documentId }),
  "documents.toReviewCount": (c) => c.documents.toReviewCount(),
  "documents.states": (c, v) => c.documents.states({ ids: [v.documentId] }),
  "documents.nextInQueue": (c, v) => c.documents.nextInQueue({ currentId: v.documentId, review: "NEEDS_REVIEW" }),
  "documents.confirmField": (c, v) => c.documents.confirmField({ id: v.documentId, field: "total" }),
  "documents.markReviewed": (c, v) => c.documents.markReviewed({ id: v.documentId, acknowledgeWarnings: true }),
  "documents.markReviewedBulk": (c, v) => c.documents.markReviewedBulk({ ids: [v.documentId] }),
  "documents.discard": (c, v) => c.documents.discard({ id: v.documentId }),
  "documents.markNotDuplicate": (c, v) => c.documents.markNotDuplicate({ id: v.documentId }),
  "ai.suggestionQueue": (c) => c.ai.suggestionQueue({}),
  "ai.suggestions": (c, v) => c.ai.suggestions({ documentId: v.documentId }),
  "ai.generateSuggestions": (c, v) => c.ai.generateSuggestions({ documentId: v.documentId }),
  "ai.decideSuggestion": (c, v) => c.ai.decideSuggestion({ id: v.suggestionId, decision: "REJECTED" }),
  "apiClients.list": (c) => c.apiClients.list(),
  "apiClients.get": (c, v) => c.apiClients.get({ id: v.apiClientId }),
  "apiClients.create": (c) => c.apiClients.create({ name: "Robado", scopes: ["documents:read"], redirectUris: [] }),
  "apiClients.update": (c, v) => c.apiClients.update({ id: v.apiClientId, name: "Robado", scopes: ["parse"], redirectUris: [] }),
  "apiClients.rotateSecret": (c, v) => c.apiClients.rotateSecret({ id: v.apiClientId }),
  "apiClients.revoke": (c, v) => c.apiClients.revoke({ id: v.apiClientId }),
  "apiClients.usage": (c, v) => c.apiClients.usage({ id: v.apiClientId }),
  "n8n.settings": (c) => c.n8n.settings(),
  "n8n.saveSettings": (c) => c.n8n.saveSettings({ baseUrl: "https://n8n.example.com", token: "robado", signingSecret: "robado-robado-robado" }),
  "n8n.calls": (c) => c.n8n.calls({}),
  "n8n.test": (c) => c.n8n.test({ action: "sync_user" }),
  "n8n.checkSetup": (c) => c.n8n.checkSetup(),
  "n8n.syncStatus": (c) => c.n8n.syncStatus(),
  "n8n.syncNow": (c) => c.n8n.syncNow(),
  "movements.availability": (c) => c.movements.availability(),
  "movements.transactions": (c) => c.movements.transactions({}),
  "movements.emails": (c) => c.movements.emails({}),
  "movements.alerts": (c) => c.movements.alerts(),
  "movements.recommendations": (c) => c.movements.recommendations(),
  "movements.profile": (c) => c.movements.profile(),
  "movements.projections": (c) => c.movements.projections(),
  "movements.pasteEmail": (c) => c.movements.pasteEmail({ body: "Compra por $ 1.000,00 en ROBADO" }),
  "movements.uploadEml": (c) => c.movements.uploadEml({ content: "From: a@b.example\r\nSubject: x\r\n\r\nCompra por $ 10 en X" }),
  "movements.reprocessEmail": (c, v) => c.movements.reprocessEmail({ id: v.bankEmailId }),
  "movements.resolveReview": (c, v) => c.movements.resolveReview({ action: "discard", emailId: v.bankEmailId }),
  "movements.overrideCategory": (c, v) => c.movements.overrideCategory({ id: v.transactionId, category: "other" }),
  "movements.dismissAlert": (c, v) => c.movements.dismissAlert({ id: v.alertId }),
  "movements.updateProfile": (c) =>
    c.movements.updateProfile({
      currency: "ARS", timezone: "UTC", language: "es", notificationsEnabled: false, emailAlerts: false, weeklyBudget: 1, monthlyBudget: null, categoryBudgets: [],
      budgetThreshold: 0.5, unusualAmountMultiplier: 2, unusualAmountThreshold: null, dailyDigest: false, instantAlerts: [], blockedCategories: [], connectedBanks: [], goals: [],
    }),
  "movements.requestProjection": (c) => c.movements.requestProjection({}),
  "movements.rotateInboundToken": (c) => c.movements.rotateInboundToken(),
  "exports.connectors": (c) => c.exports.connectors(),
  "exports.documents": (c) => c.exports.documents({}),
  "exports.download": (c, v) => c.exports.download({ selection: { documentIds: [v.documentId] } }),
  "exports.start": (c, v) => c.exports.start({ connectorId: v.connectorId, selection: { documentIds: [v.documentId] } }),
  "exports.exportOne": (c, v) => c.exports.exportOne({ connectorId: v.connectorId, documentId: v.documentId }),
  "exports.run": async (c, v) => c.exports.run({ runId: (await exportExtras(v)).exportRunId }),
  "exports.runs": (c) => c.exports.runs(),
  "exports.stats": (c, v) => c.exports.stats({ connectorId: v.connectorId }),
  "exports.connectorFit": (c, v) => c.exports.connectorFit({ connectorId: v.connectorId, documentIds: [v.documentId] }),
  "sync.connectors": (c) => c.sync.connectors(),
  "sync.start": (c, v) => c.sync.start({ connectorId: v.connectorId }),
  "sync.resume": async (c, v) => c.sync.resume({ runId: (await exportExtras(v)).syncRunId }),
  "sync.runs": (c) => c.sync.runs(),
  "sync.run": async (c, v) => c.sync.run({ runId: (await exportExtras(v)).syncRunId }),
  "sync.staged": (c) => c.sync.staged({}),
  "sync.fixAndImport": async (c, v) => c.sync.fixAndImport({ id: (await exportExtras(v)).stagedId, data: { cuit: "20-12345678-6", razonSocial: "Robado" } }),
  "sync.discard": async (c, v) => c.sync.discard({ id: (await exportExtras(v)).stagedId }),
  "sync.suppliers": (c) => c.sync.suppliers(),
  "suppliers.list": (c) => c.suppliers.list({}),
  "suppliers.create": (c) => c.suppliers.create({ cuit: "20-12345678-6", razonSocial: "Robado" }),
  "suppliers.update": async (c, v) => c.suppliers.update({ id: await victimSupplierId(v), razonSocial: "Robado" }),
  "suppliers.delete": async (c, v) => c.suppliers.delete({ id: await victimSupplierId(v) }),
  "connectors.health": (c) => c.connectors.health(),
  "connectors.presets": (c) => c.connectors.presets(),
  "connectors.createFromPreset": (c) => c.connectors.createFromPreset({ presetKey: "rest-json", name: "Robado" } as never),
  "connectors.presetOptions": (c, v) => c.connectors.presetOptions({ presetKey: "alegra", parameterKey: "x", connectorId: v.connectorId }),
  "connectors.previewDocuments": (c) => c.connectors.previewDocuments(),
  "connectors.previewMappingOnDocument": (c, v) => c.connectors.previewMappingOnDocument({ mapping: "{}", documentId: v.documentId }),
  "misComprobantes.receptors": (c) => c.misComprobantes.receptors(),
  "misComprobantes.list": (c) => c.misComprobantes.list({}),
  "misComprobantes.get": (c) => c.misComprobantes.get({ id: "import-victim" }),
  "onboarding.checklist": (c) => c.onboarding.checklist(),
  "onboarding.attention": (c) => c.onboarding.attention(),
  "onboarding.dismiss": (c) => c.onboarding.dismiss(),
  "onboarding.loadSamples": (c) => c.onboarding.loadSamples(),
  "onboarding.removeSamples": (c) => c.onboarding.removeSamples(),
  "clients.list": (c) => c.clients.list(),
  "clients.suggestions": (c) => c.clients.suggestions(),
  "clients.create": (c) => c.clients.create({ cuit: "20-12345678-6", razonSocial: "Robado" }),
  "clients.update": async (c, v) => c.clients.update({ id: (await victimClient(v)).clientId, razonSocial: "Robado" }),
  "clients.delete": async (c, v) => c.clients.delete({ id: (await victimClient(v)).clientId }),
  "clients.memberLimits": (c) => c.clients.memberLimits(),
  "clients.setMemberClients": async (c, v) => c.clients.setMemberClients({ membershipId: (await victimClient(v)).membershipId, limited: true, clientIds: [] }),
  "libroIva.preflight": async (c, v) => c.libroIva.preflight({ clientId: (await victimClient(v)).clientId, period: "2026-11" }),
  "libroIva.generate": async (c, v) => c.libroIva.generate({ clientId: (await victimClient(v)).clientId, period: "2026-11" }),
  "libroIva.run": async (c, v) => c.libroIva.run({ runId: (await victimClient(v)).runId }),
};
/** The victim's client, a member's membership and a Libro IVA run, created on first use. */
let clientRows: Promise<{ clientId: string; membershipId: string; runId: string }> | undefined;
function victimClient(v: Victim) {
  clientRows ??= (async () => {
    const client = await db().client.create({ data: { tenantId: v.tenantId, cuit: "30500010912", razonSocial: "Cliente víctima SA" } });
    const membership = await db().membership.findFirstOrThrow({ where: { tenantId: v.tenantId, role: "ACCOUNTANT" } });
    const run = await db().libroIvaRun.create({ data: { tenantId: v.tenantId, clientId: client.id, period: "2026-11" } });
    return { clientId: client.id, membershipId: membership.id, runId: run.id };
  })();
  return clientRows;
}
/** The victim's supplier directory entry, created on first use. */
let supplierId: Promise<string> | undefined;
function victimSupplierId(v: Victim) {
  supplierId ??= db().supplier.create({ data: { tenantId: v.tenantId, cuit: "30500010912", razonSocial: "Proveedor víctima SA", source: "USER" } }).then((s) => s.id);
  return supplierId;
}
/** Export and sync rows of the victim, created on first use. */
let extras: Promise<{ exportRunId: string; syncRunId: string; stagedId: string }> | undefined;
function exportExtras(v: Victim) {
  extras ??= (async () => {
    const exportRun = await db().exportRun.create({ data: { tenantId: v.tenantId, connectorId: v.connectorId, status: "COMPLETED", total: 1, items: { create: { tenantId: v.tenantId, documentId: v.documentId, status: "SUCCESS" } } } });
    const syncRun = await db().syncRun.create({ data: { tenantId: v.tenantId, connectorId: v.connectorId, status: "FAILED", error: "x" } });
    const staged = await db().syncStagedRecord.create({ data: { tenantId: v.tenantId, connectorId: v.connectorId, runId: syncRun.id, externalId: "ext-1", raw: {}, data: {}, status: "STAGED", reason: "Falta el CUIT" } });
    return { exportRunId: exportRun.id, syncRunId: syncRun.id, stagedId: staged.id };
  })();
  return extras;
}
/** Procedures that act on resources by id: also tried from the attacker's own tenant. */
const byId = new Set(["connectors.previewMappingOnDocument", "suppliers.update", "suppliers.delete", "clients.update", "clients.delete", "clients.setMemberClients", "libroIva.preflight", "libroIva.generate", "libroIva.run", "exports.download", "exports.start", "exports.exportOne", "exports.run", "exports.stats", "exports.connectorFit", "sync.start", "sync.resume", "sync.run", "sync.fixAndImport", "sync.discard", "documents.get", "documents.correct", "documents.reprocess", "documents.delete", "documents.confirmField", "documents.markReviewed", "documents.markReviewedBulk", "documents.discard", "documents.markNotDuplicate", "movements.reprocessEmail", "movements.resolveReview", "movements.overrideCategory", "movements.dismissAlert", "members.changeRole", "members.remove", "tenant.switch", "webhooks.get", "webhooks.update", "webhooks.setEnabled", "webhooks.rotateSecret", "webhooks.delete", "webhooks.delivery", "notifications.dismiss", "invitations.resend", "invitations.revoke", "connectors.get", "connectors.update", "connectors.updateParameters", "connectors.setEnabled", "connectors.delete", "connectors.testConnection", "ai.suggestions", "ai.generateSuggestions", "ai.decideSuggestion", "apiClients.get", "apiClients.update", "apiClients.rotateSecret", "apiClients.revoke", "apiClients.usage"]);
const notTenantScoped = new Set(["tenant.mine", "tenant.create", "invitations.preview", "invitations.accept"]);

let victim: Victim;
let attacker: Awaited<ReturnType<typeof createUser>>;
let attackerTenantId: string;

beforeAll(async () => {
  const owner = await createUser({ name: "Dueña A" });
  const tenant = await createTenantWith(owner, "Estudio A");
  const ownerMembership = await callerFor(owner, tenant.id).members.list();
  const { membership } = await addMember(tenant.id, "ACCOUNTANT");
  const endpoint = await createEndpointRow(tenant.id, "https://erp.example.com/hooks");
  const event = await recordDomainEvent(db(), tenant.id, createDomainEvent("sync.failed", { connectorId: "con_1", error: "x" }));
  const delivery = await db().webhookDelivery.create({ data: { tenantId: tenant.id, endpointId: endpoint.id, eventId: event.id, eventType: event.type } });
  const notification = await db().notification.create({ data: { tenantId: tenant.id, kind: "t", title: "t", body: "t" } });
  const invitation = await db().invitation.create({
    data: { tenantId: tenant.id, email: "invitada@example.com", role: "VIEWER", tokenHash: "victim-token-hash", expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const run = await db().engineRun.create({
    data: { id: "run-victim", functionId: "contaflow-x", status: "FAILED", event: { id: "e", name: "x", data: { tenantId: tenant.id } }, maxAttempts: 1, tenantId: tenant.id },
  });
  const document = await db().document.create({
    data: { tenantId: tenant.id, status: "COMPLETED", fileName: "victima.pdf", mimeType: "application/pdf", sizeBytes: 10, sha256: "victim-sha", storageKey: "victim/key", proveedorCuit: "30712345678", total: 100 },
  });
  const suggestion = await db().documentSuggestion.create({
    data: { tenantId: tenant.id, documentId: document.id, kind: "ANOMALY", code: "CUIT_INVALID", label: "CUIT inválido", source: "RULE", documentVersion: 1 },
  });
  victim = {
    ...(await (async () => {
      const email = await db().bankEmail.create({ data: { tenantId: tenant.id, source: "PASTED", fromAddress: "a@banco.example", subject: "Compra", body: "Compra ilegible", receivedAt: new Date(), status: "MANUAL_REVIEW" } });
      const txn = await db().bankTransaction.create({ data: { tenantId: tenant.id, type: "expense", amount: 100, currency: "ARS", merchant: "VICTIMA", date: new Date(), category: "groceries" } });
      const alert = await db().movementAlert.create({ data: { tenantId: tenant.id, transactionId: txn.id, type: "UNUSUAL_AMOUNT", severity: "medium", title: "t", message: "m" } });
      return { bankEmailId: email.id, transactionId: txn.id, alertId: alert.id };
    })()),
    documentId: document.id,
    suggestionId: suggestion.id,
    apiClientId: (await db().apiClient.create({ data: { tenantId: tenant.id, name: "Cliente víctima", clientId: "cf_victim", secretHash: "0".repeat(64), secretHint: "abcd", scopes: ["documents:read"] } })).id,
    tenantId: tenant.id,
    ownerMembershipId: ownerMembership[0]!.id,
    accountantMembershipId: membership.id,
    endpointId: endpoint.id,
    deliveryId: delivery.id,
    notificationId: notification.id,
    invitationId: invitation.id,
    runId: run.id,
    connectorId: (await createConnectorRow(tenant.id, { name: "ERP víctima", baseUrl: "https://erp.example.com/api", authType: "BEARER", secret: "victim-token" })).id,
  };
  attacker = await createUser({ name: "Atacante B" });
  attackerTenantId = (await createTenantWith(attacker, "Estudio B")).id;
});

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe("NOT_FOUND");
}

describe("tenant isolation", () => {
  it("covers every procedure of the router", () => {
    const all = Object.keys(appRouter._def.procedures).sort();
    expect([...Object.keys(tenantScoped), ...notTenantScoped].sort()).toEqual(all);
  });

  for (const [path, call] of Object.entries(tenantScoped)) {
    it(`${path}: NOT_FOUND when asking for another tenant`, async () => {
      await expectNotFound(call(callerFor(attacker, victim.tenantId), victim));
    });

    if (byId.has(path)) {
      it(`${path}: NOT_FOUND for another tenant's resource id`, async () => {
        await expectNotFound(call(callerFor(attacker, attackerTenantId), victim));
      });
    }
  }

  it("the victim's data is unchanged", async () => {
    const owner = await callerFor(attacker, attackerTenantId).tenant.current();
    expect(owner.name).toBe("Estudio B");
    const members = await import("@/server/db/client").then(({ db }) => db().membership.findMany({ where: { tenantId: victim.tenantId } }));
    expect(members.map((m) => m.role).sort()).toEqual(["ACCOUNTANT", "OWNER"]);
    const endpoint = await import("@/server/db/client").then(({ db }) => db().webhookEndpoint.findUniqueOrThrow({ where: { id: victim.endpointId } }));
    expect(endpoint).toMatchObject({ enabled: true, url: "https://erp.example.com/hooks", previousSecretEnc: null });
    const invitation = await db().invitation.findUniqueOrThrow({ where: { id: victim.invitationId } });
    expect(invitation).toMatchObject({ revokedAt: null, tokenHash: "victim-token-hash" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: victim.tenantId } })).planId).toBe("gratis");
    expect(await db().apiConnector.findUniqueOrThrow({ where: { id: victim.connectorId } })).toMatchObject({ name: "ERP víctima", enabled: true, direction: "PUSH", lastTestAt: null });
    expect(await db().document.findUniqueOrThrow({ where: { id: victim.documentId } })).toMatchObject({ status: "COMPLETED", version: 1 });
    expect(await db().document.findUniqueOrThrow({ where: { id: victim.documentId } })).toMatchObject({ reviewStatus: "NOT_READY", reviewedAt: null, discardedAt: null, notDuplicate: false });
    expect(await db().documentCorrection.count({ where: { documentId: victim.documentId } })).toBe(0);
    if (clientRows) {
      const { clientId, membershipId } = await clientRows;
      expect(await db().client.findUniqueOrThrow({ where: { id: clientId } })).toMatchObject({ razonSocial: "Cliente víctima SA" });
      expect(await db().membership.findUniqueOrThrow({ where: { id: membershipId } })).toMatchObject({ limitedToClients: false });
      expect(await db().libroIvaRun.count({ where: { tenantId: victim.tenantId } })).toBe(1);
    }
    expect(await db().documentSuggestion.findUniqueOrThrow({ where: { id: victim.suggestionId } })).toMatchObject({ status: "PENDING", decidedById: null });
    expect(await db().aiProviderConfig.count({ where: { tenantId: victim.tenantId } })).toBe(0);
    expect(await db().aiPromptVersion.count({ where: { tenantId: victim.tenantId } })).toBe(0);
    expect(await db().apiClient.findUniqueOrThrow({ where: { id: victim.apiClientId } })).toMatchObject({ name: "Cliente víctima", revokedAt: null, secretHash: "0".repeat(64), scopes: ["documents:read"] });
    expect(await db().bankEmail.findUniqueOrThrow({ where: { id: victim.bankEmailId } })).toMatchObject({ status: "MANUAL_REVIEW" });
    expect(await db().bankTransaction.findUniqueOrThrow({ where: { id: victim.transactionId } })).toMatchObject({ category: "groceries", classificationStatus: "PENDING" });
    expect(await db().movementAlert.findUniqueOrThrow({ where: { id: victim.alertId } })).toMatchObject({ readAt: null });
    expect(await db().n8nSettings.count({ where: { tenantId: victim.tenantId } })).toBe(0);
    expect(await db().financeProfile.count({ where: { tenantId: victim.tenantId } })).toBe(0);
    expect(await db().supplier.findMany({ where: { tenantId: victim.tenantId } })).toEqual([expect.objectContaining({ cuit: "30500010912", razonSocial: "Proveedor víctima SA", source: "USER" })]);
  });

  it("a signed-out caller gets UNAUTHORIZED", async () => {
    await expect(callerFor(null).tenant.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
