import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import type { ReadPositions } from "@/lib/documents/positions";

/** Partial result of one stage. */
export type StageResult = {
  fields: Partial<InvoiceFields>;
  meta: FieldMetaMap;
  notes: string[];
  /** text layer / OCR text (≤ 64 KiB) */
  text?: string;
  /** where the stage saw its values on the page (the QR symbol), for the review viewer */
  positions?: ReadPositions;
};
