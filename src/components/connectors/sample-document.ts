/** A processed supplier invoice as the PUSH functions will hand it to a mapping: the preview's default. */
export const SAMPLE_DOCUMENT = {
  documentoId: "doc_123",
  tipo: "FACTURA_A",
  numero: "0001-00012345",
  fecha: "2026-11-20",
  moneda: "ARS",
  neto: 10331,
  iva: 2169.5,
  total: 12500.5,
  proveedor: { cuit: "30-71234567-8", razonSocial: "Insumos del Sur SA" },
  items: [
    { descripcion: "Resma A4", cantidad: 10, precio: 833.1 },
    { descripcion: "Tóner", cantidad: 1, precio: 2000 },
  ],
};
