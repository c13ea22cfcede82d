/**
 * The stages of the parse function (inngest/functions/documents/parse-document.ts). The first
 * step reads the row and the file once and runs inspect + QR + text on ONE document load
 * (readDocument); OCR and AI, when needed, are steps of their own; the last step validates and
 * saves in one transaction, against the row it locks. Steps hand each other small JSON (never
 * bytes): the storage key, the kind, the stage results. A hostile or unreadable file ends as a
 * failure value, never as a crash; only our own trouble (database, storage) throws, so the step
 * is retried.
 */
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { loadAiProvider } from "@/server/ai/provider";
import { failureCodeOf, type FailureCode } from "@/lib/documents/failure-codes";
import { db, type Tx } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { dispatchAfterCommit } from "@/server/events/dispatch";
import { recordDomainEvent } from "@/server/events/outbox";
import { logger } from "@/server/log/logger";
import {
  comprobanteByCode,
  extractOcr,
  extractWithAi,
  isParseFailure,
  ParseFailure,
  readDocument,
  type FileKind,
  type ReadPhase,
  type StageResult,
} from "@/server/parsing";
import { enoughData, mergeForSave, reviewVerdict } from "@/server/parsing/decisions";
import type { Document } from "@/generated/prisma/client";
import { storeRuleSuggestions } from "@/server/ai/suggestions/generate";
import { storage } from "@/server/storage";
import { applyDirectory } from "@/server/suppliers/apply-directory";
import { scoped } from "@/server/tenants/scope";
import { formatComprobanteNumber, INVOICE_FIELD_NAMES, type FieldMetaMap, type InvoiceFieldName, type InvoiceFields } from "@/lib/documents/fields";
import type { ReadPositions } from "@/lib/documents/positions";
import { toPublicDocuments } from "@/server/public-api/document-representation";
import { extractFields, fieldsToColumns } from "./document-view";
import { parseReportOf, type ParseReport, type ReportIssue, type StageName, type StageReport } from "./parse-report";
import { eventImportes } from "./event-importes";
import { refreshReview } from "./review/refresh";
import { eventReview } from "./review/event-review";

const log = logger.child({ module: "parse-document" });

/** Outer time limit per stage (the library has its own, tighter ones inside). */
export const STAGE_TIMEOUT_MS: Record<"read" | "ocr" | "ai", number> = { read: 70_000, ocr: 90_000, ai: 90_000 };
/** Text handed from a stage to the AI stage (step outputs stay small). */
const MAX_TEXT_FOR_AI = 12_000;
/** Failures that end the parse; any other stage error is a note and the next stage goes on. */
const FATAL_REASONS = new Set(["TIMEOUT", "TOO_LARGE", "ENCRYPTED"]);

/**
 * A stage that ran out of time may only have met a busy machine: the step is retried (its
 * error is thrown) until `finalAttempt`, when the timeout ends the parse as FAILED.
 */
export class StageTimedOut extends Error {
  constructor(stage: string, message: string) {
    super(`${stage}: ${message} (se reintenta)`);
    this.name = "StageTimedOut";
  }
}

export type Failure = { reason: string; message: string };
export type InspectOutcome =
  | { ok: true; kind: FileKind; pageCount: number; mimeType: string; ms: number }
  | { ok: false; failure: Failure; ms: number }
  | { ok: false; gone: true };
export type StageOutcome = { stage: StageName; status: StageReport["status"]; ms: number | null; note?: string; result: StageResult | null; fatal?: Failure };

const STAGE_LABEL: Record<StageName | "read", string> = { read: "Lectura", inspect: "Inspección", qr: "QR de AFIP", text: "Texto", ocr: "OCR", ai: "IA", validate: "Validación", save: "Guardado" };

function withTimeout<T>(stage: keyof typeof STAGE_TIMEOUT_MS, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`La etapa ${STAGE_LABEL[stage]} tardó más de ${STAGE_TIMEOUT_MS[stage] / 1000} s`);
      Object.assign(err, { name: "ParseFailure", reason: "TIMEOUT" });
      reject(err);
    }, STAGE_TIMEOUT_MS[stage]);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

const elapsed = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

async function loadRow(tenantId: string, documentId: string) {
  return db().document.findFirst({ where: scoped({ tenantId }, { id: documentId }) });
}

