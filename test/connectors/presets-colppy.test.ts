/**
 * The Colppy preset against the fake Colppy (brief §4): the login step's session key in every
 * JSON-RPC body, the developer and user passwords as MD5 from the secret store (never in a log),
 * alta_facturacompra with the documented parameters, the supplier found by CUIT with dashes, a
 * 200 with `success: false` recorded FAILED with Colppy's message, and PULL through the
 * POST-only listar_proveedor with start/limit in the body.
 */
import { engineReady } from "../exports/support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createConnectorFromPreset } from "@/server/connectors/presets/create";
import { startFakeColppy, type FakeColppy } from "../support/fake-erps/colppy";
import { cuitFrom, dashed, documentsFrom, exportDocs, presetTenant, pullSuppliers, type Scope } from "./support/presets";

let engine: Awaited<typeof engineReady>;
let colppy: FakeColppy;
const known = cuitFrom("3070000002");
const opts = { devUser: "dev@contaflow.ar", devPassword: "clave-dev-secreta", user: "ana@estudio.com.ar", password: "clave-usuario-1", idEmpresa: "1234" };

beforeAll(async () => {
  engine = await engineReady;
  const more = Array.from({ length: 23 }, (_, i) => ({ idProveedor: String(200 + i), RazonSocial: `Proveedor ${i}`, CUIT: dashed(cuitFrom(String(3052000000 + i * 1000))), Email: `p${i}@example.com` }));
  colppy = await startFakeColppy({ ...opts, proveedores: [{ idProveedor: "88", RazonSocial: "Insumos del Sur SA", CUIT: dashed(known) }, ...more] });
}, 60_000);
afterAll(async () => {
  await colppy?.close();
  await engine?.stop();
});

async function colppyConnector(scope: Scope, pageSize?: number) {
  const connector = await createConnectorFromPreset(scope, {
    presetKey: "colppy",
    name: "Colppy",
    credentials: { baseUrl: colppy.baseUrl, "extra:devPassword": opts.devPassword, username: opts.user, secret: opts.password },
    parameters: { devUsuario: opts.devUser, idEmpresa: opts.idEmpresa, idCondicionPago: "Contado", idPlanCuenta: "Compras" },
  });
  if (pageSize) await db().apiConnector.update({ where: { id: connector.id }, data: { pullPageSize: pageSize } });
  return connector;
}

