/**
 * The invoice fields as the public API and the webhooks' `document` object carry them — one
 * convention for everything outside Contaflow:
 *   - amounts: decimal strings with two decimals ("1234.50", "-10.00"), never JSON floats;
 *   - IVA rates and the exchange rate: decimal strings as precise as stored ("10.5", "1050.25");
 *   - CUITs: 11 digits without dashes; tipoCodigo, puntoVenta and numero: JSON integers;
 *   - dates: ISO dates (AAAA-MM-DD); instants elsewhere: RFC 3339 in UTC (…Z).
 * Inside Contaflow the fields stay numbers (src/lib/documents/fields.ts); this file converts both
 * ways (answers out, PATCH corrections in).
 */
import { z } from "zod";
import type { InvoiceFields } from "@/lib/documents/fields";

const AMOUNT_RE = /^-?\d{1,16}(\.\d{1,2})?$/;
const DECIMAL_RE = /^-?\d{1,12}(\.\d{1,6})?$/;

/** Amount → "1234.50". */
export const amountString = (n: number) => n.toFixed(2);
/** A rate or exchange rate → the shortest decimal string that round-trips ("21", "10.5"). */
export const decimalString = (n: number) => String(Number(n.toFixed(6)));

const amountOut = (description: string) => z.string().regex(/^-?\d+\.\d{2}$/).nullable().describe(`${description} Importe como texto decimal con dos decimales (p. ej. "1234.50"); null si no figura.`);
const cuitOut = (description: string) => z.string().regex(/^\d{11}$/).nullable().describe(`${description} 11 dígitos sin guiones; null si no se leyó.`);

export const publicIvaLineSchema = z
  .object({
    rate: z.string().regex(/^\d+(\.\d+)?$/).describe('Alícuota en porcentaje, como texto decimal: "0", "2.5", "5", "10.5", "21" o "27".'),
    base: z.string().regex(/^-?\d+\.\d{2}$/).nullable().describe('Base imponible de la alícuota ("10000.00"); null si el comprobante no la informa.'),
    amount: z.string().regex(/^-?\d+\.\d{2}$/).describe('IVA de la alícuota ("2100.00").'),
  })
  .describe("Una alícuota de IVA del comprobante.");

export const publicPercepcionIibbSchema = z
  .object({
    jurisdiccion: z.string().nullable().describe("Jurisdicción (nombre canónico de la provincia, p. ej. Buenos Aires, CABA); null si no se identificó."),
    amount: z.string().regex(/^-?\d+\.\d{2}$/).describe('Importe percibido ("100.50").'),
  })
  .describe("Una percepción de Ingresos Brutos.");

export const publicFieldsSchema = z
  .object({
    tipoCodigo: z.number().int().nullable().describe("Código de tipo de comprobante de ARCA (1 = Factura A, 6 = Factura B, 11 = Factura C, …); null si no se leyó."),
    tipo: z.string().nullable().describe("Tipo de comprobante, p. ej. FACTURA_A, FACTURA_B, NOTA_CREDITO_A; null si no se leyó."),
    puntoVenta: z.number().int().nullable().describe("Punto de venta (entero, 0–99999); null si no se leyó."),
    numero: z.number().int().nullable().describe("Número del comprobante (entero, hasta 99999999); null si no se leyó."),
    fecha: z.iso.date().nullable().describe("Fecha de emisión (AAAA-MM-DD); null si no se leyó."),
    proveedorCuit: cuitOut("CUIT del emisor (proveedor)."),
    proveedorRazonSocial: z.string().nullable().describe("Razón social del emisor; null si no se leyó."),
    receptorCuit: cuitOut("CUIT del receptor (el cliente del estudio)."),
    receptorNombre: z.string().nullable().describe("Nombre o razón social del receptor; null si no se leyó."),
    neto: amountOut("Neto gravado."),
    iva: z.array(publicIvaLineSchema).nullable().describe("IVA discriminado por alícuota; null si no se leyó (facturas B/C no lo discriminan)."),
    otrosImpuestos: amountOut("«Importe otros tributos» tal como está impreso (suma de los tributos distintos del IVA)."),
    total: amountOut("Importe total."),
    moneda: z.string().nullable().describe("Moneda según ARCA (PES = pesos, DOL = dólares, …); null si no se leyó."),
    cotizacion: z.string().regex(/^\d+(\.\d+)?$/).nullable().describe('Tipo de cambio a pesos, como texto decimal ("1", "1050.25"); null si no se leyó.'),
    cae: z.string().nullable().describe("CAE (14 dígitos); null si no se leyó."),
    caeVencimiento: z.iso.date().nullable().describe("Vencimiento del CAE (AAAA-MM-DD); null si no se leyó."),
    noGravado: amountOut("Importe no gravado."),
    exento: amountOut("Importe exento."),
    percepcionesIva: amountOut("Percepciones de IVA."),
    percepcionesIibb: z.array(publicPercepcionIibbSchema).nullable().describe("Percepciones de Ingresos Brutos por jurisdicción; null si no hay."),
    impuestosInternos: amountOut("Impuestos internos."),
    otrosTributos: amountOut("Otros tributos (percepciones de Ganancias, municipales, …)."),
  })
  .describe("Datos extraídos del comprobante. Importes como texto decimal (\"1234.50\"), CUITs de 11 dígitos, fechas AAAA-MM-DD.");

