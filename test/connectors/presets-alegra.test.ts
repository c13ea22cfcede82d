/**
 * The Alegra preset against the fake Alegra (test/support/fake-erps/alegra.ts, from the brief §5):
 * created from the gallery with ids picked from lists fetched from the ERP, a bill with the
 * documented body, the supplier found by CUIT or created as a provider contact, the external id
 * recorded, the ERP's own message on a refusal, the duplicate check, and PULL with offset paging.
 */
import { engineReady } from "../exports/support/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { addMember, callerFor, createConnectorRow, createTenantWith, createUser } from "../support/factories";
import { createConnectorFromPreset } from "@/server/connectors/presets/create";
import { presetOptions } from "@/server/connectors/presets/options";
import { updatePresetParameters } from "@/server/connectors/presets/update-parameters";
import { startFakeAlegra, type FakeAlegra } from "../support/fake-erps/alegra";
import { cuitFrom, documentsFrom, exportDocs, presetTenant, pullSuppliers, type Scope } from "./support/presets";

let engine: Awaited<typeof engineReady>;
let alegra: FakeAlegra;
let scope: Scope;
const known = cuitFrom("3070000001");
const unknown = cuitFrom("3071111111");

beforeAll(async () => {
  engine = await engineReady;
  scope = await presetTenant();
  const many = Array.from({ length: 34 }, (_, i) => ({ id: 100 + i, name: `Proveedor ${i}`, identificationObject: { type: "CUIT", number: cuitFrom(String(3050000000 + i * 1000)) }, email: `p${i}@example.com`, type: ["provider"] }));
  alegra = await startFakeAlegra({ email: "ana@estudio.com.ar", token: "tok-alegra-123456", contacts: [{ id: 77, name: "Insumos del Sur SA", identificationObject: { type: "CUIT", number: known }, type: ["provider"] }, ...many, { id: 500, name: "Cliente SA", identificationObject: { type: "CUIT", number: cuitFrom("3060000000") }, type: ["client"] }] });
}, 60_000);
afterAll(async () => {
  await alegra?.close();
  await engine?.stop();
});

async function alegraConnector(name: string) {
  scope = await presetTenant(); // the free plan allows 2 connectors per tenant
  // The preset's URL is the real Alegra; the test overrides it with the fake one (as for a staging host).
  const credentials = { baseUrl: alegra.baseUrl, username: "ana@estudio.com.ar", secret: "tok-alegra-123456" };
  // The ids come from the ERP's own lists, as the gallery offers them.
  const categories = await presetOptions(scope, { presetKey: "alegra", parameterKey: "categoriaId", credentials: { ...credentials } });
  const taxes = await presetOptions(scope, { presetKey: "alegra", parameterKey: "impuestoPorAlicuota", credentials: { ...credentials } });
  expect(categories).toEqual([{ value: "5064", label: "Compras de mercadería" }, { value: "5080", label: "Servicios contratados" }]);
  expect(taxes.map((t) => t.label)).toEqual(["IVA 21% (21%)", "IVA 10.5% (10.5%)", "IVA 27% (27%)"]);
  const connector = await createConnectorFromPreset(scope, {
    presetKey: "alegra",
    name,
    credentials,
    parameters: { categoriaId: categories[0]!.value, impuestoPorAlicuota: { "21": taxes[0]!.value, "10.5": taxes[1]!.value } },
  });
  return connector;
}

