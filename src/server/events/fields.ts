/**
 * Field schemas shared by the domain events. Descriptions are es-AR because the event catalogue
 * page shows them to accountants and to whoever builds the receiving integration.
 */
import { z } from "zod";
import { REVIEW_REASON_CODES } from "@/lib/documents/review";

/** Fields every event adds on top of the seed's payload (added, never renamed). */
export function envelope<T extends string, V extends number = 1>(type: T, version: V = 1 as V) {
  return {
    type: z.literal(type).describe("Tipo de evento."),
    version: z.literal(version).describe("Versión del esquema de este tipo de evento."),
    timestamp: z.iso.datetime().describe("Momento en que ocurrió el evento (ISO 8601, UTC)."),
    test: z
      .literal(true)
      .optional()
      .describe("Solo en eventos de prueba («Enviar evento de prueba»): true, y sus ids empiezan con «…_test_» (p. ej. doc_test_…). Ausente en eventos reales."),
  };
}

export const documentoId = z.string().min(1).describe("Identificador del documento en Contaflow.");
export const connectorId = z.string().min(1).describe("Identificador del conector de API que ejecutó la operación.");
export const tipoComprobante = z
  .string()
  .min(1)
  .describe("Tipo de comprobante, p. ej. FACTURA_A, FACTURA_B, NOTA_CREDITO_A.");
export const numeroComprobante = z
  .string()
  .min(1)
  .nullable()
  .describe("Número de comprobante: punto de venta y número, p. ej. 0001-00012345. null si no se pudo extraer.");
export const fechaComprobante = z.iso.date().nullable().describe("Fecha de emisión del comprobante (AAAA-MM-DD). null si no se pudo extraer.");
export const total = z.number().nullable().describe("Importe total del comprobante, en la moneda del comprobante. null si no se pudo extraer.");
export const cuit = z
  .string()
  .regex(/^\d{2}-\d{8}-\d$/, "CUIT con formato 30-12345678-9")
  .describe("CUIT con guiones, p. ej. 30-12345678-9.");
export const errorMessage = z.string().min(1).describe("Descripción del error, apta para mostrar a una persona.");
export const count = (what: string) => z.number().int().nonnegative().describe(what);

const amount = (what: string) => z.number().nullable().describe(`${what}. null si no figura en el comprobante o es cero.`);

/** The amounts of the comprobante for the Libro IVA Compras (added to document.processed). */
export const importes = z
  .strictObject({
    neto: amount("Neto gravado"),
    iva: amount("IVA total (suma de las alícuotas)"),
    noGravado: amount("Importe no gravado"),
    exento: amount("Importe exento"),
    percepcionesIva: amount("Percepciones de IVA"),
    percepcionesIibb: z
      .array(z.strictObject({ jurisdiccion: z.string().nullable().describe("Jurisdicción, p. ej. CABA, Buenos Aires; null si no se identificó."), amount: z.number().describe("Importe percibido.") }))
      .describe("Percepciones de Ingresos Brutos por jurisdicción (vacío si no hay)."),
    impuestosInternos: amount("Impuestos internos"),
    otrosTributos: amount("Otros tributos (percepciones de Ganancias, municipales, …)"),
    otrosImpuestos: amount("Importe otros tributos impreso (suma de los tributos distintos del IVA)"),
  })
  .optional()
  .describe("Desglose de importes para el Libro IVA Compras. Ausente en eventos emitidos antes de agregarse.");

/** Why a processed document needs a person's review (document.processed v2). */
export const motivoRevision = z
  .strictObject({
    codigo: z.enum(REVIEW_REASON_CODES).describe("VALIDATION: una regla falló · MISSING: falta un dato obligatorio · LOW_CONFIDENCE: baja confianza · FLAGGED: las fuentes no coinciden · DUPLICATE: el mismo comprobante ya está cargado · NOT_IN_AFIP: no figura en Mis Comprobantes de ARCA · AFIP_DIFFERENCE: los importes difieren de ARCA."),
    campo: z.string().nullable().describe("Campo afectado (p. ej. total), o null si es del comprobante entero."),
    severidad: z.enum(["error", "warning"]).describe("error: impide exportar hasta revisarlo · warning: conviene mirarlo."),
    mensaje: z.string().min(1).describe("Explicación en castellano."),
  })
  .describe("Un motivo de revisión.");
