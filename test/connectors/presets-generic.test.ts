/**
 * The generic targets and the model extensions any custom connector can use: the «REST JSON»
 * preset with a body-level success rule (a 200 with `ok: false` is FAILED with the ERP's
 * message), the «CSV / Libro IVA Compras» row, and a 0-based PULL (Tango Delta style) that
 * reads page 0 instead of skipping it.
 */
import { engineReady } from "../exports/support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createConnectorFromPreset } from "@/server/connectors/presets/create";
import { createConnectorRow } from "../support/factories";
import { startFakeLibro, startFakeRestJson, startFakeTango, type FakeLibro, type FakeRestJson } from "../support/fake-erps/generic";
import type { FakeServer } from "../support/fake-erps/server";
import { cuitFrom, documentsFrom, exportDocs, presetTenant, pullSuppliers } from "./support/presets";

let engine: Awaited<typeof engineReady>;
let rest: FakeRestJson;
let libro: FakeLibro;
let tango: FakeServer;
const known = cuitFrom("3070000005");
const tangoRecords = Array.from({ length: 25 }, (_, i) => ({ ID_GVA14: 10 + i, RAZON_SOCI: `Proveedor Tango ${i}`, CUIT: cuitFrom(String(3054000000 + i * 1000)) }));

beforeAll(async () => {
  engine = await engineReady;
  rest = await startFakeRestJson("tok-rest-123456");
  libro = await startFakeLibro();
  tango = await startFakeTango({ token: "tango-token", company: "7", records: tangoRecords });
}, 60_000);
afterAll(async () => {
  await Promise.all([rest?.close(), libro?.close(), tango?.close()]);
  await engine?.stop();
});

describe("generic presets and extensions", () => {
  it("REST JSON: the documented body; with a success rule a 200 with ok:false is FAILED with the ERP's message", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await createConnectorFromPreset(scope, { presetKey: "rest-json", name: "Mi API", credentials: { baseUrl: `${rest.url}/api`, secret: "tok-rest-123456" } });
    await db().apiConnector.update({ where: { id: connector.id }, data: { pushSuccessPath: "ok = true", pushErrorPath: "error.mensaje" } });
    const [a, big] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos SA" }, { cuit: known, razonSocial: "Insumos SA" }], { firstNumber: 1 });
    await db().document.update({ where: { id: big! }, data: { total: 250_000 } });
    const { run, byDoc } = await exportDocs(scope, connector.id, [a!, big!]);
    expect(run).toMatchObject({ status: "PARTIAL", success: 1, failed: 1 });
    expect(rest.received[0]).toMatchObject({ documentoId: a, tipo: "FACTURA_A", letra: "A", numero: "0011-00000001", fecha: "2026-11-20", proveedor: { cuit: `30-${known.slice(2, 10)}-${known.slice(10)}`, razonSocial: "Insumos SA" }, neto: 1000, iva: 210, total: 1210, cae: "74123456789012" });
    expect(byDoc.get(a!)!.externalId).toBe("REST-1");
    expect(byDoc.get(big!)).toMatchObject({ status: "FAILED", httpStatus: 200 });
    expect(byDoc.get(big!)!.error).toBe("El sistema externo rechazó el pedido (respondió 200 sin «ok = true»): El total 250000 supera el límite de la cuenta");
    expect((await db().document.findUniqueOrThrow({ where: { id: big! } })).exportedVersion).toBeNull();
  });

  it("CSV / Libro IVA Compras: one row in the libro's column order", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await createConnectorFromPreset(scope, { presetKey: "csv-libro", name: "Libro", credentials: { baseUrl: `${libro.url}/exec` } });
    expect(connector.authType).toBe("NONE");
    const [a] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos SA" }], { firstNumber: 77, twoRates: true });
    const { byDoc } = await exportDocs(scope, connector.id, [a!]);
    expect(byDoc.get(a!)).toMatchObject({ status: "SUCCESS", externalId: "Compras!A2:P2" });
    expect(libro.rows).toEqual([["2026-11-20", "FACTURA_A", "0011-00000077", `30-${known.slice(2, 10)}-${known.slice(10)}`, "Insumos SA", 1500, 0, 0, 262.5, 0, 0, 0, 1762.5, "ARS", 1, "74123456789012"]]);
  });

  it("PULL with 0-based pages (Tango pageIndex) reads page 0; without the setting page 0 is skipped", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const common = { direction: "PULL" as const, baseUrl: `${tango.url}/api`, authType: "API_KEY" as const, apiKeyHeader: "ApiAuthorization", secret: "tango-token", defaultHeaders: { Company: "7" }, pullPath: "/Get?process=2117", pullPagination: "PAGE" as const, pullPageSize: 10, pullPageParam: "pageIndex", pullSizeParam: "pageSize", pullRecordPath: "resultData.list", pullIdField: "ID_GVA14", pullMapping: JSON.stringify({ cuit: "CUIT", razonSocial: "RAZON_SOCI" }) };
    const zero = await createConnectorRow(scope.tenantId, { ...common, name: "Tango 0", pullFirstPage: 0 });
    const { run, suppliers } = await pullSuppliers(scope, zero.id);
    expect(run).toMatchObject({ status: "SUCCESS" });
    expect(suppliers).toHaveLength(25);
    expect(suppliers.map((s) => s.externalId)).toContain("10");

    const scope2 = await presetTenant();
    const one = await createConnectorRow(scope2.tenantId, { ...common, name: "Tango 1" });
    const skipped = await pullSuppliers(scope2, one.id);
    expect(skipped.suppliers).toHaveLength(15);
    expect(skipped.suppliers.map((s) => s.externalId)).not.toContain("10");
  });
});
