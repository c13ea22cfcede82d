/**
 * «CSV / Libro IVA Compras»: one row per comprobante, in the column order of a Libro IVA Compras
 * sheet, posted as `{ "values": [[…]] }` (the Google Sheets append shape) to a relay the user
 * controls (Apps Script web app, n8n, Make). Contaflow does not follow redirects, so the relay
 * must answer the POST itself.
 */
import type { ConnectorPreset } from "./types";

export const csvLibro: ConnectorPreset = {
  key: "csv-libro",
  name: "CSV / Libro IVA Compras",
  description: "Una fila por comprobante con las columnas del Libro IVA Compras, enviada a una planilla o a un flujo (Apps Script, n8n) que la agrega.",
  verification: "documentation",
  facts: [
    { fact: "Cuerpo { values: [[…]] } como el append de Google Sheets", source: "docs", confidence: "alta" },
    { fact: "Apps Script suele responder con una redirección, que Contaflow no sigue: usá un relay que responda directo", source: "docs", confidence: "baja" },
  ],
  credentials: [
    { target: "baseUrl", label: "URL del relay (Apps Script, n8n…)", secret: false, required: true },
    { target: "secret", label: "Token (Bearer) del relay", secret: true, required: false },
  ],
  parameters: [],
  connector: {
    direction: "PUSH",
    authType: "NONE",
    pushPath: "",
    pushMapping: `{ "values": [[fecha, tipo, numero, proveedor.cuit, proveedor.razonSocial, neto, noGravado ? noGravado : 0, exento ? exento : 0, iva, percepcionesIva ? percepcionesIva : 0, percepcionesIibbTotal ? percepcionesIibbTotal : 0, otrosTributos ? otrosTributos : 0, total, moneda, cotizacion ? cotizacion : 1, cae ? cae : ""]] }`,
    pushResponseIdPath: "$string(updates.updatedRange)",
  },
};
