import { tributosBreakdown, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import { isKnownComprobante, comprobanteByCode } from "./comprobantes";
import { isValidCuit } from "@/lib/cuit";

export type ValidationIssue = { field: InvoiceFieldName | null; severity: "error" | "warning"; message: string };

/** CUIT check digit, totals = neto + IVA + otros (rounding), dates, PV/number ranges, tipo known. */
export function validateInvoice(fields: InvoiceFields): { issues: ValidationIssue[]; needsReview: boolean } {
  const issues: ValidationIssue[] = [];
  const err = (field: InvoiceFieldName | null, message: string) => issues.push({ field, severity: "error", message });
  const warn = (field: InvoiceFieldName | null, message: string) => issues.push({ field, severity: "warning", message });

  if (fields.tipoCodigo == null) err("tipoCodigo", "Falta el tipo de comprobante");
  else if (!isKnownComprobante(fields.tipoCodigo)) warn("tipoCodigo", `Tipo de comprobante desconocido (código ${fields.tipoCodigo})`);
  else if (fields.tipo && fields.tipo !== comprobanteByCode(fields.tipoCodigo).tipo)
    warn("tipo", `El tipo no coincide con el código ${fields.tipoCodigo}`);

  if (fields.puntoVenta == null) err("puntoVenta", "Falta el punto de venta");
  else if (fields.puntoVenta < 1 || fields.puntoVenta > 99999) err("puntoVenta", "El punto de venta debe estar entre 1 y 99999");
  if (fields.numero == null) err("numero", "Falta el número de comprobante");
  else if (fields.numero < 1 || fields.numero > 99_999_999) err("numero", "El número de comprobante debe estar entre 1 y 99999999");

  if (!fields.fecha) err("fecha", "Falta la fecha de emisión");
  else {
    const maxDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    if (fields.fecha > maxDate) err("fecha", "La fecha de emisión está en el futuro");
    else if (fields.fecha < "2000-01-01") err("fecha", "La fecha de emisión es anterior al año 2000");
  }

  if (!fields.proveedorCuit) err("proveedorCuit", "Falta el CUIT del emisor");
  else if (!isValidCuit(fields.proveedorCuit)) err("proveedorCuit", "El CUIT del emisor no es válido (dígito verificador)");
  if (fields.receptorCuit && !isValidCuit(fields.receptorCuit)) warn("receptorCuit", "El CUIT del receptor no es válido (dígito verificador)");
  if (fields.receptorCuit && fields.proveedorCuit && fields.receptorCuit === fields.proveedorCuit)
    warn("receptorCuit", "El CUIT del receptor es igual al del emisor");

  if (fields.total == null) err("total", "Falta el importe total");
  else if (fields.total < 0) err("total", "El importe total es negativo");
  else if (fields.total === 0) warn("total", "El importe total es cero");

  if (fields.total != null && fields.neto != null) {
    const ivaSum = (fields.iva ?? []).reduce((s, l) => s + l.amount, 0);
    // Libro IVA: total = neto + IVA + no gravado + exento + tributos ("Importe Otros Tributos" as
    // printed, else the sum of the breakdown: perceptions, internos, otros)
    const breakdown = tributosBreakdown(fields);
    const expected = fields.neto + ivaSum + (fields.noGravado ?? 0) + (fields.exento ?? 0) + (fields.otrosImpuestos ?? breakdown ?? 0);
    const tolerance = 0.01 * (2 + (fields.iva?.length ?? 0)) + 0.0001 * Math.abs(fields.total);
    if (Math.abs(expected - fields.total) > Math.max(0.02, tolerance)) {
      warn("total", `El total (${fields.total.toFixed(2)}) no coincide con neto + IVA + otros (${expected.toFixed(2)})`);
    }
  }
  if (fields.otrosImpuestos != null && fields.otrosImpuestos !== 0) {
    const breakdown = tributosBreakdown(fields);
    if (breakdown != null && Math.abs(breakdown - fields.otrosImpuestos) > 0.02 + 0.0001 * Math.abs(fields.otrosImpuestos))
      warn("otrosTributos", `El desglose de tributos (${breakdown.toFixed(2)}) no coincide con el importe otros tributos (${fields.otrosImpuestos.toFixed(2)})`);
  }
  for (const p of fields.percepcionesIibb ?? []) if (!p.jurisdiccion) warn("percepcionesIibb", "Falta la jurisdicción de una percepción de IIBB");
  for (const line of fields.iva ?? []) {
    if (line.base != null && Math.abs((line.base * line.rate) / 100 - line.amount) > 0.02 + 0.001 * line.amount) {
      warn("iva", `El IVA ${line.rate}% (${line.amount.toFixed(2)}) no coincide con ${line.rate}% de ${line.base.toFixed(2)}`);
    }
  }

  if (fields.cae && !/^\d{14}$/.test(fields.cae)) err("cae", "El CAE debe tener 14 dígitos");
  if (fields.caeVencimiento && fields.fecha && fields.caeVencimiento < fields.fecha)
    warn("caeVencimiento", "El vencimiento del CAE es anterior a la fecha de emisión");
  if (fields.moneda === "PES" && fields.cotizacion != null && Math.abs(fields.cotizacion - 1) > 1e-6)
    warn("cotizacion", "Comprobante en pesos con cotización distinta de 1");
  if (fields.moneda && fields.moneda !== "PES" && fields.cotizacion === 1) warn("cotizacion", "Moneda extranjera con cotización 1");

  return { issues, needsReview: issues.some((i) => i.severity === "error") };
}
