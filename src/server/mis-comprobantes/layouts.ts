/**
 * The layouts of AFIP/ARCA's «Mis Comprobantes Recibidos» export (brief libro-iva-digital.md §8.1),
 * detected by their header names — never by column position.
 */
import { AppError } from "@/server/errors";

/** The per-rate columns of the current layout: label as ARCA writes it, and the rate. */
export const RATES = [
  { label: "0%", rate: 0 },
  { label: "2,5%", rate: 2.5 },
  { label: "5%", rate: 5 },
  { label: "10,5%", rate: 10.5 },
  { label: "21%", rate: 21 },
  { label: "27%", rate: 27 },
] as const;

type RateField = `neto ${(typeof RATES)[number]["label"]}` | `iva ${(typeof RATES)[number]["label"]}`;
export type Field =
  | "fecha" | "tipo" | "puntoVenta" | "numeroDesde" | "numeroHasta" | "cae" | "emisorDocTipo" | "emisorDoc" | "emisorNombre"
  | "receptorDocTipo" | "receptorDoc" | "tipoCambio" | "moneda" | "netoGravado" | "netoGravadoTotal" | "noGravado" | "exento"
  | "otrosTributos" | "iva" | "total" | RateField;

/** Lower case, no accents, "2.5" → "2,5", punctuation → one space: "Imp. Neto Gravado IVA 2,5%" → "imp neto gravado iva 2,5%". */
export function normalizeHeader(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/(\d)\.(\d)/g, "$1,$2")
    .replace(/[^a-z0-9%,]+/g, " ")
    .trim();
}

/** Each field: how the messages name it, and every header name seen for it (normalized). */
const HEADERS: Record<Field, { label: string; names: string[] }> = {
  fecha: { label: "Fecha de Emisión (o Fecha)", names: ["fecha de emision", "fecha"] },
  tipo: { label: "Tipo de Comprobante (o Tipo)", names: ["tipo de comprobante", "tipo"] },
  puntoVenta: { label: "Punto de Venta", names: ["punto de venta"] },
  numeroDesde: { label: "Número Desde", names: ["numero desde"] },
  numeroHasta: { label: "Número Hasta", names: ["numero hasta"] },
  cae: { label: "Cód. Autorización", names: ["cod autorizacion"] },
  emisorDocTipo: { label: "Tipo Doc. Emisor", names: ["tipo doc emisor"] },
  emisorDoc: { label: "Nro. Doc. Emisor", names: ["nro doc emisor"] },
  emisorNombre: { label: "Denominación Emisor", names: ["denominacion emisor"] },
  receptorDocTipo: { label: "Tipo Doc. Receptor", names: ["tipo doc receptor"] },
  receptorDoc: { label: "Nro. Doc. Receptor", names: ["nro doc receptor"] },
  tipoCambio: { label: "Tipo Cambio", names: ["tipo cambio", "tipo de cambio"] },
  moneda: { label: "Moneda", names: ["moneda"] },
  netoGravado: { label: "Imp. Neto Gravado", names: ["imp neto gravado"] },
  netoGravadoTotal: { label: "Imp. Neto Gravado Total", names: ["imp neto gravado total", "neto gravado total", "neto grav total"] },
  noGravado: { label: "Imp. Neto No Gravado", names: ["imp neto no gravado", "neto no gravado"] },
  exento: { label: "Imp. Op. Exentas", names: ["imp op exentas", "op exentas"] },
  otrosTributos: { label: "Otros Tributos", names: ["otros tributos"] },
  iva: { label: "IVA", names: ["iva", "total iva"] },
  total: { label: "Imp. Total", names: ["imp total"] },
  ...(Object.fromEntries(
    RATES.flatMap(({ label }) => [
      [`neto ${label}`, { label: `Imp. Neto Gravado IVA ${label}`, names: [`imp neto gravado iva ${label}`, `neto grav iva ${label}`, `neto gravado iva ${label}`] }],
      [`iva ${label}`, { label: `IVA ${label}`, names: [`iva ${label}`] }],
    ]),
  ) as Record<RateField, { label: string; names: string[] }>),
};

