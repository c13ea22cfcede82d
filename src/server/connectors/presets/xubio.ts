/** Xubio (Visma): OAuth2 client credentials, POST /comprobanteCompraBean, suppliers at /ProveedorBean. */
import { CREDIT_NOTE_CODES, DEBIT_NOTE_CODES, perRate, type ConnectorPreset } from "./types";

const mapping = `(
  $pv := $pad($string(puntoVenta), -5, "0");
  $nro := $pad($string(numeroComprobante), -8, "0");
  {
    "tipo": tipoCodigo in ${CREDIT_NOTE_CODES} ? 3 : tipoCodigo in ${DEBIT_NOTE_CODES} ? 2 : 1,
    "numeroDocumento": letra & "-" & $pv & "-" & $nro,
    "puntoVenta": $pv,
    "fecha": fecha,
    "fechaComprobante": fecha,
    "fechaVto": fecha,
    "cotizacion": cotizacion ? cotizacion : 1,
    "cotizacionListaDePrecio": 1,
    "importeGravado": neto,
    "importeImpuestos": iva,
    "importetotal": total,
    "importeMonPrincipal": total,
    "externalId": documentoId,
    "nombre": proveedor.razonSocial,
    "descripcion": (cae ? "CAE " & cae & " · " : "") & "Contaflow " & documentoId,
    "condicionDePago": $number($params.condicionDePago),
    "proveedor": { "ID": $number(proveedor.externalId), "id": $number(proveedor.externalId) },
    "deposito": { "ID": $number($params.depositoId), "id": $number($params.depositoId) },
    "provincia": { "ID": $number($params.provinciaId), "id": $number($params.provinciaId) },
    "transaccionProductoItems": ${perRate(`{
      "producto": { "ID": $number($lookup($params.productoPorAlicuota, $string($l.rate))), "id": $number($lookup($params.productoPorAlicuota, $string($l.rate))) },
      "centroDeCosto": { "ID": $number($params.centroDeCostoId), "id": $number($params.centroDeCostoId) },
      "descripcion": "Neto gravado IVA " & $l.rate & "%",
      "cantidad": 1,
      "precio": $l.base,
      "importe": $l.base,
      "iva": $l.amount,
      "total": $l.base + $l.amount,
      "montoExento": 0,
      "porcentajeDescuento": 0
    }`)},
    "transaccionPercepcionItems": [],
    "transaccionOrdenPagoItems": []
  }
)`;

export const xubio: ConnectorPreset = {
  key: "xubio",
  name: "Xubio",
  description: "Comprobantes de compra en Xubio (plan PLUS o superior). Pide el client ID y el secret ID de la API, un producto de compra por alícuota y el depósito, la provincia y el centro de costo.",
  verification: "documentation",
  facts: [
    { fact: "OAuth2 client credentials en /TokenEndpoint con Basic", source: "docs", confidence: "alta" },
    { fact: "POST /comprobanteCompraBean y sus campos requeridos (swagger)", source: "docs", confidence: "alta" },
    { fact: "numeroDocumento «A-00011-00008239» y puntoVenta de 5 dígitos", source: "recorded", confidence: "media" },
    { fact: "Búsqueda GET /ProveedorBean?numeroIdentificacion= (formato del CUIT sin verificar)", source: "docs", confidence: "alta" },
    { fact: "Alta de proveedor POST /ProveedorBean (identificacionTributaria 9 = CUIT)", source: "docs", confidence: "media" },
    { fact: "El id de la respuesta está en transaccionid", source: "docs", confidence: "baja" },
    { fact: "La alícuota de IVA sale del producto de compra", source: "docs", confidence: "baja" },
  ],
  credentials: [
    { target: "oauthClientId", label: "Client ID", help: "Xubio → Configuración → Integraciones → API de Xubio", secret: false, required: true },
    { target: "secret", label: "Secret ID", secret: true, required: true },
  ],
  totalFromIvaLines: { perRateParameter: "productoPorAlicuota", creditNotes: true },
  parameters: [
    { key: "productoPorAlicuota", label: "Producto de compra por alícuota de IVA", kind: "perRate", required: true, options: { path: "/ProductoCompraBean", value: "productoid", label: "nombre" } },
    { key: "depositoId", label: "Depósito", kind: "id", required: true, default: "-2" },
    { key: "provinciaId", label: "Provincia", kind: "id", required: true, options: { path: "/provinciaBean", value: "provincia_id", label: "nombre" } },
    { key: "centroDeCostoId", label: "Centro de costo", kind: "id", required: true, options: { path: "/centroDeCostoBean", value: "ID", label: "nombre" } },
    { key: "condicionDePago", label: "Condición de pago (1 = cuenta corriente, 2 = contado)", kind: "text", required: true, default: "1" },
    { key: "categoriaFiscalId", label: "Categoría fiscal de proveedores nuevos (1 = RI, 4 = Monotributo)", kind: "text", required: true, default: "1" },
  ],
  connector: {
    direction: "BIDIRECTIONAL",
    baseUrl: "https://xubio.com/API/1.1",
    authType: "OAUTH2_CLIENT_CREDENTIALS",
    oauthTokenUrl: "https://xubio.com:443/API/1.1/TokenEndpoint",
    oauthClientAuth: "CLIENT_SECRET_BASIC",
    healthPath: "/ProveedorBean",
    concurrency: 1,
    pushPath: "/comprobanteCompraBean",
    pushMapping: mapping,
    pushResponseIdPath: "transaccionid",
    pushErrorPath: "$exists(description) ? description : message",
    supplierResolution: {
      lookup: {
        method: "GET",
        path: "/ProveedorBean",
        query: `{ "numeroIdentificacion": proveedor.cuitDigitos }`,
        idPath: `$[$replace($string(cuit), /[^0-9]/, "") = $doc.proveedor.cuitDigitos][0].proveedorid`,
      },
      create: {
        method: "POST",
        path: "/ProveedorBean",
        body: `{ "razonSocial": proveedor.razonSocial, "nombre": proveedor.razonSocial, "cuit": proveedor.cuitDigitos, "identificacionTributaria": { "ID": 9, "id": 9 }, "categoriaFiscal": { "ID": $number($params.categoriaFiscalId), "id": $number($params.categoriaFiscalId) }, "provincia": { "ID": $number($params.provinciaId), "id": $number($params.provinciaId) } }`,
        idPath: "proveedorid",
      },
    },
    pull: {
      method: "GET",
      path: "/ProveedorBean",
      pagination: "NONE",
      idField: "proveedorid",
      mapping: JSON.stringify({ cuit: "cuit", razonSocial: "razonSocial", email: "email" }),
    },
  },
};
