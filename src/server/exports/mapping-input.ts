/**
 * What a PUSH mapping sees: the document in the shape of the connector form's sample
 * (src/components/connectors/sample-document.ts) plus the remaining extracted fields.
 */
import "server-only";
import type { Document } from "@/generated/prisma/client";
import { formatComprobanteNumber, iibbTotal } from "@/lib/documents/fields";
import { extractFields } from "@/server/documents/document-view";

function letterOf(tipo: string | null | undefined): string | null {
  const last = tipo?.split("_").pop() ?? "";
  return /^[ABCEM]$/.test(last) ? last : null;
}

export function pushMappingInput(row: Document) {
  const f = extractFields(row);
  const ivaTotal = f.iva ? Math.round(f.iva.reduce((s, l) => s + (l.amount ?? 0), 0) * 100) / 100 : null;
  return {
    documentoId: row.id,
    version: row.version,
    tipo: f.tipo,
    tipoCodigo: f.tipoCodigo,
    numero: formatComprobanteNumber(f.puntoVenta, f.numero, 4),
    puntoVenta: f.puntoVenta,
    numeroComprobante: f.numero,
    fecha: f.fecha,
    moneda: f.moneda === "PES" ? "ARS" : f.moneda,
    cotizacion: f.cotizacion,
    neto: f.neto,
    iva: ivaTotal,
    ivaDetalle: f.iva ?? [],
    otrosImpuestos: f.otrosImpuestos,
    // Libro IVA Compras breakdown (null = not printed or zero); IIBB per jurisdicción and summed
    noGravado: f.noGravado,
    exento: f.exento,
    percepcionesIva: f.percepcionesIva,
    percepcionesIibb: f.percepcionesIibb ?? [],
    percepcionesIibbTotal: iibbTotal(f),
    impuestosInternos: f.impuestosInternos,
    otrosTributos: f.otrosTributos,
    total: f.total,
    /** A/B/C/E/M from `tipo` (FACTURA_A → A), null when the type has no letter. */
    letra: letterOf(f.tipo),
    // externalId: the ERP's supplier id, filled per connector (exports/prepare-push.ts)
    proveedor: { cuit: f.proveedorCuit, cuitDigitos: f.proveedorCuit ? f.proveedorCuit.replace(/\D/g, "") : null, razonSocial: f.proveedorRazonSocial, externalId: null as string | null },
    receptor: { cuit: f.receptorCuit, nombre: f.receptorNombre },
    cae: f.cae,
    caeVencimiento: f.caeVencimiento,
    items: [] as unknown[],
    archivo: row.fileName,
  };
}

/** The seed's `document.exported` fields from a document row. */
export function exportedEventFields(row: Document) {
  const f = extractFields(row);
  return {
    documentoId: row.id,
    tipo: f.tipo ?? "OTRO",
    numero: formatComprobanteNumber(f.puntoVenta, f.numero, 4),
    total: f.total,
  };
}
