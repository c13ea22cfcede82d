/**
 * Documents as an XLSX (exceljs): typed cells — amounts as numbers shown #.##0,00 by Excel's
 * locale, dates as dates (dd/mm/aaaa), instants as the organization's wall-clock time (Excel cells have no zone), CUIT as text with dashes — a bold frozen header and filters.
 */
import ExcelJS from "exceljs";
import { DEFAULT_TIME_ZONE, wallClock } from "@/lib/format";
import { COLUMNS, dashedCuit, type Column } from "./columns";

function cell(kind: Column["kind"], v: ReturnType<Column["get"]>, timeZone: string): ExcelJS.CellValue {
  if (v === null || v === undefined || v === "") return null;
  switch (kind) {
    case "amount":
    case "rate":
    case "int":
      return Number(v);
    case "date":
      return new Date(`${String(v)}T00:00:00Z`);
    case "datetime":
      return wallClock(v instanceof Date ? v : new Date(String(v)), timeZone);
    case "cuit":
      return dashedCuit(String(v));
    default:
      return String(v);
  }
}

const FORMAT: Partial<Record<Column["kind"], string>> = { amount: "#,##0.00", rate: "0.000000", date: "dd/mm/yyyy", datetime: "dd/mm/yyyy hh:mm" };

export async function documentsXlsx(docs: Parameters<Column["get"]>[0][], timeZone = DEFAULT_TIME_ZONE): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Contaflow";
  const ws = wb.addWorksheet("Documentos", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.key, key: c.key, width: c.kind === "text" ? 24 : 14, style: FORMAT[c.kind] ? { numFmt: FORMAT[c.kind] } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const d of docs) ws.addRow(COLUMNS.map((c) => cell(c.kind, c.get(d), timeZone)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
