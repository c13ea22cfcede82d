/**
 * Bytes of an uploaded «Mis Comprobantes» file → rows of cells. XLSX through exceljs; CSV through
 * papaparse with the separator (`;` or `,`) and the encoding (UTF-8 with or without BOM, else
 * Windows-1252) found here; a CSV inside a ZIP (ARCA sometimes delivers one) is read too.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import Papa from "papaparse";
import { AppError } from "@/server/errors";
import type { Cell } from "./values";

export type Sheet = { format: "csv" | "xlsx"; rows: Cell[][]; decimal: "," | "." };

/** Uncompressed bytes a ZIP (or XLSX) may declare in all: a bigger one is refused before inflating. */
const MAX_UNZIPPED = 60 * 1024 * 1024;
const MAX_ROWS = 50_000;

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

export async function readSheet(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  if (bytes.length === 0) throw AppError.field("file", "El archivo está vacío");
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw AppError.field("file", "Es un archivo .xls (Excel 97-2003), que no leemos: descargá el CSV desde Mis Comprobantes, o abrilo en Excel y guardalo como .xlsx", "UNPROCESSABLE");
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readZip(bytes, fileName);
  return readCsv(bytes);
}

async function readZip(bytes: Uint8Array, fileName: string): Promise<Sheet> {
  const zip = await JSZip.loadAsync(bytes).catch(() => {
    throw AppError.field("file", `No se pudo abrir «${fileName}»: el archivo comprimido está dañado`, "UNPROCESSABLE");
  });
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  // jszip exposes the sizes the archive declares; refuse a "zip bomb" before inflating anything
  const declared = entries.reduce((s, f) => s + ((f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0), 0);
  if (declared > MAX_UNZIPPED) throw AppError.field("file", "El archivo descomprimido es demasiado grande para un mes de comprobantes", "PAYLOAD_TOO_LARGE");
  if (zip.file("[Content_Types].xml") && zip.file(/^xl\//).length) return readXlsx(bytes);
  const csvs = entries.filter((f) => /\.(csv|txt)$/i.test(f.name));
  if (csvs.length !== 1) throw AppError.field("file", "El ZIP debe contener un solo archivo CSV de Mis Comprobantes", "UNPROCESSABLE");
  return readCsv(await csvs[0]!.async("uint8array"));
}

type ExcelValue = ExcelJS.CellValue;

function plain(v: ExcelValue): Cell {
  if (v == null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return plain((v as { result?: ExcelValue }).result ?? null);
    if ("text" in v) return String((v as { text: unknown }).text);
    if ("error" in v) return null;
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw AppError.field("file", "No se pudo leer la planilla .xlsx: el archivo está dañado o no es de Excel", "UNPROCESSABLE");
  }
  const ws = wb.worksheets[0];
  if (!ws) throw AppError.field("file", "La planilla no tiene hojas", "UNPROCESSABLE");
  if (ws.rowCount > MAX_ROWS) throw AppError.field("file", `La planilla tiene más de ${MAX_ROWS} filas`, "PAYLOAD_TOO_LARGE");
  const rows: Cell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: Cell[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(plain(row.getCell(c).value));
    rows.push(cells);
  }
  return { format: "xlsx", rows, decimal: "," };
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not valid UTF-8: Excel in es-AR saves CSV as Windows-1252 (a superset of ISO-8859-1)
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function readCsv(bytes: Uint8Array): Sheet {
  const text = decode(bytes).replace(/^\uFEFF/, "");
  if (/\u0000/.test(text.slice(0, 4096))) throw AppError.field("file", "El archivo no es un CSV ni una planilla .xlsx", "UNPROCESSABLE");
  // The separator that splits the first lines into the most columns (a title row has none)
  const head = text.split(/\r?\n/).slice(0, 5);
  const count = (sep: string) => Math.max(...head.map((l) => Papa.parse<string[]>(l, { delimiter: sep }).data[0]?.length ?? 0));
  const delimiter = count(";") >= count(",") ? ";" : ",";
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  if (parsed.data.length > MAX_ROWS) throw AppError.field("file", `El archivo tiene más de ${MAX_ROWS} filas`, "PAYLOAD_TOO_LARGE");
  return { format: "csv", rows: parsed.data.map((r) => r.map((c) => c.trim())), decimal: delimiter === ";" ? "," : "." };
}
