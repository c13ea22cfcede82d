/**
 * PULL on the embedded engine against a real ERP on 127.0.0.1: the four pagination styles,
 * staging with validation (invalid records stay staged with the reason), supplier import,
 * 429/500 during paging, malformed JSON and 401 endings, sync.completed / sync.failed with the
 * seed's fields, admin review (fix and import, discard), resume from the checkpoint.
 */
import { engineReady } from "../exports/support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { discardStaged, fixAndImport, listStagedRecords } from "@/server/sync/review";
import { resumeSync, startSync } from "@/server/sync/runs";
import { startErp, type ErpServer } from "../connectors/support/erp-server";
import { createConnectorRow, createTenantWith, createUser } from "../support/factories";
import { serveSuppliers, suppliers, type Pagination } from "../exports/support/erp";
import { PULL_MAPPING } from "../exports/support/fixtures";
import { syncRunDone } from "../exports/support/wait";
import { validCuit } from "../documents/support/review";

let engine: Awaited<typeof engineReady>;
let tenantId: string;
let userId: string;
const servers: ErpServer[] = [];
const scope = () => ({ tenantId, userId, role: "OWNER" as const });

beforeAll(async () => {
  engine = await engineReady;
  const owner = await createUser();
  userId = owner.id;
  tenantId = (await createTenantWith(owner)).id;
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await engine?.stop();
});

const PARAMS: Record<Pagination, { pullPageParam: string; pullRecordPath: string; pullCursorPath?: string }> = {
  NONE: { pullPageParam: "page", pullRecordPath: "items" },
  PAGE: { pullPageParam: "page", pullRecordPath: "items" },
  OFFSET: { pullPageParam: "offset", pullRecordPath: "items" },
  CURSOR: { pullPageParam: "cursor", pullRecordPath: "items", pullCursorPath: "meta.next_cursor" },
  LINK_HEADER: { pullPageParam: "p", pullRecordPath: "" },
};

async function erpWith(pagination: Pagination, data: ReturnType<typeof suppliers>, faults: Record<number, number | "garbage"> = {}, auth: "ok" | "bad" = "ok") {
  const erp = await startErp({ kind: "apiKey", header: "X-Api-Key", key: "clave" });
  servers.push(erp);
  const served = serveSuppliers(erp, data, pagination, faults);
  const connector = await createConnectorRow(tenantId, {
    name: `ERP ${pagination} ${Math.random().toString(36).slice(2, 6)}`,
    direction: "PULL",
    baseUrl: erp.url,
    authType: "API_KEY",
    apiKeyHeader: "X-Api-Key",
    secret: auth === "ok" ? "clave" : "otra",
    pullPath: "/proveedores",
    pullPagination: pagination,
    pullPageSize: 10,
    pullSizeParam: "limit",
    pullIdField: "codigo",
    pullMapping: PULL_MAPPING,
    timeoutMs: 2000,
    ...PARAMS[pagination],
  });
  return { erp, served, connector };
}

const events = async (type: string, connectorId: string) =>
  (await db().domainEvent.findMany({ where: { tenantId, type }, orderBy: { occurredAt: "asc" } })).map((e) => JSON.parse(e.body) as Record<string, unknown>).filter((e) => e.connectorId === connectorId);

