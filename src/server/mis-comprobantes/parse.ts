/**
 * A «Mis Comprobantes Recibidos» file → its layout and rows in our terms (amounts in integer
 * centavos, as ARCA shows them: credit notes positive). A row that cannot be read stops the
 * import with its row number: nothing half-read is reconciled.
 */
import { AppError } from "@/server/errors";
import { cuitDigits } from "@/lib/cuit";
import { LAYOUTS, RATES, detectLayout, mapHeaders, EXPECTED_COLUMNS_MESSAGE, type ColumnMap, type Field, type LayoutId } from "./layouts";
import { readSheet, type Sheet } from "./read-file";
import { cellText, parseAmount, parseCae, parseDate, parseDocNumber, parseDocType, parseInteger, parseMoneda, parseRate, parseTipo, type Cell } from "./values";

export type AfipRow = {
  /** Row number in the file, as a spreadsheet shows it. */
  fileRow: number;
  fecha: string;
  tipoCodigo: number;
  puntoVenta: number;
  numeroDesde: number;
  numeroHasta: number;
  cae: string | null;
  emisorDocTipo: number | null;
  emisorCuit: string;
  emisorNombre: string;
  receptorCuit: string | null;
  /** PES, DOL, 060…; null = a currency we do not know (`monedaRaw`). */
  moneda: string | null;
  monedaRaw: string;
  tipoCambio: number | null;
  /** Centavos. */
  total: number;
  noGravado: number;
  exento: number;
  otrosTributos: number | null;
  /** Σ IVA (the IVA column, or the per-rate sum). */
  iva: number;
  netoGravado: number;
  /** Per-rate layouts only: the rates with a neto or an IVA. */
  rates: { rate: number; neto: number; iva: number }[] | null;
};

export type ParsedExport = { layout: LayoutId; layoutName: string; format: Sheet["format"]; titleCuit: string | null; rows: AfipRow[] };

const HEADER_SCAN = 10;
const MAX_ERRORS = 5;

function findHeader(rows: Cell[][]): { index: number; columns: { map: ColumnMap; names: Set<string> } } | null {
  let best: { index: number; columns: ReturnType<typeof mapHeaders> } | null = null;
  rows.slice(0, HEADER_SCAN).forEach((cells, index) => {
    const columns = mapHeaders(cells);
    if (Object.keys(columns.map).length >= 5 && (!best || Object.keys(columns.map).length > Object.keys(best.columns.map).length)) best = { index, columns };
  });
  return best;
}

/** "Mis Comprobantes Recibidos - CUIT 30712345671" (the XLSX title row). */
function titleCuit(rows: Cell[][], before: number): string | null {
  for (const cells of rows.slice(0, before)) {
    for (const c of cells) {
      const m = /CUIT\s*:?\s*(\d{2}-?\d{8}-?\d)/i.exec(cellText(c));
      if (m) return cuitDigits(m[1]);
    }
  }
  return null;
}

export async function parseMisComprobantes(bytes: Uint8Array, fileName: string): Promise<ParsedExport> {
  const sheet = await readSheet(bytes, fileName);
  const header = findHeader(sheet.rows);
  if (!header) throw new AppError("UNPROCESSABLE", `No reconocemos «${fileName}» como el archivo «Mis Comprobantes Recibidos» de ARCA. ${EXPECTED_COLUMNS_MESSAGE}`, { file: ["Formato no reconocido"] });
  const layout = detectLayout(header.columns);
  const map = header.columns.map;
  // A row wider than its headers is shifted: its amounts would land in the wrong columns
  const headerCells = sheet.rows[header.index]!;
  const width = headerCells.reduce<number>((w, c, i) => (cellText(c) === "" ? w : i + 1), 0);
  const perRate = layout === "PER_RATE" || layout === "PER_RATE_SHORT";
  const errors: string[] = [];
  const rows: AfipRow[] = [];

  for (let i = header.index + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i]!;
    if (cells.every((c) => cellText(c) === "")) continue;
    const fileRow = i + 1;
    const get = (f: Field): Cell => (map[f] === undefined ? null : (cells[map[f]!] ?? null));
    const bad: string[] = [];
    if (cells.slice(width).some((c) => cellText(c) !== "")) bad.push(`tiene más columnas (${cells.length}) que los encabezados (${width})`);
    const need = <T>(f: Field, value: T | null, what: string): T => {
      if (value === null) bad.push(`${what} «${cellText(get(f))}»`);
      return value as T;
    };
    const amount = (f: Field) => need(f, parseAmount(get(f), sheet.decimal), `importe ${f}`);
    const fecha = need("fecha", parseDate(get("fecha")), "fecha");
    const tipoCodigo = need("tipo", parseTipo(get("tipo")), "tipo de comprobante");
    const puntoVenta = need("puntoVenta", parseInteger(get("puntoVenta")), "punto de venta");
    const numeroDesde = need("numeroDesde", parseInteger(get("numeroDesde")), "número");
    const emisorCuit = need("emisorDoc", parseDocNumber(get("emisorDoc")), "documento del emisor");
    const numeroHasta = map.numeroHasta === undefined || cellText(get("numeroHasta")) === "" ? numeroDesde : need("numeroHasta", parseInteger(get("numeroHasta")), "número hasta");
    let rates: AfipRow["rates"] = null;
    let netoGravado: number;
    let iva: number;
    if (perRate) {
      rates = RATES.map(({ label, rate }) => ({ rate, neto: amount(`neto ${label}`), iva: rate === 0 ? 0 : amount(`iva ${label}`) })).filter((r) => r.neto !== 0 || r.iva !== 0);
      netoGravado = rates.reduce((s, r) => s + r.neto, 0);
      iva = rates.reduce((s, r) => s + r.iva, 0);
    } else {
      netoGravado = amount("netoGravado");
      iva = amount("iva");
    }
    const row: AfipRow = {
      fileRow,
      fecha,
      tipoCodigo,
      puntoVenta,
      numeroDesde,
      numeroHasta,
      cae: parseCae(get("cae")),
      emisorDocTipo: parseDocType(get("emisorDocTipo")),
      emisorCuit,
      emisorNombre: cellText(get("emisorNombre")),
      receptorCuit: map.receptorDoc === undefined ? null : parseDocNumber(get("receptorDoc")),
      moneda: parseMoneda(get("moneda")),
      monedaRaw: cellText(get("moneda")),
      tipoCambio: parseRate(get("tipoCambio"), sheet.decimal),
      total: amount("total"),
      noGravado: amount("noGravado"),
      exento: amount("exento"),
      otrosTributos: map.otrosTributos === undefined ? null : amount("otrosTributos"),
      iva,
      netoGravado,
      rates,
    };
    if (bad.length) {
      errors.push(`fila ${fileRow}: ${bad.join(", ")}`);
      if (errors.length >= MAX_ERRORS) break;
      continue;
    }
    rows.push(row);
  }
  if (errors.length) {
    throw new AppError("UNPROCESSABLE", `No se pudieron leer algunas filas (${LAYOUTS[layout].name}); no se importó nada. ${errors.join("; ")}.`, { file: ["Hay filas con valores ilegibles"] });
  }
  if (rows.length === 0) throw new AppError("UNPROCESSABLE", "El archivo tiene los encabezados de Mis Comprobantes pero ningún comprobante", { file: ["Sin comprobantes"] });
  return { layout, layoutName: LAYOUTS[layout].name, format: sheet.format, titleCuit: titleCuit(sheet.rows, header.index), rows };
}