/** What the first step hands on: the later steps need neither the row nor the file again to decide. */
export type FirstRead = {
  startedAt: number;
  inspected: InspectOutcome;
  storageKey?: string;
  qr?: StageOutcome;
  text?: StageOutcome;
  /** the tenant has AI extraction on (no "ai" step otherwise) */
  aiExtraction?: boolean;
};

function failureOf(err: unknown): Failure {
  if (isParseFailure(err)) return { reason: err.reason, message: err.message };
  return { reason: "CORRUPT", message: `No se pudo leer el archivo: ${err instanceof Error ? err.message : String(err)}` };
}

/** A stage's result or error → its outcome (fatal failures end the parse; others are notes). */
function stageOutcome(stage: "qr" | "text" | "ocr", documentId: string, phase: ReadPhase, finalAttempt: boolean): StageOutcome {
  if (phase.skipped) return { stage, status: "skipped", ms: null, result: null };
  const err = phase.error;
  if (!err) return { stage, status: phase.result ? "ok" : "empty", ms: phase.ms, result: slim(phase.result) };
  if (err.reason === "TIMEOUT" && !finalAttempt) throw new StageTimedOut(stage, err.message);
  if (FATAL_REASONS.has(err.reason)) return { stage, status: "failed", ms: phase.ms, note: err.message, result: null, fatal: { reason: err.reason, message: err.message } };
  log.info({ documentId, stage, err: err.message }, "stage failed softly");
  return { stage, status: "failed", ms: phase.ms, note: `${STAGE_LABEL[stage]}: ${err.message}`, result: null };
}

/**
 * Step "read": marks the document PROCESSING, reads the stored file once and runs inspect, QR
 * and text on one document load. An inspect failure (type, size, pages, unreadable) is a value.
 */
export async function readStage(tenantId: string, documentId: string, finalAttempt = true): Promise<FirstRead> {
  const startedAt = Date.now();
  const [row] = await db().document.updateManyAndReturn({ where: scoped({ tenantId }, { id: documentId }), data: { status: "PROCESSING", error: null } });
  if (!row) return { startedAt, inspected: { ok: false, gone: true } };
  const [bytes, aiExtraction] = await Promise.all([storage().get(row.storageKey), extractionEnabled(tenantId)]);
  const t0 = performance.now();
  try {
    const read = await withTimeout("read", readDocument(bytes, row.fileName));
    return {
      startedAt,
      storageKey: row.storageKey,
      aiExtraction,
      inspected: { ok: true, kind: read.kind, pageCount: read.pageCount, mimeType: read.mimeType, ms: read.inspectMs },
      qr: stageOutcome("qr", documentId, read.qr, finalAttempt),
      text: stageOutcome("text", documentId, read.text, finalAttempt),
    };
  } catch (err) {
    if (err instanceof StageTimedOut) throw err;
    if (isParseFailure(err) && err.reason === "TIMEOUT" && !finalAttempt) throw new StageTimedOut("inspect", err.message);
    return { startedAt, storageKey: row.storageKey, inspected: { ok: false, failure: failureOf(err), ms: elapsed(t0) } };
  }
}

async function extractionEnabled(tenantId: string): Promise<boolean> {
  const config = await db().aiProviderConfig.findUnique({ where: { tenantId }, select: { extractionEnabled: true } });
  return config?.extractionEnabled ?? false;
}

function slim(result: StageResult | null): StageResult | null {
  if (!result) return null;
  return { fields: result.fields, meta: result.meta, notes: result.notes.slice(0, 20), ...(result.anchors ? { anchors: result.anchors } : {}), ...(result.text ? { text: result.text.slice(0, MAX_TEXT_FOR_AI) } : {}), ...(result.positions ? { positions: result.positions } : {}) };
}

/** Step "ocr" (scans, or a PDF whose QR and text did not reach): the file by the key the first step read. */
export async function ocrStage(tenantId: string, documentId: string, storageKey: string, kind: FileKind, finalAttempt = true): Promise<StageOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await storage().get(storageKey);
  } catch (err) {
    if (!(await loadRow(tenantId, documentId))) return { stage: "ocr", status: "skipped", ms: null, note: "El documento se eliminó", result: null };
    throw err;
  }
  const t0 = performance.now();
  try {
    const result = await withTimeout("ocr", extractOcr(bytes, kind));
    return stageOutcome("ocr", documentId, { result, ms: elapsed(t0), error: null }, finalAttempt);
  } catch (err) {
    const error = isParseFailure(err) ? err : new ParseFailure("CORRUPT", err instanceof Error ? err.message : String(err));
    return stageOutcome("ocr", documentId, { result: null, ms: elapsed(t0), error }, finalAttempt);
  }
}

