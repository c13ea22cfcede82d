/** Tones shared by the documents screens; formatting lives in src/lib/format, texts in the "documents" messages. */
import type { DocumentStatusName } from "@/lib/schemas/documents";

export const STATUS_TONE: Record<DocumentStatusName, "slate" | "amber" | "green" | "red"> = { PENDING: "slate", PROCESSING: "amber", COMPLETED: "green", FAILED: "red" };
