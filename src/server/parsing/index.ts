/**
 * Invoice extraction library: its contract is this file's exports (ARCHITECTURE.md, «parsing/»).
 * Pure server-side functions: no database, no Inngest. Heavy work on untrusted bytes runs in
 * worker threads with time and memory limits (worker-pool.ts); failures are ParseFailure with a
 * Spanish message.
 */
import "server-only";

export { ParseFailure, isParseFailure } from "./failure";
export { inspectFile, type FileKind } from "./inspect";
export type { StageResult } from "./stage";
export { extractQr } from "./qr";
export { extractText } from "./text";
export { extractOcr, ocrEngine, shutdownOcr } from "./ocr";
export { extractWithAi } from "./ai";
export { mergeStages } from "./merge";
export { validateInvoice, type ValidationIssue } from "./validate";
export { parseInvoice, analyzePdf, type ParseOutcome } from "./parse-invoice";
export { REQUIRED_FIELDS, REVIEW_THRESHOLD } from "./decisions";
export { comprobanteByCode, isKnownComprobante, ALL_COMPROBANTES } from "./comprobantes";
export { isValidCuit } from "@/lib/cuit";
export { decodeAfipQr, isAfipQrUrl, afipQrUrl } from "./afip-qr";
export { PARSE_LIMITS } from "./limits";
export { readDocument, type DocumentRead, type ReadPhase } from "./read-document";
export { warmUp, shutdownWorkers, pdfLoadCount } from "./worker-pool";
