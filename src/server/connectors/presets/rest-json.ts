/** A generic REST JSON target: one POST per document with a plain mapping; the user adapts it afterwards. */
import type { ConnectorPreset } from "./types";

export const restJson: ConnectorPreset = {
  key: "rest-json",
  name: "REST JSON genérico",
  description: "Cualquier API que reciba un JSON por comprobante (token Bearer). Después podés ajustar el mapeo y agregar una regla de éxito.",
  verification: "documentation",
  facts: [{ fact: "Envía un POST por comprobante con el JSON del mapeo; cualquier 2xx es éxito salvo que definas una regla", source: "docs", confidence: "alta" }],
  credentials: [
    { target: "baseUrl", label: "URL base de la API", secret: false, required: true },
    { target: "secret", label: "Token (Bearer)", secret: true, required: true },
  ],
  parameters: [],
  connector: {
    direction: "PUSH",
    authType: "BEARER",
    pushPath: "/comprobantes",
    pushMapping: JSON.stringify({
      documentoId: "documentoId",
      tipo: "tipo",
      letra: "letra",
      numero: "numero",
      fecha: "fecha",
      proveedor: { cuit: "proveedor.cuit", razonSocial: "proveedor.razonSocial", id: "proveedor.externalId" },
      neto: "neto",
      iva: "iva",
      ivaDetalle: "ivaDetalle",
      percepcionesIva: "percepcionesIva",
      percepcionesIibb: "percepcionesIibb",
      total: "total",
      moneda: "moneda",
      cotizacion: "cotizacion",
      cae: "cae",
    }),
    pushResponseIdPath: "id",
  },
};
