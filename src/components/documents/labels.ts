/** Formatting and tones shared by the documents screens (es-AR); their texts live in the "documents" messages. */
import type { DocumentStatusName } from "@/lib/schemas/documents";

export const STATUS_TONE: Record<DocumentStatusName, "slate" | "amber" | "green" | "red"> = { PENDING: "slate", PROCESSING: "amber", COMPLETED: "green", FAILED: "red" };

const money = new Intl.NumberFormat("es-AR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const formatMoney = (n: number | null | undefined, moneda?: string | null) =>
  n == null ? "—" : `${moneda && moneda !== "PES" ? `${moneda} ` : "$ "}${money.format(n)}`;

export const formatCuit = (c: string | null | undefined) => (c && /^\d{11}$/.test(c) ? `${c.slice(0, 2)}-${c.slice(2, 10)}-${c.slice(10)}` : (c ?? "—"));

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toLocaleString("es-AR", { maximumFractionDigits: 1 })} MB`;
}

