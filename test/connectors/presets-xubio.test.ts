/**
 * The Xubio preset against the fake Xubio (brief §3): an OAuth token whose answer has no
 * token_type (accepted), comprobanteCompraBean with the documented fields, the supplier found
 * by CUIT or created, the transaccionid recorded, Xubio's refusal message, and PULL of /ProveedorBean.
 */
import { engineReady } from "../exports/support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createConnectorFromPreset } from "@/server/connectors/presets/create";
import { presetOptions } from "@/server/connectors/presets/options";
import { startFakeXubio, type FakeXubio } from "../support/fake-erps/xubio";
import { cuitFrom, documentsFrom, exportDocs, presetTenant, pullSuppliers, type Scope } from "./support/presets";

let engine: Awaited<typeof engineReady>;
let xubio: FakeXubio;
const known = cuitFrom("3070000003");
const unknown = cuitFrom("3071111113");

beforeAll(async () => {
  engine = await engineReady;
  xubio = await startFakeXubio({ clientId: "cid-123", secretId: "sid-secreto-456", proveedores: [{ proveedorid: 55, razonSocial: "Insumos del Sur SA", cuit: known, email: "ventas@insumos.com.ar" }] });
}, 60_000);
afterAll(async () => {
  await xubio?.close();
  await engine?.stop();
});

const parameters = { productoPorAlicuota: { "21": "501", "10.5": "502" }, depositoId: "-2", provinciaId: "1", centroDeCostoId: "7", condicionDePago: "1", categoriaFiscalId: "1" };
function xubioConnector(scope: Scope) {
  return createConnectorFromPreset(scope, { presetKey: "xubio", name: "Xubio", credentials: { baseUrl: xubio.baseUrl, oauthTokenUrl: xubio.tokenUrl, oauthClientId: "cid-123", secret: "sid-secreto-456" }, parameters });
}

describe("Xubio preset", () => {
  it("the gallery lists Xubio's purchase products, provinces and cost centres with the typed OAuth credentials, caching no token", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const credentials = { baseUrl: xubio.baseUrl, oauthTokenUrl: xubio.tokenUrl, oauthClientId: "cid-123", secret: "sid-secreto-456" };
    const tokensBefore = xubio.requests.filter((r) => r.path.endsWith("/TokenEndpoint")).length;
    expect(await presetOptions(scope, { presetKey: "xubio", parameterKey: "productoPorAlicuota", credentials })).toEqual([
      { value: "501", label: "Mercadería gravada 21%" },
      { value: "502", label: "Mercadería gravada 10,5%" },
    ]);
    expect(await presetOptions(scope, { presetKey: "xubio", parameterKey: "provinciaId", credentials })).toEqual([
      { value: "1", label: "Buenos Aires" },
      { value: "2", label: "Ciudad Autónoma de Buenos Aires" },
    ]);
    expect(await presetOptions(scope, { presetKey: "xubio", parameterKey: "centroDeCostoId", credentials })).toEqual([{ value: "7", label: "Administración" }]);
    // One token per list (nothing saved, so nothing cached), sent as a bearer.
    expect(xubio.requests.filter((r) => r.path.endsWith("/TokenEndpoint")).length - tokensBefore).toBe(3);
    expect(await db().connectorOAuthToken.count({ where: { tenantId: scope.tenantId } })).toBe(0);
    // A wrong secret: the token endpoint's refusal, as a message on the form.
    await expect(presetOptions(scope, { presetKey: "xubio", parameterKey: "provinciaId", credentials: { ...credentials, secret: "otra" } })).rejects.toThrow(/^No pudimos traer la lista de Xubio: /);
  });

  it("creates the comprobante de compra with the spec's fields, resolving or creating the supplier", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await xubioConnector(scope);
    expect(connector).toMatchObject({ authType: "OAUTH2_CLIENT_CREDENTIALS", oauthClientAuth: "CLIENT_SECRET_BASIC", oauthClientId: "cid-123" });
    const [a, b] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }, { cuit: unknown, razonSocial: "Nuevo SRL" }], { firstNumber: 8239, twoRates: true });
    const { run, byDoc } = await exportDocs(scope, connector.id, [a!, b!]);
    expect(run).toMatchObject({ status: "COMPLETED", success: 2 });

    const first = xubio.comprobantes.find((c) => c.body.externalId === a)!;
    expect(first.body).toMatchObject({
      tipo: 1,
      numeroDocumento: "A-00011-00008239",
      puntoVenta: "00011",
      fecha: "2026-11-20",
      fechaComprobante: "2026-11-20",
      fechaVto: "2026-11-20",
      cotizacion: 1,
      importeGravado: 1500,
      importeImpuestos: 262.5,
      importetotal: 1762.5,
      externalId: a,
      condicionDePago: 1,
      proveedor: { ID: 55, id: 55 },
      deposito: { ID: -2, id: -2 },
      provincia: { ID: 1, id: 1 },
      transaccionPercepcionItems: [],
    });
    expect(first.body.descripcion).toBe(`CAE 74123456789012 · Contaflow ${a}`);
    expect(first.body.transaccionProductoItems).toEqual([
      { producto: { ID: 501, id: 501 }, centroDeCosto: { ID: 7, id: 7 }, descripcion: "Neto gravado IVA 21%", cantidad: 1, precio: 1000, importe: 1000, iva: 210, total: 1210, montoExento: 0, porcentajeDescuento: 0 },
      { producto: { ID: 502, id: 502 }, centroDeCosto: { ID: 7, id: 7 }, descripcion: "Neto gravado IVA 10.5%", cantidad: 1, precio: 500, importe: 500, iva: 52.5, total: 552.5, montoExento: 0, porcentajeDescuento: 0 },
    ]);
    const created = xubio.proveedores.find((p) => p.cuit === unknown)!;
    expect(created).toMatchObject({ razonSocial: "Nuevo SRL" });
    expect(xubio.comprobantes.find((c) => c.body.externalId === b)!.body.proveedor).toEqual({ ID: created.proveedorid, id: created.proveedorid });
    expect(byDoc.get(a!)!.externalId).toBe(String(first.transaccionid));
    // The token answer had no token_type and was still used as a bearer token.
    const token = await db().connectorOAuthToken.findUniqueOrThrow({ where: { connectorId: connector.id } });
    expect(token.tokenType).toBe("Bearer");
  });

  it("records Xubio's refusal with its description, and PULL imports /ProveedorBean", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await xubioConnector(scope);
    await db().apiConnector.update({ where: { id: connector.id }, data: { pushMapping: `{ "proveedor": { "ID": $number(proveedor.externalId) }, "tipo": 1 }` } });
    const [a] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 9000 });
    const out = await exportDocs(scope, connector.id, [a!]);
    expect(out.byDoc.get(a!)).toMatchObject({ status: "FAILED", httpStatus: 400 });
    expect(out.byDoc.get(a!)!.error).toContain("Faltan campos: condicionDePago");

    const { run, suppliers } = await pullSuppliers(scope, connector.id);
    expect(run).toMatchObject({ status: "SUCCESS" });
    expect(suppliers.find((s) => s.cuit === known)).toMatchObject({ externalId: "55", razonSocial: "Insumos del Sur SA", email: "ventas@insumos.com.ar" });
  });
});