describe("Alegra preset", () => {
  it("creates bills with the documented body, finding or creating the provider, and records the bill id", { timeout: 60_000 }, async () => {
    const connector = await alegraConnector("Alegra");
    expect(connector).toMatchObject({ presetKey: "alegra", authType: "BASIC", username: "ana@estudio.com.ar", hasSecret: true, pushPath: "/bills" });
    const [a, b] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }, { cuit: unknown, razonSocial: "Nuevo Proveedor SRL" }], { firstNumber: 8239, twoRates: true });
    const { run, byDoc } = await exportDocs(scope, connector.id, [a!, b!]);
    expect(run).toMatchObject({ status: "COMPLETED", success: 2 });

    expect(alegra.bills).toHaveLength(2);
    const billOf = (n: string) => alegra.bills.find((x) => (x.body.numberTemplate as { number: string }).number === n)!;
    const first = billOf("A-0011-00008239").body;
    expect(first.date).toBe("2026-11-20");
    expect(first.dueDate).toBe("2026-11-20");
    expect(first.numberTemplate).toEqual({ number: "A-0011-00008239" });
    expect(first.provider).toEqual({ id: 77 });
    expect(first.purchases).toEqual({
      categories: [
        { id: 5064, price: 1000, quantity: 1, observations: "IVA 21%", tax: [{ id: 3 }] },
        { id: 5064, price: 500, quantity: 1, observations: "IVA 10.5%", tax: [{ id: 4 }] },
      ],
    });
    expect(first.observations).toBe(`CAE 74123456789012 · Contaflow ${a}`);

    // The unknown CUIT was looked up (nothing), then created as a provider contact.
    const created = alegra.contacts.find((c) => c.identificationObject.number === unknown)!;
    expect(created).toMatchObject({ name: "Nuevo Proveedor SRL", type: ["provider"], identificationObject: { type: "CUIT", number: unknown } });
    expect(billOf("A-0011-00008240").body.provider).toEqual({ id: created.id });

    expect(byDoc.get(a!)!.externalId).toBe(String(billOf("A-0011-00008239").id));
    const doc = await db().document.findUniqueOrThrow({ where: { id: b! } });
    expect(doc.externalSystemId).toBe(String(billOf("A-0011-00008240").id));
    const logs = await db().connectorExportLog.findMany({ where: { runId: run.id } });
    expect(logs.every((l) => !l.requestExcerpt?.includes("tok-alegra-123456"))).toBe(true);
    // The steps' calls are in the log: lookups, the provider's creation, duplicate checks, then the bills.
    const forB = logs.filter((l) => l.documentId === b).map((l) => `${l.method} ${new URL(l.url).pathname}`);
    expect(forB).toEqual(expect.arrayContaining(["GET /api/v1/contacts", "POST /api/v1/contacts", "GET /api/v1/bills", "POST /api/v1/bills"]));
    expect(logs.filter((l) => l.idempotencyKey !== null)).toHaveLength(2);
  });

  it("records the ERP's refusal (a 400, or a 200 without a bill) as FAILED with Alegra's message, and skips a bill that is already there", { timeout: 60_000 }, async () => {
    const connector = await alegraConnector("Alegra 2");
    // A category Alegra refuses: the 400's message is the reason.
    await db().apiConnector.update({ where: { id: connector.id }, data: { parameters: { categoriaId: "1", impuestoPorAlicuota: { "21": "3" } } } });
    const [refused] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 9001 });
    const out = await exportDocs(scope, connector.id, [refused!]);
    expect(out.byDoc.get(refused!)).toMatchObject({ status: "FAILED", httpStatus: 400 });
    expect(out.byDoc.get(refused!)!.error).toContain("La categoría no es válida");

    // Already in Alegra with this number and provider: no second bill, its id is recorded.
    const before = alegra.bills.length;
    alegra.bills.push({ id: 4242, body: { numberTemplate: { number: "A-0011-00009100" }, provider: { id: 77 } } });
    await db().apiConnector.update({ where: { id: connector.id }, data: { parameters: { categoriaId: "5064", impuestoPorAlicuota: { "21": "3" } } } });
    const [dup] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 9100 });
    const again = await exportDocs(scope, connector.id, [dup!]);
    expect(again.byDoc.get(dup!)).toMatchObject({ status: "SUCCESS", externalId: "4242" });
    expect(alegra.bills).toHaveLength(before + 1);
    expect(alegra.requests.filter((r) => r.method === "POST" && r.path.endsWith("/bills"))).toHaveLength(3);

    // A 200 whose body is an error (no bill id): FAILED with Alegra's message, nothing recorded as exported.
    alegra.errorIn200 = "Alcanzaste el límite de documentos de tu plan";
    try {
      const [limited] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 9200 });
      const out200 = await exportDocs(scope, connector.id, [limited!]);
      expect(out200.byDoc.get(limited!)).toMatchObject({ status: "FAILED", httpStatus: 200, externalId: null });
      expect(out200.byDoc.get(limited!)!.error).toBe("El sistema externo rechazó el pedido (respondió 200 sin «$exists(id)»): Alcanzaste el límite de documentos de tu plan");
      expect((await db().document.findUniqueOrThrow({ where: { id: limited! } })).externalSystemId).toBeNull();
    } finally {
      alegra.errorIn200 = null;
    }
  });

  it("PULL reads providers with offset paging (start/limit ≤ 30), not clients", { timeout: 60_000 }, async () => {
    const connector = await alegraConnector("Alegra PULL");
    const { run, suppliers } = await pullSuppliers(scope, connector.id);
    expect(run).toMatchObject({ status: "SUCCESS" });
    const pages = alegra.requests.filter((r) => r.method === "GET" && r.path.endsWith("/contacts") && !r.query.get("identification"));
    expect(pages.map((r) => [r.query.get("type"), r.query.get("start"), r.query.get("limit")])).toEqual([["provider", "0", "30"], ["provider", "30", "30"]]);
    expect(suppliers.length).toBeGreaterThanOrEqual(35);
    expect(suppliers.find((s) => s.cuit === known)).toMatchObject({ externalId: "77", razonSocial: "Insumos del Sur SA" });
    expect(suppliers.some((s) => s.razonSocial === "Cliente SA")).toBe(false);
  });

  it("changes the account data after creation: checked as at creation (nothing saved on a problem), used by the next bill, only by the tenant's admins", { timeout: 60_000 }, async () => {
    const connector = await alegraConnector("Alegra cambio");
    const owner = await db().user.findUniqueOrThrow({ where: { id: scope.userId } });
    const caller = callerFor(owner, scope.tenantId);
    const refusal = (await caller.connectors.updateParameters({ id: connector.id, parameters: { categoriaId: "", impuestoPorAlicuota: { "21": "3", "19": "9" }, otro: "1" } }).catch((e: unknown) => e)) as { code: string; cause: AppError };
    expect(refusal.code).toBe("BAD_REQUEST");
    expect(refusal.cause.fieldErrors).toEqual({
      "parameters.categoriaId": ["Completá «Categoría contable (cuenta de compras)»."],
      "parameters.impuestoPorAlicuota": ["Alícuota desconocida: 19."],
      "parameters.otro": ["El preset Alegra no usa el parámetro «otro»."],
    });
    expect((await db().apiConnector.findUniqueOrThrow({ where: { id: connector.id } })).parameters).toEqual(connector.parameters);

    const changed = await caller.connectors.updateParameters({ id: connector.id, parameters: { categoriaId: " 5080 ", impuestoPorAlicuota: { "21": "3", "10.5": "", "27": "5" } } });
    expect(changed.parameters).toEqual({ categoriaId: "5080", impuestoPorAlicuota: { "21": "3", "27": "5" } });
    const [doc] = await documentsFrom(scope.tenantId, [{ cuit: known, razonSocial: "Insumos del Sur SA" }], { firstNumber: 9301 });
    const { run } = await exportDocs(scope, connector.id, [doc!]);
    expect(run).toMatchObject({ status: "COMPLETED", success: 1 });
    const bill = alegra.bills.find((x) => (x.body.numberTemplate as { number: string }).number === "A-0011-00009301")!;
    expect(bill.body.purchases).toEqual({ categories: [{ id: 5080, price: 1000, quantity: 1, observations: "IVA 21%", tax: [{ id: 3 }] }] });

    // Another organization's admin does not find it; a member who is not an admin may not change it.
    const stranger = await createUser();
    const strangerTenant = await createTenantWith(stranger);
    await expect(callerFor(stranger, strangerTenant.id).connectors.updateParameters({ id: connector.id, parameters: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { user: accountant } = await addMember(scope.tenantId, "ACCOUNTANT");
    await expect(callerFor(accountant, scope.tenantId).connectors.updateParameters({ id: connector.id, parameters: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A connector built by hand has no account data to change: said so, not silently accepted.
    const custom = await createConnectorRow(scope.tenantId, { name: "A mano" });
    await expect(caller.connectors.updateParameters({ id: custom.id, parameters: { categoriaId: "1" } })).rejects.toThrow("no se creó desde un sistema de la galería");
    expect((await db().apiConnector.findUniqueOrThrow({ where: { id: connector.id } })).parameters).toEqual({ categoriaId: "5080", impuestoPorAlicuota: { "21": "3", "27": "5" } });
  });

  it("refuses, before any call, a document whose total Alegra would not record — percepciones, a Factura C without IVA, a rate without its tax, dollars, a credit note — naming the amounts; a mapping the admin changed is theirs", { timeout: 60_000 }, async () => {
    const connector = await alegraConnector("Alegra totales");
    const supplier = { cuit: known, razonSocial: "Insumos del Sur SA" };
    const [withPerception, withoutIva, at27, inDollars, creditNote] = await documentsFrom(scope.tenantId, [supplier, supplier, supplier, supplier, supplier], { firstNumber: 9401 });
    await db().document.update({ where: { id: creditNote! }, data: { tipo: "NOTA_CREDITO_A", tipoCodigo: 3 } });
    await db().document.update({ where: { id: inDollars! }, data: { moneda: "DOL", cotizacion: 1050.5 } });
    await db().document.update({ where: { id: withPerception! }, data: { percepcionesIibb: [{ jurisdiccion: "901", amount: 36.3 }], total: 1246.3 } });
    await db().document.update({ where: { id: withoutIva! }, data: { tipo: "FACTURA_C", tipoCodigo: 11, iva: [], neto: 1210 } });
    await db().document.update({ where: { id: at27! }, data: { iva: [{ rate: 27, base: 1000, amount: 270 }], total: 1270 } });
    // A 0 % line without a tax id loses no IVA: it goes (here beside a 21 % line that has its tax).
    const [withZeroRate] = await documentsFrom(scope.tenantId, [supplier], { firstNumber: 9430 });
    await db().document.update({ where: { id: withZeroRate! }, data: { iva: [{ rate: 21, base: 1000, amount: 210 }, { rate: 0, base: 300, amount: 0 }], neto: 1300, total: 1510 } });
    const calls = alegra.requests.length;

    // /exportar shows the same reasons on the rows before anything is sent (the fine row has none).
    const [fine] = await documentsFrom(scope.tenantId, [supplier], { firstNumber: 9420 });
    const owner = await db().user.findUniqueOrThrow({ where: { id: scope.userId } });
    const fit = await callerFor(owner, scope.tenantId).exports.connectorFit({ connectorId: connector.id, documentIds: [withPerception!, withoutIva!, at27!, inDollars!, creditNote!, fine!] });
    expect(Object.keys(fit).sort()).toEqual([withPerception!, withoutIva!, at27!, inDollars!, creditNote!].sort());
    expect(await callerFor(owner, scope.tenantId).exports.connectorFit({ connectorId: connector.id, documentIds: [withZeroRate!] })).toEqual({});
    expect(fit[at27!]).toBe("la alícuota de IVA 27 % no tiene su id de Alegra en «Datos de tu cuenta» del conector, y sin él Alegra registraría la factura sin ese IVA. Completalo y volvé a exportar.");

    const refused = await exportDocs(scope, connector.id, [withPerception!, withoutIva!, at27!, inDollars!, creditNote!]);
    expect(refused.run).toMatchObject({ status: "FAILED", success: 0 });
    expect(alegra.requests).toHaveLength(calls); // not even the supplier lookup
    expect(refused.byDoc.get(withPerception!)).toMatchObject({ status: "FAILED", externalId: null });
    expect(refused.byDoc.get(withPerception!)!.error).toBe(
      "No se envió: Alegra registraría un total de $ 1.210,00 y el comprobante es de $ 1.246,30 (percepciones de IIBB $ 36,30). El mapeo de Alegra arma la factura solo con el neto gravado y el IVA de cada alícuota. Cargalo a mano en Alegra, o agregá esos importes al mapeo del conector.",
    );
    expect(refused.byDoc.get(withoutIva!)!.error).toContain("registraría un total de $ 0,00 y el comprobante es de $ 1.210,00 ($ 1.210,00 fuera del detalle de IVA)");
    expect(refused.byDoc.get(creditNote!)!.error).toBe("No se envió: es una nota de crédito y el mapeo de Alegra arma facturas de compra: Alegra la registraría como una factura más, sumando en vez de restar. Cargala a mano en Alegra.");
    expect(refused.byDoc.get(inDollars!)!.error).toBe("No se envió: el comprobante está en DOL, cotización 1.050,5 y el mapeo de Alegra está armado para comprobantes en pesos: Alegra registraría los importes como pesos. Cargalo a mano en Alegra, o agregá la moneda al mapeo del conector.");
    expect(refused.byDoc.get(at27!)!.error).toBe("No se envió: la alícuota de IVA 27 % no tiene su id de Alegra en «Datos de tu cuenta» del conector, y sin él Alegra registraría la factura sin ese IVA. Completalo y volvé a exportar.");

    // The 27 % tax added to the account data: that one goes, with its tax.
    await updatePresetParameters(scope, { id: connector.id, parameters: { categoriaId: "5064", impuestoPorAlicuota: { "21": "3", "10.5": "4", "27": "7" } } });
    const fixed = await exportDocs(scope, connector.id, [at27!]);
    expect(fixed.byDoc.get(at27!)).toMatchObject({ status: "SUCCESS" });
    expect(alegra.bills.at(-1)!.body.purchases).toEqual({ categories: [{ id: 5064, price: 1000, quantity: 1, observations: "IVA 27%", tax: [{ id: 7 }] }] });

    // A mapping the admin changed (here: the perception as one more line) is not second-guessed.
    const row = await db().apiConnector.findUniqueOrThrow({ where: { id: connector.id } });
    const mapping = JSON.parse(row.pushMapping) as { purchases: { categories: string } };
    mapping.purchases.categories = `$append(${mapping.purchases.categories}, percepcionesIibbTotal ? [{ "id": $number($params.categoriaId), "price": percepcionesIibbTotal, "quantity": 1, "observations": "Percepción IIBB" }] : [])`;
    await db().apiConnector.update({ where: { id: connector.id }, data: { pushMapping: JSON.stringify(mapping, null, 2) } });
    const edited = await exportDocs(scope, connector.id, [withPerception!]);
    expect(edited.byDoc.get(withPerception!)).toMatchObject({ status: "SUCCESS" });
    expect((alegra.bills.at(-1)!.body.purchases as { categories: { price: number }[] }).categories.map((c) => c.price)).toEqual([1000, 36.3]);
  });
});