export type PublicFields = z.output<typeof publicFieldsSchema>;

const amt = (n: number | null) => (n == null ? null : amountString(n));

/** Contaflow's fields → the public convention. */
export function toPublicFields(f: InvoiceFields): PublicFields {
  return {
    ...f,
    neto: amt(f.neto),
    iva: f.iva?.map((l) => ({ rate: decimalString(l.rate), base: amt(l.base), amount: amountString(l.amount) })) ?? null,
    otrosImpuestos: amt(f.otrosImpuestos),
    total: amt(f.total),
    cotizacion: f.cotizacion == null ? null : decimalString(f.cotizacion),
    noGravado: amt(f.noGravado),
    exento: amt(f.exento),
    percepcionesIva: amt(f.percepcionesIva),
    percepcionesIibb: f.percepcionesIibb?.map((p) => ({ jurisdiccion: p.jurisdiccion, amount: amountString(p.amount) })) ?? null,
    impuestosInternos: amt(f.impuestosInternos),
    otrosTributos: amt(f.otrosTributos),
  };
}

// ── Input: the same convention, read back into Contaflow's numbers (PATCH corrections) ──

const amountIn = z
  .string({ error: 'Importe como texto decimal, p. ej. "1234.50"' })
  .regex(AMOUNT_RE, 'Importe como texto decimal con hasta dos decimales, p. ej. "1234.50"')
  .transform(Number);
const decimalIn = (what: string) => z.string({ error: `${what} como texto decimal, p. ej. "10.5"` }).regex(DECIMAL_RE, `${what} como texto decimal, p. ej. "10.5"`).transform(Number);

/** What a correction may set, in the public convention (validated again by the domain's rules). */
export const publicCorrectionFieldsSchema = z
  .object({
    tipoCodigo: z.number().int().nullable().describe("Código de tipo de comprobante de ARCA."),
    tipo: z.string().nullable().describe("Tipo de comprobante, p. ej. FACTURA_A."),
    puntoVenta: z.number().int().nullable().describe("Punto de venta."),
    numero: z.number().int().nullable().describe("Número del comprobante."),
    fecha: z.string().nullable().describe("Fecha de emisión, AAAA-MM-DD."),
    proveedorCuit: z.string().nullable().describe("CUIT del emisor, 11 dígitos."),
    proveedorRazonSocial: z.string().nullable().describe("Razón social del emisor."),
    receptorCuit: z.string().nullable().describe("CUIT del receptor, 11 dígitos."),
    receptorNombre: z.string().nullable().describe("Nombre del receptor."),
    neto: amountIn.nullable().describe('Neto gravado ("10000.00").'),
    iva: z
      .array(z.object({ rate: decimalIn("La alícuota").describe('Alícuota en porcentaje ("21").'), base: amountIn.nullable().describe('Base imponible ("10000.00").'), amount: amountIn.describe('IVA de la alícuota ("2100.00").') }).describe("Una alícuota."))
      .nullable()
      .describe("IVA por alícuota (reemplaza la lista entera)."),
    otrosImpuestos: amountIn.nullable().describe('Importe otros tributos ("400.50").'),
    total: amountIn.nullable().describe('Importe total ("12500.50").'),
    moneda: z.string().nullable().describe("Moneda según ARCA (PES, DOL, …)."),
    cotizacion: decimalIn("El tipo de cambio").nullable().describe('Tipo de cambio ("1050.25").'),
    cae: z.string().nullable().describe("CAE, 14 dígitos."),
    caeVencimiento: z.string().nullable().describe("Vencimiento del CAE, AAAA-MM-DD."),
    noGravado: amountIn.nullable().describe('No gravado ("0.00").'),
    exento: amountIn.nullable().describe('Exento ("0.00").'),
    percepcionesIva: amountIn.nullable().describe('Percepciones de IVA ("300.00").'),
    percepcionesIibb: z
      .array(z.object({ jurisdiccion: z.string().nullable().describe("Jurisdicción, p. ej. Buenos Aires."), amount: amountIn.describe('Importe ("100.50").') }).describe("Una percepción."))
      .nullable()
      .describe("Percepciones de IIBB (reemplaza la lista entera)."),
    impuestosInternos: amountIn.nullable().describe('Impuestos internos ("0.00").'),
    otrosTributos: amountIn.nullable().describe('Otros tributos ("0.00").'),
  })
  .partial()
  .strict();
