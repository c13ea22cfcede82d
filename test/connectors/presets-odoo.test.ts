/**
 * The Odoo 19+ preset against the fake JSON-2 API (brief §6): account.move/create with
 * vals_list and l10n_ar values, the partner found by vat (POST search_read) or created, the id
 * from `[id]`, Odoo's 422 message, the duplicate check by document number, and PULL of partners
 * through POST search_read with offset/limit in the body.
 */
import { engineReady } from "../exports/support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createConnectorFromPreset } from "@/server/connectors/presets/create";
import { presetOptions } from "@/server/connectors/presets/options";
import { startFakeOdoo, type FakeOdoo } from "../support/fake-erps/odoo";
import { cuitFrom, documentsFrom, exportDocs, presetTenant, pullSuppliers, type Scope } from "./support/presets";

let engine: Awaited<typeof engineReady>;
let odoo: FakeOdoo;
const known = cuitFrom("3070000004");
const unknown = cuitFrom("3071111114");

beforeAll(async () => {
  engine = await engineReady;
  const more = Array.from({ length: 12 }, (_, i) => ({ id: 300 + i, name: `Proveedor ${i}`, vat: cuitFrom(String(3053000000 + i * 1000)), email: i % 2 ? (`p${i}@example.com` as string) : (false as const), supplier_rank: 1 }));
  odoo = await startFakeOdoo({ apiKey: "odoo-key-abcdef", database: "estudio", partners: [{ id: 42, name: "Insumos del Sur SA", vat: known, email: false, supplier_rank: 1 }, ...more, { id: 999, name: "Cliente SA", vat: cuitFrom("3060000009"), email: false, supplier_rank: 0 }] });
}, 60_000);
afterAll(async () => {
  await odoo?.close();
  await engine?.stop();
});

const parameters = { tipoDocumentoPorCodigo: { "1": "3", "3": "5" }, impuestoPorAlicuota: { "21": "11", "10.5": "12" }, cuentaId: "600", monedaId: "19" };
function odooConnector(scope: Scope) {
  return createConnectorFromPreset(scope, { presetKey: "odoo", name: "Odoo", credentials: { baseUrl: odoo.url, "header:X-Odoo-Database": "estudio", secret: "odoo-key-abcdef" }, parameters });
}

