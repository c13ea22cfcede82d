/**
 * Documents as a CSV that Excel in es-AR opens in columns: `;` between fields, decimal comma, no
 * thousands separator, dates dd/mm/aaaa (times in the organization's zone), CUIT with dashes, UTF-8 with BOM,
 * CRLF. Text that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed with '.
 */
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { COLUMNS, dashedCuit, type Column } from "./columns";

const dateTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("es-AR", { timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at).replace(",", "");

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const decimal = (n: number, digits: number) => n.toFixed(digits).replace(".", ",");

export function csvValue(kind: Column["kind"], v: ReturnType<Column["get"]>, timeZone = DEFAULT_TIME_ZONE): string {
  if (v === null || v === undefined || v === "") return "";
  switch (kind) {
    case "amount":
      return decimal(Number(v), 2);
    case "rate":
      return decimal(Number(v), 6).replace(/0{1,4}$/, "");
    case "int":
      return String(v);
    case "date":
      return dmy(String(v));
    case "datetime":
      return dateTime(v instanceof Date ? v : new Date(String(v)), timeZone);
    case "cuit":
      return dashedCuit(String(v));
    default: {
      const s = String(v);
      return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    }
  }
}

const quote = (s: string) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function documentsCsv(docs: Parameters<Column["get"]>[0][], timeZone = DEFAULT_TIME_ZONE): string {
  const lines = [COLUMNS.map((c) => c.key).join(";"), ...docs.map((d) => COLUMNS.map((c) => quote(csvValue(c.kind, c.get(d), timeZone))).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