export type LayoutId = "V16" | "V17" | "PER_RATE" | "PER_RATE_SHORT";

const BASE: Field[] = ["fecha", "tipo", "puntoVenta", "numeroDesde", "emisorDoc", "emisorNombre", "tipoCambio", "moneda", "total"];
const PER_RATE_REQUIRED: Field[] = [
  ...BASE,
  ...RATES.map(({ label }) => `neto ${label}` as Field),
  ...RATES.filter((r) => r.rate > 0).map(({ label }) => `iva ${label}` as Field),
  "noGravado",
  "exento",
  "otrosTributos",
];

/** Spanish names of the layouts (import history, messages). */
export const LAYOUTS: Record<LayoutId, { name: string; required: Field[] }> = {
  V16: { name: "16 columnas (formato anterior)", required: [...BASE, "netoGravado", "noGravado", "exento", "iva"] },
  V17: { name: "17 columnas con «Otros Tributos» (hasta agosto de 2025)", required: [...BASE, "netoGravado", "noGravado", "exento", "otrosTributos", "iva"] },
  PER_RATE: { name: "por alícuota (desde septiembre de 2025)", required: PER_RATE_REQUIRED },
  PER_RATE_SHORT: { name: "por alícuota, encabezados abreviados (Excel desde septiembre de 2025)", required: PER_RATE_REQUIRED },
};

const BY_NAME = new Map<string, Field>(Object.entries(HEADERS).flatMap(([field, h]) => h.names.map((n) => [n, field as Field] as const)));

export type ColumnMap = Partial<Record<Field, number>>;

/** The fields a row of headers names (first column wins when a name repeats). */
export function mapHeaders(cells: readonly unknown[]): { map: ColumnMap; names: Set<string> } {
  const map: ColumnMap = {};
  const names = new Set<string>();
  cells.forEach((cell, i) => {
    if (typeof cell !== "string") return;
    const name = normalizeHeader(cell);
    const field = BY_NAME.get(name);
    if (field && map[field] === undefined) {
      map[field] = i;
      names.add(name);
    }
  });
  return { map, names };
}

const label = (f: Field) => HEADERS[f].label;

export const EXPECTED_COLUMNS_MESSAGE =
  "Esperábamos una fila de encabezados con Fecha de Emisión (o Fecha), Tipo de Comprobante (o Tipo), Punto de Venta, Número Desde, Nro. Doc. Emisor, " +
  "Denominación Emisor, Tipo Cambio, Moneda e Imp. Total, y los importes: Imp. Neto Gravado, Imp. Neto No Gravado, Imp. Op. Exentas, (Otros Tributos) e IVA, " +
  "o por alícuota: Imp. Neto Gravado IVA 0% … 27% (o Neto Grav. IVA 0% … 27%) e IVA 2,5% … 27%.";

/** The layout a header row belongs to, or a clear error naming the columns that are missing. */
export function detectLayout({ map, names }: { map: ColumnMap; names: Set<string> }): LayoutId {
  const perRate = RATES.some(({ label: l }) => map[`neto ${l}`] !== undefined || (l !== "0%" && map[`iva ${l}`] !== undefined));
  let layout: LayoutId;
  if (perRate) layout = names.has("neto grav iva 21%") ? "PER_RATE_SHORT" : "PER_RATE";
  else if (map.netoGravado !== undefined) layout = map.otrosTributos !== undefined ? "V17" : "V16";
  else throw new AppError("UNPROCESSABLE", `No reconocemos el archivo como «Mis Comprobantes Recibidos» de ARCA: no tiene las columnas de importes. ${EXPECTED_COLUMNS_MESSAGE}`);
  const missing = LAYOUTS[layout].required.filter((f) => map[f] === undefined);
  if (missing.length) {
    throw new AppError(
      "UNPROCESSABLE",
      `El archivo parece «Mis Comprobantes Recibidos» (${LAYOUTS[layout].name}), pero le faltan las columnas: ${missing.map(label).join(", ")}. ` +
        "Puede que ARCA haya cambiado el formato: descargalo de nuevo desde Mis Comprobantes → Recibidos, sin editarlo.",
    );
  }
  return layout;
}
