/** The download: both files and a plain-text summary in one zip (fflate). */
import { strToU8, zipSync } from "fflate";
import { fileBytes, type LibroBook, type LibroSummary } from "./book";

export const cbteFileName = (period: string) => `LIBRO_IVA_DIGITAL_COMPRAS_CBTE_${period.replace("-", "")}.txt`;
export const alicuotasFileName = (period: string) => `LIBRO_IVA_DIGITAL_COMPRAS_ALICUOTAS_${period.replace("-", "")}.txt`;
export const SUMMARY_FILE_NAME = "RESUMEN.txt";

const pesos = (cents: number) => (cents / 100).toLocaleString("es-AR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const rateLabel = (rate: number) => `${String(rate).replace(".", ",")} %`;

export function summaryText(client: { cuit: string; razonSocial: string }, period: string, s: LibroSummary): string {
  const lines = [
    `Libro IVA Digital - Compras - periodo ${period}`,
    `Cliente: ${client.razonSocial} (CUIT ${client.cuit})`,
    "",
    `Comprobantes: ${s.comprobantes} (notas de credito: ${s.notasDeCredito})`,
    `Registros de alicuotas: ${s.alicuotaRecords}`,
    ...(s.excludedZeroTotal ? [`Excluidos por total cero: ${s.excludedZeroTotal}`] : []),
    "",
    "Neto e IVA por alicuota (pesos; notas de credito restan):",
    ...s.porAlicuota.map((r) => `  ${r.code} ${rateLabel(r.rate)}: neto ${pesos(r.neto)} - IVA ${pesos(r.iva)}`),
    "",
    `No gravado: ${pesos(s.noGravado)}`,
    `Exento: ${pesos(s.exento)}`,
    `Percepciones IVA: ${pesos(s.percepcionesIva)}`,
    `Percepciones IIBB: ${pesos(s.percepcionesIibb)}`,
    `Impuestos internos: ${pesos(s.impuestosInternos)}`,
    `Otros tributos: ${pesos(s.otrosTributos)}`,
    `Credito fiscal computable: ${pesos(s.creditoFiscal)}`,
    `Total: ${pesos(s.total)}`,
  ];
  return lines.join("\r\n") + "\r\n";
}

export function libroZip(client: { cuit: string; razonSocial: string }, period: string, book: LibroBook): Uint8Array {
  return zipSync({
    [cbteFileName(period)]: fileBytes(book.entries.map((e) => e.cbte)),
    [alicuotasFileName(period)]: fileBytes(book.entries.flatMap((e) => e.alicuotas)),
    [SUMMARY_FILE_NAME]: strToU8(summaryText(client, period, book.summary)),
  });
}
