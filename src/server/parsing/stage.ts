import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import type { ReadPositions } from "@/lib/documents/positions";

/** Partial result of one stage. */
export type StageResult = {
  fields: Partial<InvoiceFields>;
  meta: FieldMetaMap;
  notes: string[];
  /** Text stage: the CUIT each name was read next to (merge drops a name of the wrong party). */
  anchors?: { proveedorRazonSocial?: string | null; receptorNombre?: string | null };
  /** text layer / OCR text (≤ 64 KiB) */
  text?: string;
  /** where the stage saw its values on the page (the QR symbol), for the review viewer */
  positions?: ReadPositions;
};
