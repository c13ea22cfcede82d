import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";

/** Partial result of one stage. */
export type StageResult = {
  fields: Partial<InvoiceFields>;
  meta: FieldMetaMap;
  notes: string[];
  /** text layer / OCR text (≤ 64 KiB) */
  text?: string;
};
