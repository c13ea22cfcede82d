/**
 * PUSH on the embedded engine against a real ERP on 127.0.0.1: per-document outcome, retries
 * of 500 bursts / 429 with Retry-After / slow answers, no retry of 422, idempotency keys,
 * export state on the document, log rows per call, skipped and forced re-exports, auth variants.
 */
import { engineReady } from "./support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { exportOne, startExport } from "@/server/exports/start-export";
import { createTenantWith, createUser } from "../support/factories";
import { startPushErp, type PushErp } from "./support/erp";
import { createDocuments, pushConnector } from "./support/fixtures";
import { exportRunDone } from "./support/wait";

let engine: Awaited<typeof engineReady>;
let erp: PushErp;
let tenantId: string;
let userId: string;
const erps: PushErp[] = [];
const scope = () => ({ tenantId, userId, role: "OWNER" as const });

beforeAll(async () => {
  engine = await engineReady;
  erp = await startPushErp({ kind: "bearer", token: "tok-erp" }, { slowMs: 2500 });
  erps.push(erp);
  const owner = await createUser();
  userId = owner.id;
  tenantId = (await createTenantWith(owner)).id;
}, 60_000);
afterAll(async () => {
  await Promise.all(erps.map((e) => e.close()));
  await engine?.stop();
});

const numero = (n: number) => `0001-${String(n).padStart(8, "0")}`;