/** Pure stage decisions shared with the CLI (scripts/parse.ts). */
export { needsAi, needsOcr } from "@/server/parsing/decisions";

/** Step "ai": only when the tenant configured a provider for extraction; one provider call. */
export async function aiStage(tenantId: string, text: string): Promise<StageOutcome> {
  const provider = await loadAiProvider(tenantId, "extraction");
  if (!provider) return { stage: "ai", status: "skipped", ms: null, note: "IA no configurada para extracción", result: null };
  const t0 = performance.now();
  try {
    const result = await withTimeout("ai", extractWithAi(provider, text));
    return { stage: "ai", status: result ? "ok" : "empty", ms: elapsed(t0), result: slim(result) };
  } catch (err) {
    return { stage: "ai", status: "failed", ms: elapsed(t0), note: `IA: ${err instanceof Error ? err.message : String(err)}`, result: null };
  }
}

export type Validated =
  | { ok: true; fields: InvoiceFields; meta: FieldMetaMap; notes: string[]; issues: ReportIssue[]; keptUserFields: InvoiceFieldName[]; ms: number; positions?: ReadPositions }
  | { ok: false; failure: Failure; notes: string[]; ms: number };

/**
 * Validation, inside the save step: merges the stages, keeps every field a person corrected
 * (source USER, read from the row the save locks), and validates the result. Too little found →
 * NO_DATA failure. The review reasons (including duplicates) are computed by the save itself.
 */
export function validateStage(results: (StageResult | null)[], stageNotes: string[], row: Document | null): Validated {
  const t0 = performance.now();
  const merged = mergeForSave(results);
  const notes = [...merged.notes, ...stageNotes];
  if (!enoughData(merged.fields)) {
    const detail = stageNotes[0] ? ` (${stageNotes[0]})` : "";
    return { ok: false, failure: { reason: "NO_DATA", message: `No se pudieron extraer datos suficientes del documento${detail}.` }, notes, ms: elapsed(t0) };
  }
  const kept = keepUserFields(merged.fields, merged.meta, row ? extractFields(row) : null, (row?.fieldMeta ?? {}) as FieldMetaMap);
  // The report lists the verdict's issues (validation, missing fields the type requires); the
  // review reasons, duplicates included, are computed by the save step (review/refresh.ts).
  const issues: ReportIssue[] = reviewVerdict(kept.fields, kept.meta).issues;
  const qrBox = results.find((r) => r?.positions?.qr)?.positions?.qr;
  const ocrWords = results.find((r) => r?.positions?.ocr)?.positions?.ocr;
  const positions = { ...(qrBox ? { qr: qrBox } : {}), ...(ocrWords ? { ocr: ocrWords } : {}) };
  return { ok: true, fields: kept.fields, meta: kept.meta, notes, issues, keptUserFields: kept.keptUserFields, ms: elapsed(t0), ...(qrBox || ocrWords ? { positions } : {}) };
}

/** A parse never overwrites what a person corrected: USER fields keep their value and meta. */
export function keepUserFields(fields: InvoiceFields, meta: FieldMetaMap, current: InvoiceFields | null, currentMeta: FieldMetaMap) {
  const out = { ...fields };
  const outMeta: FieldMetaMap = { ...meta };
  const keptUserFields: InvoiceFieldName[] = [];
  if (current) {
    for (const name of INVOICE_FIELD_NAMES) {
      if (currentMeta[name]?.source !== "USER") continue;
      (out as Record<string, unknown>)[name] = current[name];
      outMeta[name] = currentMeta[name];
      keptUserFields.push(name);
    }
  }
  return { fields: out, meta: outMeta, keptUserFields };
}

/** The API's document object as it is inside the transaction that emits the event (webhook `document`). */
async function eventDocument(tx: Tx, tenantId: string, documentId: string) {
  const row = await tx.document.findFirstOrThrow({ where: scoped({ tenantId }, { id: documentId }) });
  return (await toPublicDocuments(tenantId, [row], tx))[0]!;
}

