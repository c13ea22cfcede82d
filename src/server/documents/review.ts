import "server-only";
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import { reviewVerdict } from "@/server/parsing/decisions";

/** Whether a person should look at the document (the parser's verdict; the CLI uses the same one). */
export function reviewState(fields: InvoiceFields, meta: FieldMetaMap) {
  return reviewVerdict(fields, meta);
}
