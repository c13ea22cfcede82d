import { NonRetriableError } from "inngest";
import { inngest } from "../../client";
import { documentParseRequested, documentSuggestionsRequested } from "../../events";
import { aiStage, failAfterCrash, finishStage, needsAi, needsOcr, ocrStage, readStage, type StageOutcome } from "@/server/documents/parse-pipeline";
import type { StageReport } from "@/server/documents/parse-report";

/** Retries of a step (our own errors, and stage timeouts that may only be a busy machine). */
const RETRIES = 2;

const report = (o: StageOutcome): StageReport => ({ stage: o.stage, status: o.status, ms: o.ms, ...(o.note ? { note: o.note } : {}) });

/**
 * Parses one uploaded document in as few steps as its file needs: "read" (inspect + QR + text on
 * one document load) → "ocr" (only when needed) → "ai" (only with AI extraction on and fields
 * still missing) → "save" (validate + save in one transaction). A QR PDF costs two steps. Then,
 * only when the tenant's AI suggestions are on, the event that starts them. A file that cannot be
 * parsed ends FAILED with its reason and document.failed (the run then fails without retries);
 * our own errors (database, storage) and stage timeouts (maybe only a busy machine) are retried,
 * and after the last retry onFailure marks the document FAILED so it is never left PROCESSING.
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
    const read = await step.run("read", () => readStage(tenantId, documentId, last));
    const { inspected } = read;
    if (!inspected.ok && "gone" in inspected) return { status: "GONE" };

    const stages: StageReport[] = [{ stage: "inspect", status: inspected.ok ? "ok" : "failed", ms: inspected.ms }];
    const done: StageOutcome[] = [];
    let failure = !inspected.ok ? inspected.failure : null;
    if (inspected.ok && read.qr && read.text && read.storageKey) {
      const { qr, text, storageKey } = read;
      done.push(qr, text);
      failure = qr.fatal ?? text.fatal ?? null;
      if (!failure && needsOcr(inspected.kind, qr.result, text.result)) {
        const ocr = await step.run("ocr", () => ocrStage(tenantId, documentId, storageKey, inspected.kind, last));
        done.push(ocr);
        failure = ocr.fatal ?? null;
      } else {
        done.push({ stage: "ocr", status: "skipped", ms: null, note: failure ? undefined : "No hizo falta: el QR y el texto alcanzaron", result: null });
      }
      const sourceText = text.result?.text ?? done.find((d) => d.stage === "ocr")?.result?.text;
      if (!failure && sourceText && needsAi(done.map((d) => d.result), sourceText)) {
        // No step for a tenant without AI extraction: the read step looked it up.
        done.push(read.aiExtraction ? await step.run("ai", () => aiStage(tenantId, sourceText)) : { stage: "ai", status: "skipped", ms: null, note: "IA no configurada para extracción", result: null });
      } else {
        done.push({ stage: "ai", status: "skipped", ms: null, result: null });
      }
      stages.push(...done.map(report));
    }
    const stageNotes = done.filter((d) => d.status === "failed" && d.note).map((d) => d.note!);
    const saved = await step.run("save", () =>
      finishStage(tenantId, documentId, {
        kind: inspected.ok ? inspected.kind : null,
        ...(inspected.ok ? { pageCount: inspected.pageCount, mimeType: inspected.mimeType } : {}),
        stages,
        results: done.map((d) => d.result),
        stageNotes: inspected.ok ? stageNotes : [],
        failure,
        startedAt: read.startedAt,
      }),
    );
    if (saved.suggestAfter) {
      await step.sendEvent("request-suggestions", documentSuggestionsRequested.create({ tenantId, documentId }, { id: `suggestions-${saved.suggestAfter}` }));
    }
    if (saved.status === "FAILED") throw new NonRetriableError(saved.error ?? "El documento no se pudo procesar");
    return { status: saved.status ?? "SKIPPED", reviewStatus: saved.reviewStatus };
  },
);
