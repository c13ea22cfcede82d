/**
 * The extracted fields of an invoice, shared by the parser (what it returns), the review UI
 * (what people correct), exports (what mappings see) and the public API. Amounts are numbers in
 * the document's currency, rounded to cents; dates are `YYYY-MM-DD`.
 */
import { z } from "zod";

/** DIRECTORY: the tenant's supplier directory (razón social by issuer CUIT). */
export const FIELD_SOURCES = ["QR", "TEXT", "OCR", "AI", "USER", "DIRECTORY"] as const;
export type FieldSource = (typeof FIELD_SOURCES)[number];

export const ivaLineSchema = z.object({
  /** Percent: 0, 2.5, 5, 10.5, 21, 27. */
  rate: z.number().min(0).max(100),
  base: z.number().nullable(),
  amount: z.number(),
});
export type IvaLine = z.infer<typeof ivaLineSchema>;

/** A perception of Ingresos Brutos: the province (canonical name, see JURISDICCIONES) and the amount. */
export const percepcionIibbSchema = z.object({
  jurisdiccion: z.string().min(1).max(60).nullable(),
  amount: z.number(),
});
export type PercepcionIibb = z.infer<typeof percepcionIibbSchema>;

const isoDate = z.iso.date();

export const invoiceFieldsSchema = z.object({
  tipoCodigo: z.number().int().min(1).max(999).nullable(),
  tipo: z.string().min(1).nullable(),
  puntoVenta: z.number().int().min(0).max(99999).nullable(),
  numero: z.number().int().min(0).max(99_999_999).nullable(),
  fecha: isoDate.nullable(),
  proveedorCuit: z.string().regex(/^\d{11}$/, "CUIT de 11 dígitos").nullable(),
  proveedorRazonSocial: z.string().min(1).nullable(),
  receptorCuit: z.string().regex(/^\d{11}$/, "CUIT de 11 dígitos").nullable(),
  receptorNombre: z.string().min(1).nullable(),
  neto: z.number().nullable(),
  iva: z.array(ivaLineSchema).nullable(),
  /**
   * "Importe Otros Tributos" as printed: the sum of every tax besides IVA (perceptions, internos,
   * others). Kept as published (public API, mappings); the breakdown is in the fields below.
   */
  otrosImpuestos: z.number().nullable(),
  total: z.number().nullable(),
  moneda: z.string().min(3).max(3).nullable(),
  cotizacion: z.number().positive().nullable(),
  cae: z.string().regex(/^\d{14}$/, "CAE de 14 dígitos").nullable(),
  caeVencimiento: isoDate.nullable(),
  // The breakdown the Libro IVA Compras needs (fields 10–16, 22 of COMPRAS_CBTE); null = not printed or zero.
  noGravado: z.number().nullable(),
  exento: z.number().nullable(),
  percepcionesIva: z.number().nullable(),
  percepcionesIibb: z.array(percepcionIibbSchema).nullable(),
  impuestosInternos: z.number().nullable(),
  /** Taxes that fit none of the above (percepciones de Ganancias, municipales, …). */
  otrosTributos: z.number().nullable(),
});
export type InvoiceFields = z.infer<typeof invoiceFieldsSchema>;
export type InvoiceFieldName = keyof InvoiceFields;
export const INVOICE_FIELD_NAMES = Object.keys(invoiceFieldsSchema.shape) as InvoiceFieldName[];

/**
 * Where a value came from and how sure the parser is. `flag`: why a person should check it
 * (Spanish, shown in review): sources disagree, weak evidence, totals do not add up, missing.
 */
export const fieldMetaSchema = z.object({ source: z.enum(FIELD_SOURCES), confidence: z.number().min(0).max(1), flag: z.string().max(300).optional() });
export type FieldMeta = z.infer<typeof fieldMetaSchema>;
export type FieldMetaMap = Partial<Record<InvoiceFieldName, FieldMeta>>;

/** The tax breakdown fields (amounts in the document's currency). */
export const TAX_BREAKDOWN_FIELDS = ["noGravado", "exento", "percepcionesIva", "percepcionesIibb", "impuestosInternos", "otrosTributos"] as const;

const sum2 = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

/** Σ percepciones de IIBB, or null when none. */
export function iibbTotal(f: Pick<InvoiceFields, "percepcionesIibb">): number | null {
  return f.percepcionesIibb?.length ? sum2(f.percepcionesIibb.map((p) => p.amount)) : null;
}

/** Σ of the tributos breakdown (perceptions, internos, otros), or null when none is known. */
export function tributosBreakdown(f: Pick<InvoiceFields, "percepcionesIva" | "percepcionesIibb" | "impuestosInternos" | "otrosTributos">): number | null {
  const parts = [f.percepcionesIva, iibbTotal(f), f.impuestosInternos, f.otrosTributos].filter((n): n is number => n != null);
  return parts.length ? sum2(parts) : null;
}

export const EMPTY_INVOICE_FIELDS: InvoiceFields = Object.fromEntries(INVOICE_FIELD_NAMES.map((k) => [k, null])) as InvoiceFields;

/** `PPPPP-NNNNNNNN` (5-digit punto de venta) as shown in the UI. */
export function formatComprobanteNumber(puntoVenta: number | null, numero: number | null, pvDigits: 4 | 5 = 5): string | null {
  if (puntoVenta == null || numero == null) return null;
  return `${String(puntoVenta).padStart(pvDigits, "0")}-${String(numero).padStart(8, "0")}`;
}
