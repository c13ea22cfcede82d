import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";

/** Partial result of one stage. */
export type StageResult = {
  fields: Partial<InvoiceFields>;
  meta: FieldMetaMap;
  notes: string[];
  /** Text stage: the CUIT each name was read next to (merge drops a name of the wrong party). */
  anchors?: { proveedorRazonSocial?: string | null; receptorNombre?: string | null };
  /** text layer / OCR text (≤ 64 KiB) */
  text?: string;
};
