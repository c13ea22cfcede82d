/**
 * Colppy: every call is a JSON-RPC POST to one endpoint with the developer's credentials
 * (`auth`, MD5 password, from the secret store) and the user's session key from the login step;
 * errors come as HTTP 200 with `response.success: false`.
 */
import { CREDIT_NOTE_CODES, DEBIT_NOTE_CODES, perRate, type ConnectorPreset } from "./types";

/** The request envelope around `parameters` (a JSONata object constructor). */
function envelope(provision: string, operacion: string, parameters: string, session = true) {
  const sesion = session ? `{ "sesion": { "usuario": $username, "claveSesion": $session } }, ` : "";
  return `{
  "auth": { "usuario": $params.devUsuario, "password": $md5($secrets.devPassword) },
  "service": { "provision": "${provision}", "operacion": "${operacion}" },
  "parameters": $merge([${sesion}${parameters}])
}`;
}

const cuitWithDashes = `$substring(proveedor.cuitDigitos, 0, 2) & "-" & $substring(proveedor.cuitDigitos, 2, 8) & "-" & $substring(proveedor.cuitDigitos, 10, 1)`;

const mapping = `(
  $unsupported := tipoCodigo in ${CREDIT_NOTE_CODES} or tipoCodigo in ${DEBIT_NOTE_CODES}
    ? $error("Colppy: el código de tipo de comprobante para notas de crédito y débito no está documentado; cargala a mano en Colppy.")
    : moneda != "ARS" ? $error("Colppy: este preset exporta solo comprobantes en pesos.")
    : $count(ivaDetalle[rate = 2.5 or rate = 5]) > 0 ? $error("Colppy: no hay campos documentados para IVA 2,5 % y 5 %.") : false;
  $d := $substring(fecha, 8, 2) & "-" & $substring(fecha, 5, 2) & "-" & $substring(fecha, 0, 4);
  $ivaAl := function($r) { $sum([ivaDetalle[rate = $r].amount]) };
  ${envelope(
    "FacturaCompra",
    "alta_facturacompra",
    `{
    "idEmpresa": $params.idEmpresa,
    "idProveedor": proveedor.externalId,
    "idTipoFactura": letra,
    "idTipoComprobante": "1",
    "nroFactura1": $pad($string(puntoVenta), -4, "0"),
    "nroFactura2": $pad($string(numeroComprobante), -8, "0"),
    "fechaFactura": $d,
    "fechaFacturaDoc": $d,
    "fechaPago": $d,
    "descripcion": $substring((cae ? "CAE " & cae & " · " : "") & "Contaflow " & documentoId, 0, 100),
    "idCondicionPago": $params.idCondicionPago,
    "idEstadoFactura": "Borrador",
    "idMoneda": "1",
    "valorCambio": 1,
    "netoGravado": neto,
    "netoNoGravado": noGravado ? noGravado : 0,
    "IVA21": $ivaAl(21),
    "IVA105": $ivaAl(10.5),
    "IVA27": $ivaAl(27),
    "totalIVA": iva,
    "percepcionIVA": percepcionesIva ? percepcionesIva : 0,
    "percepcionIIBB": percepcionesIibbTotal ? percepcionesIibbTotal : 0,
    "totalFactura": total,
    "itemsFactura": ${perRate(`{ "Descripcion": "Neto gravado IVA " & $l.rate & "%", "Cantidad": 1, "ImporteUnitario": $l.base, "IVA": $string($l.rate), "idPlanCuenta": $params.idPlanCuenta }`)}
  }`,
  )}
)`;

export const colppy: ConnectorPreset = {
  key: "colppy",
  name: "Colppy",
  description: "Facturas de compra en Colppy (JSON-RPC). Pide el usuario y la clave de desarrollador, el usuario y la clave de Colppy, la empresa, la condición de pago y la cuenta.",
  verification: "documentation",
  facts: [
    { fact: "Un solo endpoint JSON-RPC con auth de desarrollador (MD5) y clave de sesión", source: "docs", confidence: "media" },
    { fact: "Inicio de sesión Usuario/iniciar_sesion (otra fuente dice iniciar_colppy)", source: "docs", confidence: "media" },
    { fact: "FacturaCompra/alta_facturacompra y sus campos (itemsFactura, fechas DD-MM-AAAA)", source: "docs", confidence: "media" },
    { fact: "Errores con HTTP 200 y response.success = false", source: "docs", confidence: "media" },
    { fact: "Proveedores: Proveedor/listar_proveedor con start/limit y filtro por CUIT con guiones", source: "docs", confidence: "media" },
    { fact: "Nombres de campos del listado de proveedores (idProveedor, RazonSocial, CUIT)", source: "docs", confidence: "baja" },
    { fact: "Id de la factura creada en response.data.idFactura", source: "docs", confidence: "baja" },
  ],
  credentials: [
    { target: "extra:devPassword", label: "Clave de desarrollador (portal de desarrolladores de Colppy)", secret: true, required: true },
    { target: "username", label: "Usuario de Colppy (e-mail)", secret: false, required: true },
    { target: "secret", label: "Clave de Colppy", secret: true, required: true },
  ],
  parameters: [
    { key: "devUsuario", label: "Usuario de desarrollador", kind: "text", required: true },
    { key: "idEmpresa", label: "Id de empresa en Colppy", kind: "id", required: true },
    { key: "idCondicionPago", label: "Condición de pago (ej.: Contado, a 30 Dias)", kind: "text", required: true, default: "Contado" },
    { key: "idPlanCuenta", label: "Cuenta de compras (nombre o id del plan de cuentas)", kind: "text", required: true },
  ],
  connector: {
    direction: "BIDIRECTIONAL",
    baseUrl: "https://login.colppy.com/lib/frontera2/service.php",
    authType: "NONE",
    concurrency: 1,
    pushPath: "",
    pushMapping: mapping,
    pushResponseIdPath: "response.data.idFactura",
    pushSuccessPath: "response.success = true",
    pushErrorPath: "response.message",
    loginStep: {
      request: {
        method: "POST",
        path: "",
        body: envelope("Usuario", "iniciar_sesion", `{ "usuario": $username, "password": $md5($secrets.password) }`, false),
        successPath: "response.success = true",
        errorPath: "response.message",
      },
      tokenPath: "response.data.claveSesion",
    },
    supplierResolution: {
      lookup: {
        method: "POST",
        path: "",
        body: envelope("Proveedor", "listar_proveedor", `{ "idEmpresa": $params.idEmpresa, "start": 0, "limit": 10, "filter": [{ "field": "CUIT", "op": "=", "value": ${cuitWithDashes} }] }`),
        successPath: "response.success = true",
        errorPath: "response.message",
        idPath: `response.data[$replace($string(CUIT), /[^0-9]/, "") = $doc.proveedor.cuitDigitos][0].idProveedor`,
      },
    },
    pull: {
      method: "POST",
      path: "",
      body: envelope("Proveedor", "listar_proveedor", `{ "idEmpresa": $params.idEmpresa, "start": offset, "limit": size }`),
      pagination: "OFFSET",
      pageSize: 100,
      recordPath: "response.data",
      idField: "idProveedor",
      mapping: JSON.stringify({ cuit: "CUIT", razonSocial: "RazonSocial", email: "Email" }),
    },
  },
};
