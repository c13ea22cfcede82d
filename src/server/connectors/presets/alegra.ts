/** Alegra (Argentina): Basic email:token, POST /bills, suppliers are contacts of type provider. */
import type { ConnectorPreset } from "./types";

/** The JSON-object form (field → expression), so the visual mapper shows it row by row after creation. */
const mapping = JSON.stringify(
  {
    date: "fecha",
    dueDate: "fecha",
    numberTemplate: { number: `(letra ? letra & "-" : "") & numero` },
    provider: { id: "$number(proveedor.externalId)" },
    purchases: {
      categories: `$reduce(ivaDetalle, function($a, $l) { $append($a, [{ "id": $number($params.categoriaId), "price": $l.base, "quantity": 1, "observations": "IVA " & $l.rate & "%", "tax": $lookup($params.impuestoPorAlicuota, $string($l.rate)) ? [{ "id": $number($lookup($params.impuestoPorAlicuota, $string($l.rate))) }] : [] }]) }, [])`,
    },
    observations: `(cae ? "CAE " & cae & " · " : "") & "Contaflow " & documentoId`,
  },
  null,
  2,
);

export const alegra: ConnectorPreset = {
  key: "alegra",
  name: "Alegra",
  description: "Facturas de proveedor (bills) en Alegra Argentina. Pide el e-mail y el token de la API, la categoría contable y el impuesto por alícuota.",
  verification: "documentation",
  facts: [
    { fact: "Autenticación Basic con e-mail y token", source: "docs", confidence: "alta" },
    { fact: "POST /bills con provider.id y purchases.categories", source: "docs", confidence: "media" },
    { fact: "Proveedores: GET /contacts?type=provider, paginado start/limit (máx. 30)", source: "docs", confidence: "media" },
    { fact: "Formato de numberTemplate.number para comprobantes argentinos", source: "docs", confidence: "baja" },
    { fact: "Búsqueda de proveedor por identification y alta de contacto", source: "docs", confidence: "baja" },
    { fact: "Duplicados: GET /bills?numberTemplate.number=…", source: "docs", confidence: "baja" },
  ],
  credentials: [
    { target: "username", label: "E-mail de la cuenta de Alegra", secret: false, required: true },
    { target: "secret", label: "Token de la API", help: "Alegra → Configuración → API - Integraciones", secret: true, required: true },
  ],
  totalFromIvaLines: { perRateParameter: "impuestoPorAlicuota", creditNotes: false },
  parameters: [
    { key: "categoriaId", label: "Categoría contable (cuenta de compras)", kind: "id", required: true, options: { path: "/categories", value: "id", label: "name" } },
    { key: "impuestoPorAlicuota", label: "Impuesto de Alegra por alícuota de IVA", kind: "perRate", required: true, options: { path: "/taxes", value: "id", label: "name & ' (' & percentage & '%)'" } },
  ],
  connector: {
    direction: "BIDIRECTIONAL",
    baseUrl: "https://api.alegra.com/api/v1",
    authType: "BASIC",
    healthPath: "/taxes",
    concurrency: 1,
    pushPath: "/bills",
    pushMapping: mapping,
    pushResponseIdPath: "id",
    // The created bill comes back with its id; a 2xx without one (a gateway's or a limit's error body) is no export.
    pushSuccessPath: "$exists(id)",
    pushErrorPath: "message",
    supplierResolution: {
      lookup: { method: "GET", path: "/contacts", query: `{ "type": "provider", "identification": proveedor.cuitDigitos }`,
        idPath: `$[$replace($string(identificationObject.number ? identificationObject.number : identification), /[^0-9]/, "") = $doc.proveedor.cuitDigitos][0].id`,
      },
      create: {
        method: "POST",
        path: "/contacts",
        body: `{ "name": proveedor.razonSocial, "identificationObject": { "type": "CUIT", "number": proveedor.cuitDigitos }, "type": ["provider"] }`,
        idPath: "id",
        errorPath: "message",
      },
    },
    duplicateCheck: {
      method: "GET",
      path: "/bills",
      query: `{ "numberTemplate.number": (letra ? letra & "-" : "") & numero }`,
      idPath: `$[numberTemplate.number = ($doc.letra ? $doc.letra & "-" : "") & $doc.numero and $string(provider.id) = $doc.proveedor.externalId][0].id`,
    },
    pull: {
      method: "GET",
      path: "/contacts?type=provider",
      pagination: "OFFSET",
      pageSize: 30,
      pageParam: "start",
      sizeParam: "limit",
      idField: "id",
      mapping: JSON.stringify({ cuit: "identificationObject.number ? identificationObject.number : identification", razonSocial: "name", email: "email" }),
    },
  },
};
