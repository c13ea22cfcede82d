/**
 * Documents for review tests, saved by the parse pipeline's real save step (saveStage) with
 * chosen fields and meta: the outcome of a parse without running OCR or a QR decoder.
 */
import { createHash, randomUUID } from "node:crypto";
import { db } from "@/server/db/client";
import { saveStage } from "@/server/documents/parse-pipeline";
import { INVOICE_FIELD_NAMES, type FieldMetaMap, type InvoiceFields } from "@/lib/documents/fields";

/** A CUIT with a valid check digit for the 10-digit prefix (prefixes whose digit would be 10 are skipped). */
export function validCuit(prefix: string): string {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  for (let p = Number(prefix); ; p++) {
    const digits = String(p).padStart(10, "0");
    const sum = weights.reduce((s, w, i) => s + w * Number(digits[i]), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${digits}${check === 11 ? 0 : check}`;
  }
}

export const PROVEEDOR = validCuit("3071234567");
export const RECEPTOR = validCuit("3070000001");

export function cleanFields(numero: number, overrides: Partial<InvoiceFields> = {}): InvoiceFields {
  return {
    tipoCodigo: 1,
    tipo: "FACTURA_A",
    puntoVenta: 3,
    numero,
    fecha: "2026-11-20",
    proveedorCuit: PROVEEDOR,
    proveedorRazonSocial: "Proveedor SA",
    receptorCuit: RECEPTOR,
    receptorNombre: null,
    neto: 1000,
    iva: [{ rate: 21, base: 1000, amount: 210 }],
    otrosImpuestos: null,
    total: 1210,
    moneda: "PES",
    cotizacion: 1,
    cae: "76123456789012",
    caeVencimiento: "2026-11-30",
    noGravado: null,
    exento: null,
    percepcionesIva: null,
    percepcionesIibb: null,
    impuestosInternos: null,
    otrosTributos: null,
    ...overrides,
  };
}

/** Every non-null field read from the QR with confidence 0.99, then `overrides` per field. */
export function confidentMeta(fields: InvoiceFields, overrides: Record<string, Record<string, unknown>> = {}): FieldMetaMap {
  const meta: Record<string, unknown> = {};
  for (const f of INVOICE_FIELD_NAMES) if (fields[f] != null) meta[f] = { source: "QR", confidence: 0.99, ...overrides[f] };
  return meta as FieldMetaMap;
}

/** Uploads a row (PROCESSING, as the inspect step leaves it) and runs the real save step on it. */
export async function parsedDocument(tenantId: string, fields: InvoiceFields, meta = confidentMeta(fields), fileName = `factura-${randomUUID().slice(0, 6)}.pdf`) {
  const sha256 = createHash("sha256").update(randomUUID()).digest("hex");
  const row = await db().document.create({ data: { tenantId, status: "PROCESSING", fileName, mimeType: "application/pdf", sizeBytes: 100, sha256, storageKey: `test/${sha256}` } });
  const saved = await saveStage(tenantId, row.id, {
    kind: "pdf",
    stages: [],
    outcome: { ok: true, fields, meta, notes: [], issues: [], keptUserFields: [], ms: 1 },
    startedAt: Date.now(),
  });
  if (!saved.saved) throw new Error("save step did not save");
  return db().document.findUniqueOrThrow({ where: { id: row.id } });
}
