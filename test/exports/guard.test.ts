/**
 * The export guard on every path that sends documents to an ERP, on the embedded engine against
 * a real ERP on 127.0.0.1: the /exportar procedures (tRPC), "forzar/reintentar" (exportOne), the
 * push step itself (a document that changed after it was chosen), and scheduled pushes. Only
 * REVIEWED documents go by default; "exportar igual" is recorded (who, when, which, why);
 * duplicates and discarded documents never go, not even with the override. Runs end
 * COMPLETED / PARTIAL / FAILED honestly, and a retrying document says when and why.
 */
import { engineReady } from "./support/engine";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { pushRunItem } from "@/server/exports/push-document";
import { createExportRun } from "@/server/exports/runs";
import { startScheduledRun } from "@/server/exports/schedules";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { startPushErp, type PushErp } from "./support/erp";
import { createDocuments, pushConnector } from "./support/fixtures";
import { exportRunDone, until } from "./support/wait";

let engine: Awaited<typeof engineReady>;
let erp: PushErp;
let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;
const caller = () => callerFor(owner, tenantId);
const numero = (n: number) => `0001-${String(n).padStart(8, "0")}`;
/** Invoices the ERP holds for these documents (any connector). */
const received = (ids: string[]) => [...erp.created.values()].filter((i) => ids.some((id) => i.key.startsWith(`${id}:`)));

async function rejection(p: Promise<unknown>): Promise<TRPCError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TRPCError);
  return e as TRPCError;
}

beforeAll(async () => {
  engine = await engineReady;
  erp = await startPushErp();
  owner = await createUser({ name: "Contadora Guardia" });
  tenantId = (await createTenantWith(owner)).id;
}, 60_000);
afterAll(async () => {
  await erp?.close();
  await engine?.stop();
});