/** "30-12345678-9" as in the seed's payload. */
export function dashedCuit(cuit: string | null): string | null {
  if (!cuit || !/^\d{11}$/.test(cuit)) return null;
  return `${cuit.slice(0, 2)}-${cuit.slice(2, 10)}-${cuit.slice(10)}`;
}

/** The seed's numero: `0001-00012345` (4-digit punto de venta unless it needs 5). */
export function seedNumero(puntoVenta: number | null, numero: number | null): string | null {
  if (puntoVenta == null || numero == null) return null;
  return formatComprobanteNumber(puntoVenta, numero, puntoVenta > 9999 ? 5 : 4);
}

type Outcome = Validated | { ok: false; failure: Failure; notes: string[]; ms: number };

export type SaveInput = {
  kind: FileKind | null;
  stages: StageReport[];
  outcome: Outcome;
  startedAt: number;
  /** from the read step; written with the result (no update of their own) */
  pageCount?: number;
  mimeType?: string;
};

/** The last step's input: the stage results, validated against the row the save locks. */
export type FinishInput = Omit<SaveInput, "outcome"> & { results: (StageResult | null)[]; stageNotes: string[]; failure: Failure | null };

export type Saved = {
  saved: boolean;
  status: "COMPLETED" | "FAILED" | null;
  error: string | null;
  reviewStatus: string | null;
  /** the outbox event of document.processed when the tenant's AI suggestions are on (the function then asks for them) */
  suggestAfter?: string;
};

/** Step "save": validate + save (see saveStage); validation uses the row read in the save's transaction. */
export function finishStage(tenantId: string, documentId: string, input: FinishInput): Promise<Saved> {
  const { results, stageNotes, failure, ...rest } = input;
  return saveParse(tenantId, documentId, rest, (row) => (failure ? { ok: false, failure, notes: stageNotes, ms: 0 } : validateStage(results, stageNotes, row)));
}

/**
 * Saves an outcome already validated: in ONE transaction the fields (or the failure), the parse
 * report, the rule suggestions and the `document.processed` / `document.failed` outbox row;
 * dispatched after commit. Only a document still PROCESSING is saved, so a repeated step (or a
 * parse overtaken by a reprocess) records nothing twice.
 */
export function saveStage(tenantId: string, documentId: string, input: SaveInput): Promise<Saved> {
  const { outcome, ...rest } = input;
  return saveParse(tenantId, documentId, rest, () => outcome);
}