describe("Colppy preset", () => {
  it("logs in, resolves the supplier by CUIT and creates the purchase invoice with the documented parameters", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await colppyConnector(scope);
    expect(connector).toMatchObject({ presetKey: "colppy", authType: "NONE", hasSecret: true, hasExtraSecrets: true });
    const [a] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 8239, twoRates: true });
    const { run, byDoc } = await exportDocs(scope, connector.id, [a!]);
    expect(run).toMatchObject({ status: "COMPLETED", success: 1 });

    const p = colppy.facturas[0]!.parameters;
    expect(p.sesion).toEqual({ usuario: opts.user, claveSesion: expect.stringMatching(/^ses-/) as unknown });
    expect(p).toMatchObject({
      idEmpresa: "1234",
      idProveedor: "88",
      idTipoFactura: "A",
      idTipoComprobante: "1",
      nroFactura1: "0011",
      nroFactura2: "00008239",
      fechaFactura: "20-11-2026",
      fechaFacturaDoc: "20-11-2026",
      fechaPago: "20-11-2026",
      idCondicionPago: "Contado",
      idEstadoFactura: "Borrador",
      idMoneda: "1",
      valorCambio: 1,
      netoGravado: 1500,
      netoNoGravado: 0,
      IVA21: 210,
      IVA105: 52.5,
      IVA27: 0,
      totalIVA: 262.5,
      percepcionIVA: 0,
      percepcionIIBB: 0,
      totalFactura: 1762.5,
    });
    expect(p.descripcion).toBe(`CAE 74123456789012 · Contaflow ${a}`.slice(0, 100));
    expect(p.itemsFactura).toEqual([
      { Descripcion: "Neto gravado IVA 21%", Cantidad: 1, ImporteUnitario: 1000, IVA: "21", idPlanCuenta: "Compras" },
      { Descripcion: "Neto gravado IVA 10.5%", Cantidad: 1, ImporteUnitario: 500, IVA: "10.5", idPlanCuenta: "Compras" },
    ]);
    // The lookup filtered by the CUIT with dashes, inside a session.
    const lookup = colppy.requests.map((r) => r.json as { service: { operacion: string }; parameters: { filter?: unknown } }).find((b) => b.service.operacion === "listar_proveedor")!;
    expect(lookup.parameters.filter).toEqual([{ field: "CUIT", op: "=", value: dashed(known) }]);

    expect(byDoc.get(a!)!.externalId).toBe(colppy.facturas[0]!.idFactura);
    const logs = await db().connectorExportLog.findMany({ where: { runId: run.id } });
    for (const l of logs) {
      expect(l.requestExcerpt ?? "").not.toContain(opts.devPassword);
      expect(l.requestExcerpt ?? "").not.toContain("claveSesion\":\"ses-");
    }
  });

  it("a 200 with success:false is FAILED with Colppy's message (repeated number, unknown supplier, bad login)", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await colppyConnector(scope);
    const [first] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 5000 });
    expect((await exportDocs(scope, connector.id, [first!])).run).toMatchObject({ success: 1 });
    // The same number again as another document: Colppy answers 200 + success:false.
    const [again] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 5000 });
    const dup = await exportDocs(scope, connector.id, [again!]);
    expect(dup.byDoc.get(again!)).toMatchObject({ status: "FAILED", httpStatus: 200 });
    expect(dup.byDoc.get(again!)!.error).toContain("Ya existe una factura con nroFactura 0011-00005000 (duplicada)");
    expect((await db().document.findUniqueOrThrow({ where: { id: again! } })).externalSystemId).toBeNull();

    // A supplier Colppy does not have: no create allowed, a clear reason, no invoice call.
    const calls = colppy.facturas.length;
    const [stranger] = await documentsFrom(scope.tenantId, [{ cuit: cuitFrom("3079999999"), razonSocial: "Desconocido SA" }], { firstNumber: 5001 });
    const out = await exportDocs(scope, connector.id, [stranger!]);
    expect(out.byDoc.get(stranger!)!.error).toMatch(/no está en «Colppy» \(se buscó por CUIT\) y este conector no da de alta proveedores/);
    expect(colppy.facturas.length).toBe(calls);

    // Wrong user password: the login's own message.
    const { sealAuthSecret } = await import("@/server/connectors/credentials");
    await db().apiConnector.update({ where: { id: connector.id }, data: sealAuthSecret(connector.id, "otra-clave") });
    const [late] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 5002 });
    const denied = await exportDocs(scope, connector.id, [late!]);
    expect(denied.byDoc.get(late!)!.error).toContain("Usuario o clave de Colppy incorrectos");
  });

  it("PULL reads suppliers through the POST-only listar_proveedor, start/limit in the body", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await colppyConnector(scope, 10);
    const { run, suppliers } = await pullSuppliers(scope, connector.id);
    expect(run).toMatchObject({ status: "SUCCESS" });
    const pages = colppy.requests
      .map((r) => r.json as { service: { operacion: string }; parameters: { start?: number; limit?: number; filter?: unknown; sesion?: unknown } })
      .filter((b) => b.service.operacion === "listar_proveedor" && !b.parameters.filter);
    expect(pages.slice(-3).map((b) => [b.parameters.start, b.parameters.limit])).toEqual([[0, 10], [10, 10], [20, 10]]);
    expect(pages.every((b) => b.parameters.sesion)).toBe(true);
    expect(suppliers).toHaveLength(24);
    expect(suppliers.find((s) => s.cuit === known)).toMatchObject({ externalId: "88", razonSocial: "Insumos del Sur SA" });
  });
});
