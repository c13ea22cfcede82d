import { NonRetriableError } from "inngest";
import { inngest } from "../../client";
import { documentParseRequested } from "../../events";
import {
  aiStage,
  failAfterCrash,
  inspectStage,
  needsAi,
  needsOcr,
  ocrStage,
  qrStage,
  saveStage,
  textStage,
  validateStage,
  type StageOutcome,
} from "@/server/documents/parse-pipeline";
import type { StageReport } from "@/server/documents/parse-report";

/** Retries of a step (our own errors, and stage timeouts that may only be a busy machine). */
const RETRIES = 2;

const report = (o: StageOutcome): StageReport => ({ stage: o.stage, status: o.status, ms: o.ms, ...(o.note ? { note: o.note } : {}) });

/**
 * Parses one uploaded document, one step per stage: inspect → QR → text → OCR (only when
 * needed) → AI (only with a provider configured and fields still missing) → validate → save.
 * Each step reads the file from storage again and returns small JSON. A file that cannot be
 * parsed ends FAILED with its reason and document.failed (the run then fails without retries);
 * our own errors (database, storage) and stage timeouts (maybe only a busy machine) are retried, and after the last retry onFailure marks the
 * document FAILED so it is never left PROCESSING.
 */
export const parseDocument = inngest.createFunction(
  {
    id: "parse-document",
    name: "Documentos: procesar",
    triggers: [documentParseRequested],
    retries: RETRIES,
    concurrency: [{ limit: 4 }, { limit: 1, key: "event.data.documentId" }],
    onFailure: async ({ event, error, step }) => {
      const { tenantId, documentId } = event.data.event.data;
      await step.run("mark-failed", () => failAfterCrash(tenantId, documentId, error.message));
    },
  },
  async ({ event, step, attempt }) => {
    const { tenantId, documentId } = event.data;
    // A stage timeout is thrown (retried) until the last attempt, which records it as the reason.
    const last = attempt >= RETRIES;
    const startedAt = await step.run("start", () => Date.now());
    const inspected = await step.run("inspect", () => inspectStage(tenantId, documentId, last));
    if (!inspected.ok && "gone" in inspected) return { status: "GONE" };

    const stages: StageReport[] = [{ stage: "inspect", status: inspected.ok ? "ok" : "failed", ms: inspected.ms }];
    let outcome: Parameters<typeof saveStage>[2]["outcome"];
    const kind = inspected.ok ? inspected.kind : null;

    if (!inspected.ok) {
      outcome = { ok: false, failure: inspected.failure, notes: [], ms: 0 };
    } else {
      const qr = await step.run("qr", () => qrStage(tenantId, documentId, inspected.kind, last));
      const text = await step.run("text", () => textStage(tenantId, documentId, inspected.kind, last));
      const done: StageOutcome[] = [qr, text];
      let fatal = qr.fatal ?? text.fatal;
      if (!fatal && needsOcr(inspected.kind, qr.result, text.result)) {
        const ocr = await step.run("ocr", () => ocrStage(tenantId, documentId, inspected.kind, last));
        done.push(ocr);
        fatal = ocr.fatal;
      } else {
        done.push({ stage: "ocr", status: "skipped", ms: null, note: fatal ? undefined : "No hizo falta: el QR y el texto alcanzaron", result: null });
      }
      const sourceText = text.result?.text ?? done.find((d) => d.stage === "ocr")?.result?.text;
      if (!fatal && sourceText && needsAi(done.map((d) => d.result), sourceText)) {
        done.push(await step.run("ai", () => aiStage(tenantId, sourceText)));
      } else {
        done.push({ stage: "ai", status: "skipped", ms: null, result: null });
      }
      stages.push(...done.map(report));
      const notes = done.filter((d) => d.status === "failed" && d.note).map((d) => d.note!);
      outcome = fatal
        ? { ok: false, failure: fatal, notes, ms: 0 }
        : await step.run("validate", () => validateStage(tenantId, documentId, done.map((d) => d.result), notes));
    }

    const saved = await step.run("save", () => saveStage(tenantId, documentId, { kind, stages, outcome, startedAt }));
    if (saved.status === "FAILED") throw new NonRetriableError(saved.error ?? "El documento no se pudo procesar");
    return { status: saved.status ?? "SKIPPED", reviewStatus: saved.reviewStatus };
  },
);
