/** What the parse pipeline did, stored on the document (`parseReport`) and shown on its page. */
import type { InvoiceFieldName } from "@/lib/documents/fields";
import type { ReadPositions } from "@/lib/documents/positions";

export type StageName = "inspect" | "qr" | "text" | "ocr" | "ai" | "validate" | "save";
export type StageReport = { stage: StageName; status: "ok" | "empty" | "skipped" | "failed"; ms: number | null; note?: string };
export type ReportIssue = { field: InvoiceFieldName | null; severity: "error" | "warning"; message: string };

export type ParseReport = {
  /** Increments with every parse of the document. */
  attempt: number;
  kind: "pdf" | "image" | null;
  stages: StageReport[];
  notes: string[];
  issues: ReportIssue[];
  /** Fields kept because a person corrected them. */
  keptUserFields: InvoiceFieldName[];
  failure: { reason: string; message: string } | null;
  totalMs: number | null;
  finishedAt: string;
  /** Where stages saw values on the page (the QR symbol), for the review viewer; absent in older reports. */
  positions?: ReadPositions;
};

export function parseReportOf(value: unknown): ParseReport | null {
  if (!value || typeof value !== "object" || !Array.isArray((value as ParseReport).stages)) return null;
  return value as ParseReport;
}