describe("Odoo 19+ preset", () => {
  it("the gallery lists document types, purchase taxes, accounts and currencies through POST search_read with the typed key", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const credentials = { baseUrl: odoo.url, "header:X-Odoo-Database": "estudio", secret: "odoo-key-abcdef" };
    const list = (parameterKey: string) => presetOptions(scope, { presetKey: "odoo", parameterKey, credentials });
    expect(await list("tipoDocumentoPorCodigo")).toEqual([
      { value: "3", label: "1 · FACTURAS A" },
      { value: "5", label: "3 · NOTAS DE CREDITO A" },
      { value: "8", label: "6 · FACTURAS B" },
    ]);
    expect(await list("impuestoPorAlicuota")).toEqual([
      { value: "11", label: "IVA 21% (compras)" },
      { value: "12", label: "IVA 10,5% (compras)" },
    ]);
    expect(await list("cuentaId")).toEqual([{ value: "600", label: "5.1.01 Compras de mercadería" }]);
    expect(await list("monedaId")).toEqual([
      { value: "19", label: "ARS" },
      { value: "2", label: "USD" },
    ]);
    const taxCall = odoo.requests.findLast((r) => r.path === "/json/2/account.tax/search_read")!;
    expect(taxCall).toMatchObject({ method: "POST", json: { domain: [["type_tax_use", "=", "purchase"]], fields: ["id", "name", "amount"] } });
    expect(taxCall.headers).toMatchObject({ authorization: "Bearer odoo-key-abcdef", "x-odoo-database": "estudio" });
    await expect(presetOptions(scope, { presetKey: "odoo", parameterKey: "cuentaId", credentials: { ...credentials, secret: "otra" } })).rejects.toThrow(/Odoo 19\+ \(l10n_ar\) respondió 401 .*revisá las credenciales/);
  });

  it("creates the vendor bill with vals_list, resolving or creating the partner, and skips a number already there", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await odooConnector(scope);
    expect(connector).toMatchObject({ authType: "BEARER", defaultHeaders: "X-Odoo-Database: estudio" });
    const [a, b] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }, { cuit: unknown, razonSocial: "Nuevo SRL" }], { firstNumber: 8239, twoRates: true });
    const { run, byDoc } = await exportDocs(scope, connector.id, [a!, b!]);
    expect(run).toMatchObject({ status: "COMPLETED", success: 2 });

    const move = odoo.moves.find((m) => m.vals.partner_id === 42)!;
    expect(move.vals).toEqual({
      move_type: "in_invoice",
      partner_id: 42,
      invoice_date: "2026-11-20",
      l10n_latam_document_type_id: 3,
      l10n_latam_document_number: "00011-00008239",
      currency_id: 19,
      ref: `CAE 74123456789012 · Contaflow ${a}`,
      invoice_line_ids: [
        [0, 0, { name: "Neto gravado IVA 21%", quantity: 1, price_unit: 1000, account_id: 600, tax_ids: [[6, 0, [11]]] }],
        [0, 0, { name: "Neto gravado IVA 10.5%", quantity: 1, price_unit: 500, account_id: 600, tax_ids: [[6, 0, [12]]] }],
      ],
    });
    expect(byDoc.get(a!)!.externalId).toBe(String(move.id));
    const created = odoo.partners.find((p) => p.vat === unknown)!;
    expect(created).toMatchObject({ name: "Nuevo SRL", supplier_rank: 1 });
    expect(odoo.moves.find((m) => m.vals.partner_id === created.id)).toBeDefined();

    // Same number and partner as another document: found by search_read, not created again.
    const count = odoo.moves.length;
    const [dup] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 8239 });
    const again = await exportDocs(scope, connector.id, [dup!]);
    expect(again.byDoc.get(dup!)).toMatchObject({ status: "SUCCESS", externalId: String(move.id) });
    expect(odoo.moves).toHaveLength(count);
  });

  it("records Odoo's 422 message, and a 200 with a JSON-RPC error, as FAILED with Odoo's message", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await odooConnector(scope);
    // The supplier's id in the directory is one Odoo does not have: Odoo's 422 message.
    await db().supplier.create({ data: { tenantId: scope.tenantId, cuit: known, razonSocial: "Insumos del Sur SA", externalId: "999999", sourceConnectorId: connector.id } });
    const [a] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 7000 });
    const out = await exportDocs(scope, connector.id, [a!]);
    expect(out.byDoc.get(a!)).toMatchObject({ status: "FAILED", httpStatus: 422 });
    expect(out.byDoc.get(a!)!.error).toContain("El contacto 999999 no existe");
    await db().supplier.deleteMany({ where: { tenantId: scope.tenantId, externalId: "999999" } });

    // A 200 carrying a JSON-RPC error object instead of the list of ids: FAILED with Odoo's message.
    await db().apiConnector.update({ where: { id: connector.id }, data: { parameters } });
    odoo.rpcErrorIn200 = "El período contable está cerrado";
    try {
      const [b] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 7001 });
      const in200 = await exportDocs(scope, connector.id, [b!]);
      expect(in200.byDoc.get(b!)).toMatchObject({ status: "FAILED", httpStatus: 200, externalId: null });
      expect(in200.byDoc.get(b!)!.error).toBe('El sistema externo rechazó el pedido (respondió 200 sin «$type($) = "array"»): El período contable está cerrado');
    } finally {
      odoo.rpcErrorIn200 = null;
    }
  });

  it("PULL reads partners through POST search_read, offset/limit in the body", { timeout: 60_000 }, async () => {
    const scope = await presetTenant();
    const connector = await odooConnector(scope);
    await db().apiConnector.update({ where: { id: connector.id }, data: { pullPageSize: 5 } });
    const { run, suppliers } = await pullSuppliers(scope, connector.id);
    expect(run).toMatchObject({ status: "SUCCESS" });
    const pages = odoo.requests.filter((r) => r.path === "/json/2/res.partner/search_read" && (r.json as { domain: unknown[][] }).domain[0]![0] === "supplier_rank");
    expect(pages.map((r) => [(r.json as { offset: number }).offset, (r.json as { limit: number }).limit])).toEqual([[0, 5], [5, 5], [10, 5]]);
    expect(suppliers.map((s) => s.externalId)).toContain("42");
    expect(suppliers.some((s) => s.razonSocial === "Cliente SA")).toBe(false);
    expect(suppliers.length).toBeGreaterThanOrEqual(13);
  });
});
