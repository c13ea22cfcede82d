import "server-only";
import type { Document } from "@/generated/prisma/client";
import { formatComprobanteNumber } from "@/lib/documents/fields";

/** How audit entries name a document: "FACTURA_A 00002-00000123 (factura.pdf)", or the file name. */
export function documentLabel(row: Pick<Document, "fileName" | "tipo" | "puntoVenta" | "numero">): string {
  const numero = formatComprobanteNumber(row.puntoVenta, row.numero == null ? null : Number(row.numero));
  return numero ? `${row.tipo ?? "Comprobante"} ${numero} (${row.fileName})` : row.fileName;
}