describe("sync runs", () => {
  it.each(["PAGE", "OFFSET", "CURSOR", "LINK_HEADER"] as const)("%s: pages into staging, imports valid suppliers, leaves invalid ones staged", { timeout: 30_000 }, async (pagination) => {
    const data = suppliers(25, { 4: "30-11111111-1" });
    data[7]!.nombre = "";
    const { connector, served } = await erpWith(pagination, data);
    const run = await syncRunDone((await startSync(scope(), connector.id)).runId);
    expect(run).toMatchObject({ status: "PARTIAL", imported: 23, staged: 2, failed: 0, fetched: 25, pages: 3, error: null });
    expect(served.calls()).toBe(3);
    const staged = await db().syncStagedRecord.findMany({ where: { runId: run.id, status: "STAGED" }, orderBy: { externalId: "asc" } });
    expect(staged.map((s) => [s.externalId, s.reason])).toEqual([
      ["P0005", "CUIT inválido (30-11111111-1): revisá el dígito verificador"],
      ["P0008", "Falta la razón social"],
    ]);
    const imported = await db().supplier.findMany({ where: { tenantId, sourceConnectorId: connector.id } });
    expect(imported).toHaveLength(23);
    expect(imported[0]!.cuit).toMatch(/^\d{11}$/);
    expect(await events("sync.completed", connector.id)).toEqual([expect.objectContaining({ type: "sync.completed", connectorId: connector.id, success: 23, failed: 0, staged: 2 })]);
  });

  it("429 with Retry-After and a 500 burst in the middle are retried; the run ends SUCCESS", { timeout: 40_000 }, async () => {
    const { connector, served } = await erpWith("PAGE", suppliers(15), { 2: 429, 3: 500, 4: 502 });
    const run = await syncRunDone((await startSync(scope(), connector.id)).runId, 35_000);
    expect(run).toMatchObject({ status: "SUCCESS", imported: 15, staged: 0, failed: 0, pages: 2 });
    expect(served.calls()).toBe(5);
  });

  it("wrong credentials: FAILED with sync.failed, nothing imported, no retries", { timeout: 30_000 }, async () => {
    const { connector, served } = await erpWith("PAGE", suppliers(5), {}, "bad");
    const run = await syncRunDone((await startSync(scope(), connector.id)).runId);
    expect(run).toMatchObject({ status: "FAILED", imported: 0 });
    expect(run.error).toContain("respondió 401");
    expect(served.calls()).toBe(0); // the ERP's auth check answers before the route
    expect(await events("sync.failed", connector.id)).toEqual([expect.objectContaining({ type: "sync.failed", connectorId: connector.id, error: expect.stringContaining("401") as unknown })]);
  });

  it("malformed JSON stops paging (PARTIAL with the reason); resume continues from the checkpoint", { timeout: 30_000 }, async () => {
    const { connector, served } = await erpWith("CURSOR", suppliers(30), { 2: "garbage" });
    const run = await syncRunDone((await startSync(scope(), connector.id)).runId);
    expect(run).toMatchObject({ status: "PARTIAL", imported: 10, pages: 1 });
    expect(run.error).toMatch(/Página 2: .*no es JSON válido/);
    expect(served.calls()).toBe(2);

    await resumeSync(scope(), run.id);
    const resumed = await syncRunDone(run.id);
    expect(resumed).toMatchObject({ status: "SUCCESS", imported: 30, pages: 3, error: null });
    expect(served.calls()).toBe(4); // page 1 was not fetched again
    expect(await db().supplier.count({ where: { tenantId, sourceConnectorId: connector.id } })).toBe(30);
  });

  it("admin review: a fixed record is imported, a still-invalid fix is refused with field errors, discard", { timeout: 30_000 }, async () => {
    const data = suppliers(3, { 0: "20-00000000-0", 1: "x" });
    const { connector } = await erpWith("NONE", data);
    const run = await syncRunDone((await startSync(scope(), connector.id)).runId);
    expect(run).toMatchObject({ status: "PARTIAL", imported: 1, staged: 2 });
    const { items } = await listStagedRecords(scope(), { connectorId: connector.id });
    const [a, b] = items.sort((x, y) => x.externalId.localeCompare(y.externalId));
    await expect(fixAndImport(scope(), { id: a!.id, data: { cuit: "20-12345678-0", razonSocial: "Proveedor 1 SA" } })).rejects.toMatchObject({ fieldErrors: { cuit: [expect.stringContaining("CUIT inválido")] } });
    const fixed = await fixAndImport(scope(), { id: a!.id, data: { cuit: "20-12345678-6", razonSocial: "Proveedor 1 SA" } });
    expect(await db().supplier.findUniqueOrThrow({ where: { id: fixed.supplierId } })).toMatchObject({ cuit: "20123456786", externalId: "P0001", source: "PULL" });
    await discardStaged(scope(), b!.id);
    expect((await listStagedRecords(scope(), { connectorId: connector.id })).total).toBe(0);
  });
});

describe("the supplier directory", () => {
  it("pulled suppliers fill it (source PULL, 11-digit CUIT); a LEARNED entry is replaced, a person's entry keeps its name", { timeout: 30_000 }, async () => {
    const cuits = [validCuit("3060000001"), validCuit("3060000101"), validCuit("3060000201")];
    const data = cuits.map((cuit, i) => ({ codigo: `D${i}`, cuit: `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`, nombre: `Proveedor ERP ${i} SA`, mail: `d${i}@example.com` }));
    await db().supplier.create({ data: { tenantId, cuit: cuits[1]!, razonSocial: "Nombre que puso la contadora", source: "USER", updatedById: userId } });
    await db().supplier.create({ data: { tenantId, cuit: cuits[2]!, razonSocial: "Nombre aprendido viejo", source: "LEARNED" } });
    const { connector } = await erpWith("NONE", data);
    const run = await syncRunDone((await startSync(scope(), connector.id)).runId);
    expect(run).toMatchObject({ status: "SUCCESS", imported: 3 });
    const rows = await db().supplier.findMany({ where: { tenantId, cuit: { in: cuits } }, orderBy: { cuit: "asc" } });
    const byCuit = new Map(rows.map((r) => [r.cuit, r]));
    expect(byCuit.get(cuits[0]!)).toMatchObject({ razonSocial: "Proveedor ERP 0 SA", source: "PULL", externalId: "D0", sourceConnectorId: connector.id });
    expect(byCuit.get(cuits[1]!)).toMatchObject({ razonSocial: "Nombre que puso la contadora", source: "USER", externalId: "D1", sourceConnectorId: connector.id });
    expect(byCuit.get(cuits[2]!)).toMatchObject({ razonSocial: "Proveedor ERP 2 SA", source: "PULL" });
    const staged = await db().syncStagedRecord.findMany({ where: { tenantId, connectorId: connector.id } });
    expect(staged.map((s) => s.supplierId).sort()).toEqual(rows.map((r) => r.id).sort());
  });
});