describe("executePush", () => {
  it("exports each document once, retrying 500 bursts, 429 (Retry-After) and timeouts, failing a 422 at once", { timeout: 60_000 }, async () => {
    const connector = await pushConnector(tenantId, erp.url, { authType: "BEARER", secret: "tok-erp" });
    const ids = await createDocuments(tenantId, 6, { firstNumber: 1 });
    erp.script.set(numero(2), [500, 503, 500]);
    erp.script.set(numero(3), [429]);
    erp.script.set(numero(4), [422]);
    erp.script.set(numero(5), ["slow"]);
    const { runId, total } = await startExport(scope(), { connectorId: connector.id, selection: { documentIds: ids }, force: false });
    expect(total).toBe(6);
    const run = await exportRunDone(runId, 50_000);

    expect(run).toMatchObject({ status: "PARTIAL", success: 5, failed: 1, skipped: 0 });
    const byDoc = new Map(run.items.map((i) => [i.documentId, i]));
    expect(byDoc.get(ids[3]!)).toMatchObject({ status: "FAILED", httpStatus: 422, attempts: 1 });
    expect(byDoc.get(ids[3]!)!.error).toContain("El sistema externo respondió 422: El CUIT del proveedor no existe en el ERP");
    expect(byDoc.get(ids[1]!)).toMatchObject({ status: "SUCCESS", attempts: 4 });

    // Exactly one invoice per exported document, keyed (document, connector, version).
    expect(erp.created.size).toBe(5);
    for (const [i, id] of ids.entries()) {
      const calls = erp.requests.filter((r) => r.headers["idempotency-key"] === `${id}:${connector.id}:1`);
      expect(calls.length, `calls for document ${i + 1}`).toBe([1, 4, 2, 1, 2, 1][i]);
      expect(calls.every((c) => c.headers.authorization === "Bearer tok-erp")).toBe(true);
    }
    const throttled = erp.requests.filter((r) => r.headers["idempotency-key"] === `${ids[2]}:${connector.id}:1`);
    expect(throttled[1]!.at - throttled[0]!.at).toBeGreaterThanOrEqual(950);

    const docs = await db().document.findMany({ where: { id: { in: ids } } });
    for (const d of docs) {
      if (d.id === ids[3]) expect(d).toMatchObject({ externalSystemId: null, lastExportedAt: null, exportedVersion: null });
      else {
        expect(d).toMatchObject({ exportConfigId: connector.id, exportedVersion: 1 });
        expect(d.externalSystemId).toMatch(/^ERP-\d+$/);
        expect(d.lastExportedAt).toBeInstanceOf(Date);
      }
    }
    expect(new Set(docs.map((d) => d.externalSystemId).filter(Boolean)).size).toBe(5);

    // One log row per call: 6 first calls + 3 retries of the 500 burst + 1 after 429 + 1 after the timeout.
    const logs = await db().connectorExportLog.findMany({ where: { runId } });
    expect(logs).toHaveLength(11);
    expect(logs.filter((l) => l.status === "SUCCESS")).toHaveLength(5);
    expect(logs.filter((l) => l.httpStatus === 500 || l.httpStatus === 503)).toHaveLength(3);
    expect(logs.find((l) => l.httpStatus === 429)).toMatchObject({ status: "FAILED", errorClass: "HTTP_429" });
    expect(logs.find((l) => l.errorClass === "TIMEOUT")).toMatchObject({ status: "FAILED", documentId: ids[4] });
    expect(logs.find((l) => l.httpStatus === 422)).toMatchObject({ status: "FAILED", attempt: 1 });
    expect(logs.every((l) => l.idempotencyKey === `${l.documentId}:${connector.id}:1`)).toBe(true);
    const excerpt = logs.find((l) => l.status === "SUCCESS")!.requestExcerpt!;
    expect(excerpt).toContain("authorization: ");
    expect(excerpt).not.toContain("tok-erp");

    // Events in the outbox, with the seed's fields.
    const events = await db().domainEvent.findMany({ where: { tenantId }, orderBy: { occurredAt: "asc" } });
    const exported = events.filter((e) => e.type === "document.exported").map((e) => JSON.parse(e.body) as Record<string, unknown>);
    expect(exported).toHaveLength(5);
    expect(exported.find((e) => e.documentoId === ids[0])).toMatchObject({ tipo: "FACTURA_A", numero: numero(1), total: 1210, externalId: expect.stringMatching(/^ERP-/) as unknown });
    const failed = events.filter((e) => e.type === "export.failed").map((e) => JSON.parse(e.body) as Record<string, unknown>);
    expect(failed).toEqual([expect.objectContaining({ connectorId: connector.id, error: expect.stringContaining("422") as unknown })]);
  });

  it("a second export skips what was exported with the same version, retries the failed one; forzar sends again with the same key", { timeout: 60_000 }, async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP re-export", authType: "BEARER", secret: "tok-erp" });
    const ids = await createDocuments(tenantId, 3, { firstNumber: 100 });
    erp.script.set(numero(102), [422]);
    const first = await exportRunDone((await startExport(scope(), { connectorId: connector.id, selection: { documentIds: ids }, force: false })).runId);
    expect(first).toMatchObject({ success: 2, failed: 1, skipped: 0 });
    const createdBefore = erp.created.size;

    const second = await exportRunDone((await startExport(scope(), { connectorId: connector.id, selection: { documentIds: ids }, force: false })).runId);
    expect(second).toMatchObject({ status: "COMPLETED", success: 1, failed: 0, skipped: 2 });
    expect(second.items.find((i) => i.status === "SKIPPED")!.error).toMatch(/^Ya exportado \(versión 1\)/);
    expect(erp.created.size).toBe(createdBefore + 1);
    const completed = await db().domainEvent.findMany({ where: { tenantId, type: "export.completed" } });
    expect(completed.map((e) => JSON.parse(e.body) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ connectorId: connector.id, success: 1, failed: 0, skipped: 2 }));

    // A new version is pending again; forzar on an unchanged one calls with the same key → the ERP answers its first id.
    const forced = await exportRunDone((await exportOne(scope(), { connectorId: connector.id, documentId: ids[0]!, force: true })).runId);
    expect(forced).toMatchObject({ status: "COMPLETED", success: 1, skipped: 0 });
    expect(erp.created.size).toBe(createdBefore + 1);
    const doc = await db().document.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(forced.items[0]!.externalId).toBe(doc.externalSystemId);
    await db().document.update({ where: { id: ids[0] }, data: { version: 2, total: 999 } });
    const changed = await exportRunDone((await startExport(scope(), { connectorId: connector.id, selection: { documentIds: [ids[0]!] }, force: false })).runId);
    expect(changed).toMatchObject({ success: 1, skipped: 0 });
    expect(erp.requests.at(-1)!.headers["idempotency-key"]).toBe(`${ids[0]}:${connector.id}:2`);
    expect(erp.created.size).toBe(createdBefore + 2);
  });

  it("refuses a second run while one is in progress, and PULL connectors", async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP ocupado" });
    const ids = await createDocuments(tenantId, 1, { firstNumber: 300 });
    await db().exportRun.create({ data: { tenantId, connectorId: connector.id, status: "RUNNING" } });
    await expect(startExport(scope(), { connectorId: connector.id, selection: { documentIds: ids }, force: false })).rejects.toThrow(/Ya hay una exportación en curso/);
    const pull = await pushConnector(tenantId, erp.url, { name: "Solo PULL", direction: "PULL" });
    await expect(startExport(scope(), { connectorId: pull.id, selection: { documentIds: ids }, force: false })).rejects.toThrow(/conector PULL/);
  });

  it.each([
    ["API key", { kind: "apiKey", header: "X-Api-Key", key: "k-123" }, { authType: "API_KEY", apiKeyHeader: "X-Api-Key", secret: "k-123" }],
    ["Basic", { kind: "basic", user: "contaflow", password: "pw-1" }, { authType: "BASIC", username: "contaflow", secret: "pw-1" }],
    ["OAuth 2.0 client credentials", { kind: "oauth", clientId: "cf", clientSecret: "s3cr3t" }, { authType: "OAUTH2_CLIENT_CREDENTIALS", oauthClientId: "cf", secret: "s3cr3t" }],
  ] as const)("%s: exports; wrong credentials fail without retries", { timeout: 30_000 }, async (_name, auth, columns) => {
    const server = await startPushErp(auth);
    erps.push(server);
    const extra = auth.kind === "oauth" ? { oauthTokenUrl: `${server.url}/oauth/token` } : {};
    const good = await pushConnector(tenantId, server.url, { name: `ERP ${auth.kind}`, ...columns, ...extra });
    const bad = await pushConnector(tenantId, server.url, { name: `ERP ${auth.kind} mal`, ...columns, ...extra, secret: "equivocado" });
    const [a, b] = await createDocuments(tenantId, 2, { firstNumber: 400 });
    const ok = await exportRunDone((await startExport(scope(), { connectorId: good.id, selection: { documentIds: [a!] }, force: false })).runId);
    expect(ok).toMatchObject({ status: "COMPLETED", success: 1 });
    const before = server.requests.length;
    const ko = await exportRunDone((await startExport(scope(), { connectorId: bad.id, selection: { documentIds: [b!] }, force: false })).runId);
    expect(ko).toMatchObject({ status: "FAILED", failed: 1 });
    expect(ko.items[0]!.error).toMatch(auth.kind === "oauth" ? /token|credenciales|cliente/i : /401 \(credenciales rechazadas\)/);
    expect(server.requests.length - before).toBeLessThanOrEqual(1);
  });

  it("a 2xx with a body that is not JSON is still an export (external id unknown)", { timeout: 30_000 }, async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP basura", authType: "BEARER", secret: "tok-erp" });
    const [id] = await createDocuments(tenantId, 1, { firstNumber: 500 });
    erp.script.set(numero(500), ["garbage"]);
    const run = await exportRunDone((await startExport(scope(), { connectorId: connector.id, selection: { documentIds: [id!] }, force: false })).runId);
    expect(run.items[0]).toMatchObject({ status: "SUCCESS", externalId: "unknown" });
  });
});