describe("export guard: /exportar (tRPC)", () => {
  it("lists only reviewed documents by default; the others on request, each with its review state and why it cannot go", async () => {
    const [reviewed] = await createDocuments(tenantId, 1, { firstNumber: 1000 });
    const [unreviewed] = await createDocuments(tenantId, 1, { firstNumber: 1001, reviewStatus: "UNREVIEWED" });
    const [flagged] = await createDocuments(tenantId, 1, { firstNumber: 1002, reviewStatus: "NEEDS_REVIEW" });
    const [original, copy] = await createDocuments(tenantId, 2, { firstNumber: 1003 });
    await db().document.update({ where: { id: copy }, data: { duplicateOfId: original, numero: 1003n } });
    const [discarded] = await createDocuments(tenantId, 1, { firstNumber: 1005 });
    await db().document.update({ where: { id: discarded }, data: { discardedAt: new Date() } });

    const byDefault = await caller().exports.documents({ q: "", pageSize: 200 });
    const ids = byDefault.items.map((d) => d.id);
    expect(ids).toContain(reviewed);
    expect(ids).not.toContain(unreviewed);
    expect(ids).not.toContain(flagged);
    expect(ids).not.toContain(discarded);

    const all = await caller().exports.documents({ review: "ALL", pageSize: 200 });
    const row = (id: string) => all.items.find((d) => d.id === id);
    expect(row(reviewed!)!.review).toEqual({ status: "REVIEWED", blockedReason: null, needsOverride: false });
    expect(row(unreviewed!)!.review).toEqual({ status: "UNREVIEWED", blockedReason: null, needsOverride: true });
    expect(row(flagged!)!.review).toMatchObject({ status: "NEEDS_REVIEW", needsOverride: true });
    // Both halves of an unresolved pair are blocked, each naming the other.
    expect(row(copy!)!.review.blockedReason).toBe("Posible duplicado de FACTURA_A 00001-00001003 (factura-1.pdf): descartá uno o marcá «no es duplicado».");
    expect(row(original!)!.review.blockedReason).toMatch(/^Posible duplicado de /);
    expect(row(discarded!)).toBeUndefined();
  });

  it("refuses a selection with a document that is not reviewed, and sends it only through «exportar igual», which is recorded", { timeout: 30_000 }, async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP override" });
    const [reviewed] = await createDocuments(tenantId, 1, { firstNumber: 1100 });
    const [flagged] = await createDocuments(tenantId, 1, { firstNumber: 1101, reviewStatus: "NEEDS_REVIEW" });
    const runsBefore = await db().exportRun.count({ where: { tenantId } });

    const refused = await rejection(caller().exports.start({ connectorId: connector.id, selection: { documentIds: [reviewed!, flagged!] } }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toBe("No se exportó nada. Un documento no está revisado: FACTURA_A 00001-00001101 (factura-1.pdf). Marcalos como revisados o usá «exportar igual».");
    expect(await db().exportRun.count({ where: { tenantId } })).toBe(runsBefore);
    // "exportar igual" needs a reason.
    expect((await rejection(caller().exports.start({ connectorId: connector.id, selection: { documentIds: [flagged!] }, override: { reason: "" } }))).code).toBe("BAD_REQUEST");

    const started = await caller().exports.start({ connectorId: connector.id, selection: { documentIds: [reviewed!, flagged!] }, override: { reason: "El cliente lo necesita hoy" } });
    const run = await exportRunDone(started.runId);
    expect(run).toMatchObject({ status: "COMPLETED", success: 2, override: true, overrideReason: "El cliente lo necesita hoy", requestedById: owner.id });
    expect(run.items.find((i) => i.documentId === flagged)).toMatchObject({ overridden: true, reviewStatus: "NEEDS_REVIEW", status: "SUCCESS" });
    expect(run.items.find((i) => i.documentId === reviewed)).toMatchObject({ overridden: false, reviewStatus: "REVIEWED", status: "SUCCESS" });
    expect(received([reviewed!, flagged!])).toHaveLength(2);

    // The export log shows who, when, how many and why.
    const log = (await caller().exports.runs()).find((r) => r.id === started.runId)!;
    expect(log).toMatchObject({ override: true, overrideReason: "El cliente lo necesita hoy", overriddenCount: 1, requestedBy: "Contadora Guardia", connectorName: "ERP override", status: "COMPLETED" });
    const view = await caller().exports.run({ runId: started.runId });
    expect(view).toMatchObject({ override: true, requestedBy: "Contadora Guardia" });
    expect(view.items.find((i) => i.documentId === flagged)).toMatchObject({ overridden: true, reviewStatus: "NEEDS_REVIEW" });

    // An override on reviewed documents only is not recorded as one.
    const [other] = await createDocuments(tenantId, 1, { firstNumber: 1102 });
    const plain = await exportRunDone((await caller().exports.start({ connectorId: connector.id, selection: { documentIds: [other!] }, override: { reason: "por las dudas" } })).runId);
    expect(plain).toMatchObject({ override: false, overrideReason: null, status: "COMPLETED" });
  });

  it("refuses a duplicate even with «exportar igual», until one of the pair is discarded or marked «no es duplicado»", { timeout: 30_000 }, async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP duplicados" });
    const [original, copy, third, fourth] = await createDocuments(tenantId, 4, { firstNumber: 1200 });
    await db().document.update({ where: { id: copy }, data: { duplicateOfId: original } });
    await db().document.update({ where: { id: fourth }, data: { duplicateOfId: third } });
    const runsBefore = await db().exportRun.count({ where: { tenantId } });

    for (const selection of [{ documentIds: [copy!] }, { documentIds: [original!] }, { filter: { review: "ALL" as const, q: "1201" } }]) {
      const e = await rejection(caller().exports.start({ connectorId: connector.id, selection, override: { reason: "apurado" } }));
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.message).toMatch(/^No se exportó nada\. Un documento no se puede exportar: FACTURA_A 00001-0000120[01] \(factura-[12]\.pdf\): Posible duplicado de FACTURA_A 00001-0000120[01] \(factura-[12]\.pdf\): descartá uno o marcá «no es duplicado»\.$/);
    }
    // Nothing half-done: a clean document in the same selection does not go either.
    const [clean] = await createDocuments(tenantId, 1, { firstNumber: 1290 });
    await rejection(caller().exports.start({ connectorId: connector.id, selection: { documentIds: [clean!, copy!] }, override: { reason: "apurado" } }));
    await rejection(caller().exports.exportOne({ connectorId: connector.id, documentId: copy!, force: true, override: { reason: "apurado" } }));
    expect(await db().exportRun.count({ where: { tenantId } })).toBe(runsBefore);
    expect(received([original!, copy!, clean!])).toHaveLength(0);

    // "No es duplicado" resolves the first pair; discarding one half resolves the second.
    await db().document.update({ where: { id: copy }, data: { notDuplicate: true } });
    await db().document.update({ where: { id: fourth }, data: { discardedAt: new Date() } });
    const run = await exportRunDone((await caller().exports.start({ connectorId: connector.id, selection: { documentIds: [original!, copy!, third!] } })).runId);
    expect(run).toMatchObject({ status: "COMPLETED", success: 3 });
  });

  it("never exports a discarded document, not even with «exportar igual» or «forzar»", async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP descartados" });
    const [doc] = await createDocuments(tenantId, 1, { firstNumber: 1300, reviewStatus: "UNREVIEWED" });
    await db().document.update({ where: { id: doc }, data: { discardedAt: new Date() } });
    const e = await rejection(caller().exports.start({ connectorId: connector.id, selection: { documentIds: [doc!] }, override: { reason: "igual" } }));
    expect(e.message).toContain("Descartado: los documentos descartados no se exportan.");
    const one = await rejection(caller().exports.exportOne({ connectorId: connector.id, documentId: doc!, force: true, override: { reason: "igual" } }));
    expect(one.message).toContain("Descartado");
    expect(received([doc!])).toHaveLength(0);
  });

  it("«forzar/reintentar» of a document that is not reviewed needs the override too", async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP forzar" });
    const [doc] = await createDocuments(tenantId, 1, { firstNumber: 1400, reviewStatus: "NEEDS_REVIEW" });
    const e = await rejection(caller().exports.exportOne({ connectorId: connector.id, documentId: doc!, force: true }));
    expect(e.message).toMatch(/no está revisado/);
    const run = await exportRunDone((await caller().exports.exportOne({ connectorId: connector.id, documentId: doc!, force: true, override: { reason: "reintento" } })).runId);
    expect(run).toMatchObject({ status: "COMPLETED", override: true });
    expect(run.items[0]).toMatchObject({ overridden: true, status: "SUCCESS" });
  });
});

