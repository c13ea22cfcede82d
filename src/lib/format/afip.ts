/** AFIP identifiers as written on paper: CUIT "30-71234567-1", comprobante "00001-00000123". */
import { cuitDigits } from "@/lib/cuit";

/** Eleven digits written any way (@/lib/cuit reads them) → "30-71234567-1"; anything else is shown as given ("—" when empty). */
export function formatCuit(c: string | null | undefined): string {
  if (!c) return "—";
  const digits = cuitDigits(c);
  return digits ? `${digits.slice(0, 2)}-${digits.slice(2, 10)}-${digits.slice(10)}` : c;
}

/** `PPPPP-NNNNNNNN` (5-digit punto de venta, as on current invoices); null when either part is unknown. */
export function formatComprobanteNumber(puntoVenta: number | null | undefined, numero: number | null | undefined, pvDigits: 4 | 5 = 5): string | null {
  if (puntoVenta == null || numero == null) return null;
  return `${String(puntoVenta).padStart(pvDigits, "0")}-${String(numero).padStart(8, "0")}`;
}