async function saveParse(tenantId: string, documentId: string, input: Omit<SaveInput, "outcome">, decide: (row: Document) => Outcome): Promise<Saved> {
  const scope = { tenantId };
  const t0 = performance.now();
  const read = input.pageCount != null && input.mimeType ? { pageCount: input.pageCount, mimeType: input.mimeType } : {};
  const result = await db().$transaction(async (tx) => {
    const row = await tx.document.findFirst({ where: scoped(scope, { id: documentId }) });
    if (!row || row.status !== "PROCESSING") return null;
    const outcome = decide(row);
    const previous = parseReportOf(row.parseReport);
    const report: ParseReport = {
      attempt: (previous?.attempt ?? 0) + 1,
      kind: input.kind,
      stages: [...input.stages, { stage: "validate", status: outcome.ok ? "ok" : "failed", ms: outcome.ms }, { stage: "save", status: "ok", ms: elapsed(t0) }],
      notes: outcome.notes.slice(0, 50),
      issues: outcome.ok ? outcome.issues : [],
      keptUserFields: outcome.ok ? outcome.keptUserFields : [],
      failure: outcome.ok ? null : outcome.failure,
      totalMs: Math.round(Date.now() - input.startedAt),
      finishedAt: new Date().toISOString(),
      ...(outcome.ok && outcome.positions ? { positions: outcome.positions } : {}),
    };
    if (!outcome.ok) {
      const { count } = await tx.document.updateMany({
        where: scoped(scope, { id: documentId, status: "PROCESSING" as const }),
        data: { ...read, status: "FAILED", error: outcome.failure.message, errorCode: failureCodeOf(outcome.failure.reason), parseReport: report as unknown as Prisma.InputJsonValue, processedAt: new Date(), reviewStatus: "NOT_READY", reviewReasons: [], reviewedAt: null, reviewedById: null },
      });
      if (count === 0) return null;
      const codigoError = failureCodeOf(outcome.failure.reason);
      const document = await eventDocument(tx, tenantId, documentId);
      const event = await recordDomainEvent(tx, tenantId, createDomainEvent("document.failed", { documentoId: documentId, error: outcome.failure.message, codigoError, document }));
      return { event, status: "FAILED" as const, error: outcome.failure.message };
    }
    // The fields are final here: the supplier directory fills or checks the razón social.
    const { fields, meta, note } = await applyDirectory(tx, tenantId, outcome.fields, outcome.meta);
    if (note) report.notes = [...report.notes, note].slice(-50);
    const [parsed] = await tx.document.updateManyAndReturn({
      where: scoped(scope, { id: documentId, status: "PROCESSING" as const }),
      data: {
        ...read,
        ...fieldsToColumns(fields),
        fieldMeta: meta as Prisma.InputJsonValue,
        status: "COMPLETED",
        error: null,
        errorCode: null,
        version: { increment: 1 },
        parseReport: report as unknown as Prisma.InputJsonValue,
        processedAt: new Date(),
      },
    });
    if (!parsed) return null;
    // A parse starts the review over: NEEDS_REVIEW with its reasons, else UNREVIEWED (a reviewed document reopens).
    const saved = (await refreshReview(tx, scope, documentId, "parse", { current: parsed }))!;
    // Rule suggestions need no provider: computed here rather than in a run of their own.
    await storeRuleSuggestions(tx, saved);
    const proveedor = fields.proveedorCuit || fields.proveedorRazonSocial ? { cuit: dashedCuit(fields.proveedorCuit), razonSocial: fields.proveedorRazonSocial } : null;
    const event = await recordDomainEvent(
      tx,
      tenantId,
      createDomainEvent("document.processed", {
        documentoId: documentId,
        tipo: fields.tipo ?? (fields.tipoCodigo != null ? comprobanteByCode(fields.tipoCodigo).tipo : "OTRO"),
        numero: seedNumero(fields.puntoVenta, fields.numero),
        fecha: fields.fecha,
        total: fields.total,
        proveedor,
        estado: "completed",
        importes: eventImportes(fields),
        ...eventReview(saved),
        document: (await toPublicDocuments(tenantId, [saved], tx))[0]!,
      }),
    );
    const ai = await tx.aiProviderConfig.findUnique({ where: { tenantId }, select: { classificationEnabled: true, suggestionsEnabled: true } });
    const suggestAfter = ai && (ai.classificationEnabled || ai.suggestionsEnabled) ? event.id : undefined;
    return { event, status: "COMPLETED" as const, error: null, reviewStatus: saved.reviewStatus, suggestAfter };
  });
  if (!result) return { saved: false, status: null, error: null, reviewStatus: null };
  // The step ends with its commit; the hand-off follows (grouped with other documents' events).
  dispatchAfterCommit([result.event]);
  return {
    saved: true,
    status: result.status,
    error: result.error,
    reviewStatus: "reviewStatus" in result ? (result.reviewStatus ?? null) : null,
    ...("suggestAfter" in result && result.suggestAfter ? { suggestAfter: result.suggestAfter } : {}),
  };
}

/**
 * onFailure: the run died of something other than the file (retries exhausted on our own
 * error). A document left PENDING/PROCESSING ends FAILED with document.failed, never stuck.
 */
export async function failAfterCrash(tenantId: string, documentId: string, detail: string): Promise<boolean> {
  const message = "No se pudo procesar el documento por un error interno. Probá reprocesarlo en unos minutos.";
  const event = await db().$transaction(async (tx) => {
    const { count } = await tx.document.updateMany({
      where: scoped({ tenantId }, { id: documentId, status: { in: ["PENDING" as const, "PROCESSING" as const] } }),
      data: { status: "FAILED", error: message, errorCode: "INTERNAL_ERROR" satisfies FailureCode, processedAt: new Date(), reviewStatus: "NOT_READY", reviewReasons: [], reviewedAt: null, reviewedById: null },
    });
    if (count === 0) return null;
    const document = await eventDocument(tx, tenantId, documentId);
    return recordDomainEvent(tx, tenantId, createDomainEvent("document.failed", { documentoId: documentId, error: message, codigoError: "INTERNAL_ERROR", document }));
  });
  if (!event) return false;
  log.error({ documentId, detail }, "parse run failed after its retries; document marked FAILED");
  dispatchAfterCommit([event]);
  return true;
}