describe("export guard: at push time", () => {
  it("skips, with the reason and without calling, a document discarded, marked duplicate or re-opened after it was chosen", async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP cambios" });
    const [discarded, duplicate, reopened, original] = await createDocuments(tenantId, 4, { firstNumber: 1500 });
    const { run } = await createExportRun({ tenantId }, { connectorId: connector.id, documentIds: [discarded!, duplicate!, reopened!], force: false, trigger: "MANUAL" });
    await db().document.update({ where: { id: discarded }, data: { discardedAt: new Date() } });
    await db().document.update({ where: { id: duplicate }, data: { duplicateOfId: original } });
    await db().document.update({ where: { id: reopened }, data: { reviewStatus: "NEEDS_REVIEW" } });
    const calls = erp.requests.length;

    expect(await pushRunItem(run.id, discarded!, 0)).toMatchObject({ status: "SKIPPED", error: "No se exportó: Descartado: los documentos descartados no se exportan." });
    expect(await pushRunItem(run.id, duplicate!, 0)).toMatchObject({ status: "SKIPPED", error: "No se exportó: Posible duplicado de FACTURA_A 00001-00001503 (factura-4.pdf): descartá uno o marcá «no es duplicado»." });
    expect(await pushRunItem(run.id, reopened!, 0)).toMatchObject({ status: "SKIPPED", error: expect.stringMatching(/ya no está revisado/) as unknown });
    expect(erp.requests.length).toBe(calls);
    await db().exportRun.delete({ where: { id: run.id } });
  });
});

