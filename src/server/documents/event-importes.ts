import type { InvoiceFields } from "@/lib/documents/fields";

const cents = (n: number) => Math.round(n * 100) / 100;

/** document.processed `importes`: the Libro IVA Compras amounts of the saved fields. */
export function eventImportes(f: InvoiceFields) {
  return {
    neto: f.neto,
    iva: f.iva ? cents(f.iva.reduce((s, l) => s + l.amount, 0)) : null,
    noGravado: f.noGravado,
    exento: f.exento,
    percepcionesIva: f.percepcionesIva,
    percepcionesIibb: f.percepcionesIibb ?? [],
    impuestosInternos: f.impuestosInternos,
    otrosTributos: f.otrosTributos,
    otrosImpuestos: f.otrosImpuestos,
  };
}
