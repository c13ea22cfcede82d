/**
 * The app's parse (inngest/functions/documents/parse-document.ts) without a database: the same
 * stage functions (inspect + QR + text on one document load, then OCR) and the same decisions
 * (decisions.ts), in one call. For the CLI
 * (`npm run parse`), bench/accuracy and the ground-truth test. AI is not run (its provider lives
 * in the tenant's settings); duplicates and USER corrections need the database and are the
 * pipeline's own.
 */
import "server-only";
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import { enoughData, mergeForSave, needsOcr, reviewVerdict } from "./decisions";
import { isParseFailure } from "./failure";
import type { FileKind } from "./inspect";
import { extractOcr } from "./ocr";
import { readDocument, type DocumentRead, type ReadPhase } from "./read-document";
import type { StageResult } from "./stage";
import type { ValidationIssue } from "./validate";

const FATAL = new Set(["TIMEOUT", "TOO_LARGE", "ENCRYPTED"]);

export type AppStage = { stage: "inspect" | "qr" | "text" | "ocr"; status: "ok" | "empty" | "failed" | "skipped"; ms: number; note?: string };
export type AppParse =
  | { ok: true; kind: FileKind; stages: AppStage[]; fields: InvoiceFields; meta: FieldMetaMap; notes: string[]; issues: ValidationIssue[]; needsReview: boolean; lowConfidence: string[] }
  | { ok: false; kind: FileKind | null; stages: AppStage[]; failure: { reason: string; message: string }; notes: string[] };

type Fatal = { reason: string; message: string };

async function stage(name: AppStage["stage"], stages: AppStage[], fn: () => Promise<StageResult | null>): Promise<{ result: StageResult | null; fatal?: Fatal; note?: string }> {
  const t0 = performance.now();
  const ms = () => Math.round((performance.now() - t0) * 10) / 10;
  try {
    const result = await fn();
    stages.push({ stage: name, status: result ? "ok" : "empty", ms: ms() });
    return { result };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    stages.push({ stage: name, status: "failed", ms: ms(), note: message });
    if (isParseFailure(err) && FATAL.has(err.reason)) return { result: null, fatal: { reason: err.reason, message } };
    return { result: null, note: message };
  }
}

/** A read phase → the stage's entry and outcome (as `stage` does for a call of its own). */
function fromPhase(name: "qr" | "text", stages: AppStage[], phase: ReadPhase): { result: StageResult | null; fatal?: Fatal; note?: string } {
  if (phase.skipped) {
    stages.push({ stage: name, status: "skipped", ms: 0 });
    return { result: null };
  }
  const err = phase.error;
  stages.push({ stage: name, status: err ? "failed" : phase.result ? "ok" : "empty", ms: phase.ms, ...(err ? { note: err.message } : {}) });
  if (!err) return { result: phase.result };
  if (FATAL.has(err.reason)) return { result: null, fatal: { reason: err.reason, message: err.message } };
  return { result: null, note: err.message };
}

export async function parseLikeApp(bytes: Uint8Array, fileName: string): Promise<AppParse> {
  const stages: AppStage[] = [];
  let read: DocumentRead;
  try {
    // inspect + QR + text on one document load, as the app's first step
    read = await readDocument(bytes, fileName);
    stages.push({ stage: "inspect", status: "ok", ms: Math.round(read.inspectMs) });
  } catch (err) {
    const failure = isParseFailure(err) ? { reason: err.reason, message: err.message } : { reason: "CORRUPT", message: String(err) };
    return { ok: false, kind: null, stages, failure, notes: [] };
  }
  const { kind } = read;
  const qr = fromPhase("qr", stages, read.qr);
  const text = fromPhase("text", stages, read.text);
  const done = [qr, text];
  let fatal = qr.fatal ?? text.fatal;
  if (!fatal && needsOcr(kind, qr.result, text.result)) {
    const ocr = await stage("ocr", stages, () => extractOcr(bytes, kind));
    done.push(ocr);
    fatal = ocr.fatal;
  } else stages.push({ stage: "ocr", status: "skipped", ms: 0 });
  const stageNotes = done.filter((d) => d.note || d.fatal).map((d) => (d.note ?? d.fatal!.message));
  if (fatal) return { ok: false, kind, stages, failure: fatal, notes: stageNotes };
  const merged = mergeForSave(done.map((d) => d.result));
  const notes = [...merged.notes, ...stageNotes];
  if (!enoughData(merged.fields)) {
    return { ok: false, kind, stages, failure: { reason: "NO_DATA", message: "No se pudieron extraer datos suficientes del documento." }, notes };
  }
  const verdict = reviewVerdict(merged.fields, merged.meta);
  return { ok: true, kind, stages, fields: merged.fields, meta: merged.meta, notes, issues: verdict.issues, needsReview: verdict.needsReview, lowConfidence: verdict.lowConfidence };
}