describe("export guard: scheduled pushes", () => {
  it("take only reviewed, clean documents — never an override", { timeout: 30_000 }, async () => {
    const owner2 = await createUser();
    const tenant2 = (await createTenantWith(owner2)).id;
    const connector = await pushConnector(tenant2, erp.url, { name: "ERP nocturno", pushSchedule: "0 2 * * *" });
    const [reviewed] = await createDocuments(tenant2, 1, { firstNumber: 1600 });
    const [unreviewed] = await createDocuments(tenant2, 1, { firstNumber: 1601, reviewStatus: "UNREVIEWED" });
    const [flagged] = await createDocuments(tenant2, 1, { firstNumber: 1602, reviewStatus: "NEEDS_REVIEW" });
    const [original, copy] = await createDocuments(tenant2, 2, { firstNumber: 1603 });
    await db().document.update({ where: { id: copy }, data: { duplicateOfId: original } });
    const [discarded] = await createDocuments(tenant2, 1, { firstNumber: 1605 });
    await db().document.update({ where: { id: discarded }, data: { discardedAt: new Date() } });

    const started = await startScheduledRun({ tenantId: tenant2, connectorId: connector.id, direction: "PUSH", fireAt: "2026-12-01T05:00:00.000Z" });
    expect(started.started).toBe(true);
    const run = await exportRunDone(started.runId);
    expect(run).toMatchObject({ trigger: "SCHEDULE", override: false, status: "COMPLETED", total: 1, success: 1 });
    expect(run.items.map((i) => i.documentId)).toEqual([reviewed]);
    expect(received([unreviewed!, flagged!, original!, copy!, discarded!])).toHaveLength(0);

    // Nothing reviewed left: the next fire starts nothing.
    const next = await startScheduledRun({ tenantId: tenant2, connectorId: connector.id, direction: "PUSH", fireAt: "2026-12-02T05:00:00.000Z" });
    expect(next).toMatchObject({ started: false, reason: "sin documentos revisados pendientes" });
  });
});

describe("honest runs", () => {
  it("a run whose documents all failed is FAILED; some failed is PARTIAL; never COMPLETED", { timeout: 30_000 }, async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP rechaza" });
    const ids = await createDocuments(tenantId, 3, { firstNumber: 1700 });
    for (const id of [1700, 1701, 1702]) erp.script.set(numero(id), [422]);
    const failed = await exportRunDone((await caller().exports.start({ connectorId: connector.id, selection: { documentIds: ids } })).runId);
    expect(failed).toMatchObject({ status: "FAILED", success: 0, failed: 3 });

    const more = await createDocuments(tenantId, 2, { firstNumber: 1710 });
    erp.script.set(numero(1711), [422]);
    const partial = await exportRunDone((await caller().exports.start({ connectorId: connector.id, selection: { documentIds: more } })).runId);
    expect(partial).toMatchObject({ status: "PARTIAL", success: 1, failed: 1 });
    expect((await caller().exports.runs()).find((r) => r.id === partial.id)!.status).toBe("PARTIAL");
  });

  it("a retrying document says which retry, when and why, and the retry happens then", { timeout: 30_000 }, async () => {
    const connector = await pushConnector(tenantId, erp.url, { name: "ERP caído" });
    const [doc] = await createDocuments(tenantId, 1, { firstNumber: 1800 });
    erp.script.set(numero(1800), [503, 503]);
    const { runId } = await caller().exports.start({ connectorId: connector.id, selection: { documentIds: [doc!] } });

    const waiting = await until("a retry scheduled", async () => {
      const v = await caller().exports.run({ runId });
      const item = v.items[0]!;
      return item.nextRetryAt && item.attempts === 1 ? { v, item, seenAt: Date.now() } : null;
    });
    expect(waiting.v).toMatchObject({ status: "RUNNING", maxRetries: 4 });
    expect(waiting.item).toMatchObject({ status: "PENDING", attempts: 1, lastError: "El sistema externo respondió 503 (error del servidor): falla 503" });
    const dueIn = new Date(waiting.item.nextRetryAt!).getTime() - waiting.seenAt;
    expect(dueIn).toBeGreaterThan(0);
    expect(dueIn).toBeLessThanOrEqual(1000);

    const run = await exportRunDone(runId);
    expect(run.items[0]).toMatchObject({ status: "SUCCESS", attempts: 3, nextRetryAt: null });
    const calls = erp.requests.filter((r) => r.headers["idempotency-key"]?.startsWith(`${doc}:`));
    expect(calls).toHaveLength(3);
    // The second call came when the item said it would (1 s after the first, the test base delay rounded up).
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
    const view = await caller().exports.run({ runId });
    expect(view.items[0]).toMatchObject({ nextRetryAt: null, lastError: null });
  });
});
