/** Odoo 19+ with l10n_ar through the External JSON-2 API: bearer API key, POST /json/2/<model>/<method>. */
import { CREDIT_NOTE_CODES, type ConnectorPreset } from "./types";

const mapping = `{
  "vals_list": [{
    "move_type": tipoCodigo in ${CREDIT_NOTE_CODES} ? "in_refund" : "in_invoice",
    "partner_id": $number(proveedor.externalId),
    "invoice_date": fecha,
    "l10n_latam_document_type_id": $number($lookup($params.tipoDocumentoPorCodigo, $string(tipoCodigo))),
    "l10n_latam_document_number": $pad($string(puntoVenta), -5, "0") & "-" & $pad($string(numeroComprobante), -8, "0"),
    "currency_id": $number($params.monedaId),
    "ref": (cae ? "CAE " & cae & " · " : "") & "Contaflow " & documentoId,
    "invoice_line_ids": $reduce(ivaDetalle, function($a, $l) { $append($a, [[0, 0, {
      "name": "Neto gravado IVA " & $l.rate & "%",
      "quantity": 1,
      "price_unit": $l.base,
      "account_id": $number($params.cuentaId),
      "tax_ids": [[6, 0, [$number($lookup($params.impuestoPorAlicuota, $string($l.rate)))]]]
    }]]) }, [])
  }]
}`;

export const odoo: ConnectorPreset = {
  key: "odoo",
  name: "Odoo 19+ (l10n_ar)",
  description: "Facturas de proveedor (account.move) en Odoo 19 o posterior con la localización argentina, por la API JSON-2 (plan Custom en Odoo Online). Pide la URL, la base, la API key y los ids de tipo de documento, impuestos, cuenta y moneda.",
  verification: "documentation",
  facts: [
    { fact: "POST /json/2/<modelo>/<método> con Authorization bearer y X-Odoo-Database", source: "docs", confidence: "alta" },
    { fact: "create recibe vals_list y devuelve la lista de ids", source: "docs", confidence: "media" },
    { fact: "Reglas l10n_ar: número PPPPP-NNNNNNNN, un IVA por línea, in_refund para notas de crédito", source: "docs", confidence: "alta" },
    { fact: "Proveedores: res.partner/search_read por vat (POST)", source: "docs", confidence: "alta" },
    { fact: "Duplicados: Odoo los rechaza recién al validar; se busca antes por número", source: "docs", confidence: "media" },
  ],
  credentials: [
    { target: "baseUrl", label: "URL de Odoo (https://miempresa.odoo.com)", secret: false, required: true },
    { target: "header:X-Odoo-Database", label: "Base de datos", secret: false, required: false },
    { target: "secret", label: "API key del usuario", help: "Odoo → Preferencias → Seguridad de la cuenta → Nueva API key", secret: true, required: true },
  ],
  // Odoo's reads are POSTs to search_read: the lists come from there.
  totalFromIvaLines: { perRateParameter: "impuestoPorAlicuota", creditNotes: true },
  parameters: [
    {
      key: "tipoDocumentoPorCodigo",
      label: "Tipo de documento de Odoo por código AFIP (1 = Factura A, 6 = Factura B, …)",
      kind: "perCode",
      required: true,
      options: { method: "POST", path: "/json/2/l10n_latam.document.type/search_read", body: { domain: [["country_id.code", "=", "AR"]], fields: ["id", "code", "name"], order: "code" }, value: "id", label: `code & " · " & name` },
    },
    {
      key: "impuestoPorAlicuota",
      label: "Impuesto de compras por alícuota de IVA",
      kind: "perRate",
      required: true,
      options: { method: "POST", path: "/json/2/account.tax/search_read", body: { domain: [["type_tax_use", "=", "purchase"]], fields: ["id", "name", "amount"] }, value: "id", label: "name" },
    },
    { key: "cuentaId", label: "Cuenta contable de compras", kind: "id", required: true, options: { method: "POST", path: "/json/2/account.account/search_read", body: { domain: [], fields: ["id", "code", "name"], order: "code" }, value: "id", label: `code & " " & name` } },
    { key: "monedaId", label: "Moneda (id de res.currency, ARS)", kind: "id", required: true, options: { method: "POST", path: "/json/2/res.currency/search_read", body: { domain: [["active", "=", true]], fields: ["id", "name"] }, value: "id", label: "name" } },
  ],
  connector: {
    direction: "BIDIRECTIONAL",
    authType: "BEARER",
    concurrency: 1,
    pushPath: "/json/2/account.move/create",
    pushMapping: mapping,
    pushResponseIdPath: "$[0]",
    // create answers the list of new ids; anything else in a 2xx (the JSON-RPC `error` object of the
    // legacy endpoint, a proxy's page) is a refusal with Odoo's own message.
    pushSuccessPath: `$type($) = "array"`,
    pushErrorPath: "$exists(error) ? (error.data.message ? error.data.message : error.message) : message",
    supplierResolution: {
      lookup: { method: "POST", path: "/json/2/res.partner/search_read", body: `{ "domain": [["vat", "=", proveedor.cuitDigitos]], "fields": ["id", "name", "vat"], "limit": 1 }`, idPath: "$[0].id", errorPath: "message" },
      create: { method: "POST", path: "/json/2/res.partner/create", body: `{ "vals_list": [{ "name": proveedor.razonSocial, "vat": proveedor.cuitDigitos, "supplier_rank": 1 }] }`, idPath: "$[0]", errorPath: "message" },
    },
    duplicateCheck: {
      method: "POST",
      path: "/json/2/account.move/search_read",
      body: `{ "domain": [["move_type", "in", ["in_invoice", "in_refund"]], ["partner_id", "=", $number(proveedor.externalId)], ["l10n_latam_document_number", "=", $pad($string(puntoVenta), -5, "0") & "-" & $pad($string(numeroComprobante), -8, "0")]], "fields": ["id", "l10n_latam_document_number"], "limit": 1 }`,
      idPath: `$[l10n_latam_document_number = $pad($string($doc.puntoVenta), -5, "0") & "-" & $pad($string($doc.numeroComprobante), -8, "0")][0].id`,
      errorPath: "message",
    },
    pull: {
      method: "POST",
      path: "/json/2/res.partner/search_read",
      body: `{ "domain": [["supplier_rank", ">", 0]], "fields": ["id", "name", "vat", "email"], "offset": offset, "limit": size, "order": "id" }`,
      pagination: "OFFSET",
      pageSize: 100,
      idField: "id",
      mapping: JSON.stringify({ cuit: "vat", razonSocial: "name", email: "$type(email) = 'string' ? email : null" }),
    },
  },
};
